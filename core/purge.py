"""The purge toolkit: purge the shared cache whenever what the public may see changes (P7).

Wagtail's frontend_cache app purges a page's URLs when the page is published or
unpublished, and nothing else. A CDN in front of the site would then keep its
public copy of a page made private, of a document moved into a restricted
collection, or of every page showing an old phone number, until the copy's
lifetime ends. Each app connects its own purge rules in its `AppConfig.ready()`
with the tools here, as `wagtail.contrib.frontend_cache` connects its handlers;
this module's own rules cover page privacy and the partnership settings.

Rules are signal handlers, not admin hooks, so scheduled publishing, management
commands and scripts purge as well as the admin does. Each purge waits for the
database commit: purged earlier, the CDN could fetch the old public version
again, and keep it, before the change is visible.
"""

import logging
import os

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished

from core.models import PartnershipSettings

logger = logging.getLogger(__name__)

# URLs --------------------------------------------------------------------


def page_roots(page):
    """The page's full URL on every site it appears on (usually one).

    Wagtail's `PurgeBatch.add_page` uses only the page's first site; a page can
    also be reached through a second Site record, such as a www. hostname.
    """
    return [
        root.root_url + reverse("wagtail_serve", args=(page.url_path[len(root.root_path) :],))
        for root in Site.get_site_root_paths()
        if page.url_path.startswith(root.root_path)
    ]


def add_page_paths(batch, page, paths):
    """Add the page's URL followed by each of `paths` ("" for the page itself), on every site."""
    batch.add_urls(root + path.lstrip("/") for root in page_roots(page) for path in paths)


def add_pages(batch, pages):
    """Add each page's URLs, with every path it is cached under (`get_cached_paths`)."""
    for page in pages:
        add_page_paths(batch, page, page.specific_deferred.get_cached_paths())


def add_document(batch, pk, file_name):
    """Add a document's serve URL on every site (documents belong to no one site)."""
    path = reverse("wagtaildocs_serve", args=(pk, os.path.basename(file_name)))
    batch.add_urls({root.root_url + path for root in Site.get_site_root_paths()})


def purge_now(urls):
    """Purge in this process, never on the task queue (P14): a page made private or
    unpublished must leave the cache now, not when a worker next runs. Should the
    purge fail (the cache unreachable), it goes on the queue, to be retried."""
    try:
        purge_urls_from_cache_task.call(urls)
    except Exception:
        logger.exception("Purge failed; queued to be tried again")
        purge_urls_from_cache_task.enqueue(urls)


def purge_after_commit(batch):
    """Purge once the change is committed (at once outside a transaction)."""
    if batch.urls:
        urls = sorted(batch.urls)
        transaction.on_commit(lambda: purge_now(urls))


def purge_sites(sites):
    """Every live page of the sites, as the layout of each one shows settings and contacts.

    Wagtail has no "purge everything"; its documentation purges a PurgeBatch of
    all the pages concerned, as here. A page with public sub-pages of its own
    (such as a resource in the library) lists them in `get_cached_paths`.
    """
    batch = PurgeBatch()
    for site in sites:
        add_pages(batch, site.root_page.get_descendants(inclusive=True).live())
    purge_after_commit(batch)


def purge_all_sites(**kwargs):
    """For records that belong to no one site, which any page of any site may show."""
    purge_sites(Site.objects.select_related("root_page"))


# Connecting rules ----------------------------------------------------------


def on_restriction_change(model, changed):
    """Call `changed(restriction)` when a view restriction of `model` is saved, deleted
    or given other groups."""

    def saved_or_deleted(sender, instance, raw=False, **kwargs):
        if not raw:
            changed(instance)

    def groups_changed(instance, action, reverse, model, pk_set, **kwargs):
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        restrictions = model.objects.filter(pk__in=pk_set or ()) if reverse else [instance]
        for restriction in restrictions:
            changed(restriction)

    uid = f"purge-{model._meta.label}"
    post_save.connect(saved_or_deleted, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(saved_or_deleted, sender=model, weak=False, dispatch_uid=uid)
    m2m_changed.connect(groups_changed, sender=model.groups.through, weak=False, dispatch_uid=uid)


def on_site_setting_save(model):
    """Purge a site's pages when its `model` settings are saved."""

    def saved(sender, instance, raw=False, **kwargs):
        if not raw:
            purge_sites([instance.site])

    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"purge-{model._meta.label}")


# This module's rules -------------------------------------------------------


def page_restriction_changed(restriction):
    """A page made private, made public again, or shared with other groups.

    The restriction covers the page's descendants too, so they are purged with it.
    """
    page = Page.objects.filter(pk=restriction.page_id).first()
    if page is not None:
        batch = PurgeBatch()
        add_pages(batch, page.get_descendants(inclusive=True).live())
        purge_after_commit(batch)


def page_published_or_unpublished(sender, instance, **kwargs):
    """Wagtail purges these too, but from the task queue; this purge does not wait for it."""
    batch = PurgeBatch()
    add_pages(batch, [instance])
    purge_after_commit(batch)


def connect():
    """Connect this module's rules (from `CoreConfig.ready`)."""
    page_published.connect(page_published_or_unpublished, dispatch_uid="purge-page-published")
    page_unpublished.connect(page_published_or_unpublished, dispatch_uid="purge-page-unpublished")
    on_restriction_change(PageViewRestriction, page_restriction_changed)
    on_site_setting_save(PartnershipSettings)
