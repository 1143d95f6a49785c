"""Answers about a site's configuration, read once per process until it changes.

Some answers every page needs cost a query each time, yet change only when an
editor changes the configuration: the request's site with its settings (the dearest
query of a simple page: its SQL joins seven settings and the pages they name), or the
resource library of a site. `kept(request, key, read)` keeps the answer of `read()`
in this process as pickled bytes, so that each request unpickles copies of its own
that it may change freely, for as long as the *generation* in the shared cache stays
the same.

Saving or deleting a site, a page, a page's view restriction, a site setting or
anything a setting selects (`configuration_models`) writes a new generation, at
once and again when the transaction commits, so that no process keeps an answer it
read before the commit. A request reads the generation with Wagtail's site root
paths, in one round trip to the shared cache. Where the cache fails, or is private
to each process (development, most tests), nothing is kept: one process could not
learn of a change made by another.

Only answers that depend on nothing else may be kept: not documents (moved between
collections in bulk, which sends no signal), nor anything a visitor's account changes.
An app adds models of its own with `watch` (the contact registry adds contacts).
"""

import functools
import logging
import pickle
import threading
import time
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import (
    SITE_ROOT_PATHS_CACHE_KEY,
    SITE_ROOT_PATHS_CACHE_VERSION,
    SiteRootPath,
)

from core.shared_state import cache_is_shared

logger = logging.getLogger(__name__)

# Kept beside Wagtail's site root paths, under the same cache version, so that both
# come in one `get_many`.
GENERATION_KEY = "site_configuration_generation"
# Enough for the sites' settings and the pages people read most; the oldest answer
# goes first, so addresses made up by the thousand cannot make this grow.
MOST_ANSWERS = 1000
# However long the generation stays the same: should the shared cache refuse to write a
# new one while it still answers reads, no process keeps an old answer longer than this.
KEPT_SECONDS = 60
_answers = {}  # {(generation, key): (when read, pickled answer)}, current generation only
_lock = threading.Lock()


def kept(request, key, read):
    """The answer of `read()` for `key`, read once per generation in this process.
    Each call returns a copy of its own."""
    generation = _generation(request)
    if generation is None:
        return read()
    found = _answers.get((generation, key))
    if found is not None and time.monotonic() - found[0] < KEPT_SECONDS:
        return pickle.loads(found[1])
    answer = read()
    stored = (time.monotonic(), pickle.dumps(answer, pickle.HIGHEST_PROTOCOL))
    with _lock:
        if any(kept_generation != generation for kept_generation, _key in _answers):
            _answers.clear()
        if len(_answers) >= MOST_ANSWERS:
            del _answers[next(iter(_answers))]
        _answers[generation, key] = stored
    return answer


def forget():
    """Drop every answer this process keeps."""
    with _lock:
        _answers.clear()


def new_generation():
    """Write a new generation: every process reads its answers anew."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None, version=SITE_ROOT_PATHS_CACHE_VERSION)
    except Exception:
        logger.exception("The shared cache did not answer; no new generation was written")
        forget()  # This process at least; the others within KEPT_SECONDS.


def _generation(request):
    """The request's generation, read once per request; None to keep nothing."""
    if request is None or not cache_is_shared():
        return None
    if not hasattr(request, "_site_configuration_generation"):
        request._site_configuration_generation = _read_generation(request)
    return request._site_configuration_generation


def _read_generation(request):
    try:
        found = cache.get_many(
            [GENERATION_KEY, SITE_ROOT_PATHS_CACHE_KEY], version=SITE_ROOT_PATHS_CACHE_VERSION
        )
    except Exception:
        logger.exception("The shared cache did not answer; nothing kept is used")
        return None
    paths = found.get(SITE_ROOT_PATHS_CACHE_KEY)
    if paths is not None and not hasattr(request, "_wagtail_cached_site_root_paths"):
        # Where Wagtail's page URLs look for them, as Wagtail converts them (some cache
        # backends do not keep named tuples).
        request._wagtail_cached_site_root_paths = [SiteRootPath(*path) for path in paths]
    if GENERATION_KEY in found:
        return found[GENERATION_KEY]
    new_generation()  # None kept (a new or emptied cache): start one.
    return None


_watched = set()  # models apps add (`watch`)


def watch(*models):
    """Keep answers about `models` too: each save or delete of one writes a new
    generation (from an app's `ready()`). For models an editor changes one object at a
    time, with no queryset updates or bulk actions that send no signal."""
    _watched.update(models)
    configuration_models.cache_clear()


@functools.cache
def configuration_models():
    """What kept answers may depend on: sites, pages (each page type is a subclass,
    saved with its own sender), their view restrictions, site settings, what the
    settings select, and what apps `watch`."""
    models = {Site, Page, PageViewRestriction, *_watched}
    for model in registry:
        if issubclass(model, BaseSiteSetting):
            models.add(model)
            for path in model.select_related or ():
                related = model
                for name in path.split("__"):
                    related = related._meta.get_field(name).related_model
                    models.add(related)
    return tuple(models)


def watches(model):
    """Whether answers about `model` may be kept."""
    return issubclass(model, configuration_models())


def changed():
    """Every kept answer is read anew: now, and again when the transaction commits. For
    code that changes watched models without their signals (a queryset update, a raw or
    bulk insert); their saves and deletes call it themselves."""
    new_generation()
    transaction.on_commit(new_generation, robust=True)


def _changed(sender, instance, raw=False, **kwargs):
    if not raw and isinstance(instance, configuration_models()):
        changed()


def connect():
    """Write a new generation whenever the configuration changes (from `CoreConfig.ready`)."""
    post_save.connect(_changed, dispatch_uid="site-configuration-saved")
    post_delete.connect(_changed, dispatch_uid="site-configuration-deleted")
