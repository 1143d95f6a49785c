"""Purge the shared cache whenever what the public may see changes (P7).

Wagtail's frontend_cache app purges a page's URLs when the page is published or
unpublished, and nothing else. A CDN in front of the site would then keep its
public copy of a page made private, of a document moved into a restricted
collection, or of every page showing an old phone number, until the copy's
lifetime ends. The handlers here purge those copies too.

They are signal handlers, not admin hooks, so scheduled publishing, management
commands and scripts purge as well as the admin does; the one hook covers the
admin's bulk move of documents, which sends no signal. Each purge waits for the
database commit: purged earlier, the CDN could fetch the old public version
again, and keep it, before the change is visible.
"""

import os

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.urls import reverse
from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.documents.views.bulk_actions.add_to_collection import AddToCollectionBulkAction
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import published, unpublished

from core.models import PartnershipSettings
from help.models import Contact
from quickexit.models import QuickExitSettings
from resources.marking import public_pages_linking_to
from resources.models import MARKING_FIELDS, Resource
from resources.pages import ResourceLibraryPage

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


def add_pages(batch, pages):
    """Add each page's URLs, with every path it is cached under (`get_cached_paths`)."""
    for page in pages:
        paths = [path.lstrip("/") for path in page.specific_deferred.get_cached_paths()]
        batch.add_urls(root + path for root in page_roots(page) for path in paths)


def add_library(batch, resource_ids=(), libraries=None):
    """Add the live library pages, and each given resource's own page on each of them."""
    if libraries is None:
        libraries = ResourceLibraryPage.objects.live()
    for library in libraries:
        add_pages(batch, [library])
        paths = [library.reverse_subpage("resource", args=[pk]) for pk in resource_ids]
        batch.add_urls(root + path for root in page_roots(library) for path in paths)


def add_document(batch, pk, file_name):
    """Add a document's serve URL on every site (documents belong to no one site)."""
    path = reverse("wagtaildocs_serve", args=(pk, os.path.basename(file_name)))
    batch.add_urls({root.root_url + path for root in Site.get_site_root_paths()})


def add_resource(batch, resource, old_file_name=None):
    """Add everywhere a public copy of the resource could sit: its file, the library and links."""
    for file_name in {resource.file.name, old_file_name} - {None}:
        add_document(batch, resource.pk, file_name)
    add_library(batch, [resource.pk])
    add_pages(batch, public_pages_linking_to(resource))


def purge_after_commit(batch):
    """Purge once the change is committed (at once outside a transaction)."""
    if batch.urls:
        transaction.on_commit(batch.purge)


# Page privacy ------------------------------------------------------------


def page_restriction_changed(restriction):
    """A page made private, made public again, or shared with other groups.

    The restriction covers the page's descendants too, so they are purged with it.
    """
    page = Page.objects.filter(pk=restriction.page_id).first()
    if page is not None:
        batch = PurgeBatch()
        add_pages(batch, page.get_descendants(inclusive=True).live())
        purge_after_commit(batch)


# Collection privacy ------------------------------------------------------


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


RESTRICTION_CHANGED = {
    PageViewRestriction: page_restriction_changed,
    CollectionViewRestriction: collection_restriction_changed,
}


def restriction_saved_or_deleted(sender, instance, raw=False, **kwargs):
    if not raw:
        RESTRICTION_CHANGED[sender](instance)


def restriction_groups_changed(instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    restrictions = model.objects.filter(pk__in=pk_set or ()) if reverse else [instance]
    for restriction in restrictions:
        RESTRICTION_CHANGED[type(restriction)](restriction)


# Resources ---------------------------------------------------------------


def stored_resource(pk):
    """The resource's row as the database holds it, or None for a new one."""
    return Resource.objects.filter(pk=pk).values(*ACCESS_FIELDS, *LISTING_FIELDS).first()


def changed(before, instance, fields):
    """Whether any of `fields` differs between the stored row `before` and `instance`.

    A file compares equal to its stored name; a foreign key compares by its id.
    """
    return any(
        before[name] != Resource._meta.get_field(name).value_from_object(instance)
        for name in fields
    )


def remember_stored_resource(instance, raw=False, **kwargs):
    instance._stored_before_save = None if raw else stored_resource(instance.pk)


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


# Settings and contacts -------------------------------------------------------


def purge_sites(sites):
    """Every live page of the sites, as the layout of each one shows settings and contacts.

    Wagtail has no "purge everything"; its documentation purges a PurgeBatch of
    all the pages concerned, as here. Each resource's page in a library counts
    as a page.
    """
    batch = PurgeBatch()
    resource_ids = list(Resource.objects.values_list("pk", flat=True))
    for site in sites:
        add_pages(batch, site.root_page.get_descendants(inclusive=True).live())
        add_library(
            batch,
            resource_ids,
            ResourceLibraryPage.objects.live().descendant_of(site.root_page, inclusive=True),
        )
    purge_after_commit(batch)


def site_setting_saved(instance, raw=False, **kwargs):
    if not raw:
        purge_sites([instance.site])


def contact_published_or_unpublished(**kwargs):
    """Contacts belong to no one site: any page of any site may show one."""
    purge_sites(Site.objects.select_related("root_page"))


def contact_deleted(instance, **kwargs):
    if instance.live:
        contact_published_or_unpublished()


def connect():
    """Connect the handlers (from `CoreConfig.ready`)."""
    for model in RESTRICTION_CHANGED:
        post_save.connect(restriction_saved_or_deleted, sender=model)
        post_delete.connect(restriction_saved_or_deleted, sender=model)
        m2m_changed.connect(restriction_groups_changed, sender=model.groups.through)
    pre_save.connect(remember_stored_resource, sender=Resource)
    post_save.connect(resource_saved, sender=Resource)
    pre_delete.connect(resource_deleted, sender=Resource)
    hooks.register("after_bulk_action", resources_moved_in_bulk)
    for model in (PartnershipSettings, QuickExitSettings):
        post_save.connect(site_setting_saved, sender=model)
    published.connect(contact_published_or_unpublished, sender=Contact)
    unpublished.connect(contact_published_or_unpublished, sender=Contact)
    post_delete.connect(contact_deleted, sender=Contact)
