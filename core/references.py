"""What a page's content refers to, fetched together while the page is served.

A page body chooses contacts and resources, and its rich text links to pages and
documents. Wagtail fetches what blocks choose one block type at a time (the contacts
of every callout, then those of every "related contacts" section), and each rich
text value looks up its own links when it is shown: the more a page holds, the more
queries it costs. While a page is served (`core.pages.SitePage.serve`), everything its
fields refer to is read from their stored data first and fetched with one query per
model; the chooser blocks and rich text link handlers below take their objects from
there. Anywhere else they fetch as Wagtail does. Pages and contacts are kept
between requests until they change (`core.site_configuration`).
"""

import copy
import functools
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import extract_references_from_rich_text

from core import site_configuration

_fetched = ContextVar("fetched_references", default=None)
_request = ContextVar("request_served", default=None)


class FetchedTogetherChooserMixin:
    """For a chooser block: take the chosen objects from those fetched for the page.

    `display_queryset` says how to fetch them for display (with what they show).
    """

    def display_queryset(self):
        return self.model_class._default_manager.all()

    def bulk_to_python(self, values):
        values = list(values)
        objects = objects_by_pk(self.model_class, values, self.display_queryset)
        # As Wagtail's ChooserBlock: in order, None for what is gone, a copy for a repeat.
        result, seen = [], set()
        for value in values:
            obj = objects.get(primary_key(self.model_class, value))
            if obj is not None and value in seen:
                obj = copy.copy(obj)
            result.append(obj)
            seen.add(value)
        return result


def linked_pages():
    """The pages rich text links to, as plain pages (`core.rich_text` gives a page of a
    type with its own way of making URLs as its own type)."""
    return Page.objects.all()


def primary_key(model, value):
    try:
        return model._meta.pk.to_python(value)
    except (TypeError, ValueError, ValidationError):
        return None


def objects_by_pk(model, pks, queryset):
    """{pk: object} for `pks` of `model`: those fetched for the page being served, and any
    others with one query (`queryset()`), kept for the rest of the page."""
    pks = {pk for pk in (primary_key(model, pk) for pk in pks) if pk is not None}
    fetched = _fetched.get()
    known = {} if fetched is None else fetched.setdefault(model, {})
    missing = pks - set(known)
    if missing:
        found = queryset().in_bulk(sorted(missing))
        known.update({pk: found.get(pk) for pk in missing})
    return {pk: known[pk] for pk in pks if known[pk] is not None}


# Reading stored data --------------------------------------------------------


def _is_list_item(item):
    """A ListBlock item in Wagtail's stored form {"type": "item", "value": …, "id": …}."""
    return isinstance(item, dict) and item.get("type") == "item" and "value" in item


def _stored_references(block, raw, found):
    """Add what `raw`, a block's stored value, refers to, to `found` (as `references_of`)."""
    if raw is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type"))
            if child is not None:
                _stored_references(child, item.get("value"), found)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            _stored_references(child, raw.get(name), found)
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            value = item["value"] if _is_list_item(item) else item
            _stored_references(block.child_block, value, found)
    elif isinstance(block, FetchedTogetherChooserMixin):
        # What a chooser block fetches its model with is what shows it: it wins.
        _add(found, block.model_class, raw, block.display_queryset, chosen=True)
    elif isinstance(block, blocks.RichTextBlock):
        _rich_text_references(raw, found)


def _rich_text_references(html, found):
    for model, pk, _path, _content_path in extract_references_from_rich_text(html or ""):
        if issubclass(model, Page):
            _add(found, Page, pk, linked_pages)
        else:
            _add(found, model, pk, model._default_manager.all)


def _add(found, model, pk, queryset, chosen=False):
    pk = primary_key(model, pk)
    if pk is None:
        return
    entry = found.setdefault(model, {"queryset": queryset, "pks": set()})
    if chosen:
        entry["queryset"] = queryset
    entry["pks"].add(pk)


def references_of(page):
    """What the page's StreamFields and rich text fields refer to, read from their stored
    data (nothing is fetched): {model: {"queryset": how to fetch it, "pks": {…}}}."""
    found = {}
    for field in page._meta.concrete_fields:
        value = field.value_from_object(page)
        if isinstance(field, StreamField) and value is not None:
            for item in value.raw_data:
                child = field.stream_block.child_blocks.get(item.get("type"))
                if child is not None:
                    _stored_references(child, item.get("value"), found)
        elif isinstance(field, RichTextField):
            _rich_text_references(value, found)
    return found


@contextmanager
def fetched_together(page, request=None):
    """Within this block, what `page` refers to is fetched (one query per model), and
    `request`, the request it is served for, is `request_served()`."""
    fetched = {}
    for model, entry in references_of(page).items():
        pks = sorted(entry["pks"])
        fetch = functools.partial(_in_bulk, entry["queryset"], pks)
        if site_configuration.watches(model):
            key = ("references", model._meta.label, entry["queryset"].__qualname__, *pks)
            found = site_configuration.kept(request, key, fetch)
        else:
            found = fetch()
        fetched[model] = {pk: found.get(pk) for pk in entry["pks"]}
    tokens = _fetched.set(fetched), _request.set(request)
    try:
        yield
    finally:
        _fetched.reset(tokens[0])
        _request.reset(tokens[1])


def _in_bulk(queryset, pks):
    return queryset().in_bulk(pks)


def request_served():
    """The request a page is being served for (`fetched_together`), or None."""
    return _request.get()
