"""Purge every public copy of a resource when who may read it, or what it shows, changes.

Connected in `ResourcesConfig.ready()` with the tools of `core.purge`. The one
admin hook covers the admin's bulk move of documents, which sends no signal.
"""

from django.db.models.signals import post_save, pre_delete, pre_save
from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.documents.views.bulk_actions.add_to_collection import AddToCollectionBulkAction
from wagtail.models import Collection, CollectionViewRestriction

from core.pages import public_pages_linking_to
from core.purge import (
    add_document,
    add_page_paths,
    add_pages,
    on_restriction_change,
    purge_after_commit,
)
from resources.models import MARKING_FIELDS, Resource, ResourceLibraryPage

# A change to any of these changes who may read a resource, or what a link to it shows.
ACCESS_FIELDS = ("collection", *MARKING_FIELDS, "title", "file")
# These show only in the library: its listing and the resource's own page there.
LISTING_FIELDS = (
    "summary",
    "audiences",
    "source_organisation",
    "publication_date",
    "review_date",
    "language",
)


def add_library(batch, resource_ids=()):
    """Add the live library pages, and each given resource's own page on each of them."""
    for library in ResourceLibraryPage.objects.live():
        add_page_paths(batch, library, ["", *(library.resource_path(pk) for pk in resource_ids)])


def add_resource(batch, resource, old_file_name=None):
    """Add everywhere a public copy of the resource could sit: its file, the library and links."""
    for file_name in {resource.file.name, old_file_name} - {None}:
        add_document(batch, resource.pk, file_name)
    add_library(batch, [resource.pk])
    add_pages(batch, public_pages_linking_to(resource))


def collection_restriction_changed(restriction):
    """A collection made private or public: its documents', and its sub-collections', URLs."""
    collection = Collection.objects.filter(pk=restriction.collection_id).first()
    if collection is not None:
        collections = collection.get_descendants(inclusive=True)
        resources = list(Resource.objects.filter(collection__in=collections).only("pk", "file"))
        batch = PurgeBatch()
        for resource in resources:
            add_document(batch, resource.pk, resource.file.name)
        add_library(batch, [resource.pk for resource in resources])
        purge_after_commit(batch)


def changed(before, instance, fields):
    """Whether any of `fields` differs between the stored row `before` and `instance`.

    A file compares equal to its stored name; a foreign key compares by its id.
    """
    return any(
        before[name] != Resource._meta.get_field(name).value_from_object(instance)
        for name in fields
    )


def remember_stored_resource(instance, raw=False, **kwargs):
    instance._stored_before_save = (
        None
        if raw
        else Resource.objects.filter(pk=instance.pk).values(*ACCESS_FIELDS, *LISTING_FIELDS).first()
    )


def resource_saved(instance, raw=False, **kwargs):
    """Purge as far as the change reaches.

    - A new resource: the library pages, whose listings and counts change.
    - Its collection, marking, title or file: every public copy of it.
    - Only what the library shows (summary, audiences and so on): the library.
    - Nothing: nothing.
    """
    if raw:
        return
    before = instance._stored_before_save
    batch = PurgeBatch()
    if before is None:
        add_library(batch)
    elif changed(before, instance, ACCESS_FIELDS):
        add_resource(batch, instance, old_file_name=before["file"])
    elif changed(before, instance, LISTING_FIELDS):
        add_library(batch, [instance.pk])
    purge_after_commit(batch)


def resources_moved_in_bulk(request, action_type, objects, action):
    """The admin's "Add to collection" bulk action: it moves documents with a queryset
    update, which sends no signal (an `after_bulk_action` hook, run before the commit)."""
    if isinstance(action, AddToCollectionBulkAction):
        batch = PurgeBatch()
        for resource in objects:
            add_resource(batch, resource)
        purge_after_commit(batch)


def resource_deleted(instance, **kwargs):
    """Before the delete, while Wagtail's reference index still knows which pages link to it."""
    batch = PurgeBatch()
    add_resource(batch, instance)
    purge_after_commit(batch)


def connect():
    """Connect the rules (from `ResourcesConfig.ready`)."""
    on_restriction_change(CollectionViewRestriction, collection_restriction_changed)
    pre_save.connect(remember_stored_resource, sender=Resource)
    post_save.connect(resource_saved, sender=Resource)
    pre_delete.connect(resource_deleted, sender=Resource)
    hooks.register("after_bulk_action", resources_moved_in_bulk)
