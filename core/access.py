"""Who may see what: the one access policy for pages, documents and collections.

Page serving, document serving, listings, menus, search, blocks, sitemaps and
purges all ask here, so that the answer is written once.

- A page is viewable when every view restriction on it and its ancestors accepts
  the request, as Wagtail's own page serving decides.
- A document is *restricted material* when it is OFFICIAL-SENSITIVE or its
  collection (or an ancestor collection) has a view restriction. The document
  model (``WAGTAILDOCS_DOCUMENT_MODEL``) marks OFFICIAL-SENSITIVE material with a
  boolean ``sensitive`` field.
- Access to documents fails closed: an OFFICIAL-SENSITIVE document whose
  collection is not private to a group is readable by nobody, so a privacy
  setting removed by mistake, or a document moved by a bulk action that skips
  the form's rules, never makes it public.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, prefetch_related_objects
from django.db.models.functions import Length, Substr
from wagtail.documents import get_document_model
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)


def signed_in(request):
    """Whether someone is signed in, without touching the session of a visitor who has none.

    Reading the session would add `Vary: Cookie` to public pages, and a cookie-less
    visitor cannot be signed in anyway.
    """
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


def accepts(restrictions, request):
    """Whether every one of the view restrictions (of a page or a collection, with their
    ancestors') accepts the request: the one test for pages and documents alike.

    Someone not signed in is refused by any restriction without reading the session
    (restrictions are by group or sign-in only, never by shared password), so an
    anonymous listing stays free of `Vary: Cookie` and can be shared by the cache.
    """
    if restrictions and not signed_in(request):
        return False
    return all(accepted(restriction, request) for restriction in restrictions)


def accepted(restriction, request):
    """Wagtail's `accept_request`, with the visitor's groups read once for the request:
    Wagtail reads them again for every group restriction it checks."""
    user = request.user
    if user.is_authenticated and "groups" not in getattr(user, "_prefetched_objects_cache", {}):
        prefetch_related_objects([user], "groups")
    return restriction.accept_request(request)


# Pages -------------------------------------------------------------------


def viewable_pages(request, queryset=None):
    """The live pages of the request's site that this request may view.

    `Page.objects.live()` includes pages behind a view restriction, so a list built
    on it prints private titles to everyone; `.public()` hides a group's pages from
    the group's own members. A page is left out here when any restriction on it or
    on an ancestor refuses the request. Nobody signed in passes no restriction (the
    site allows group restrictions only), hence `.public()` for them.
    """
    queryset = (Page.objects.all() if queryset is None else queryset).live()
    site = Site.find_for_request(request)
    if site is None:
        return queryset.none()
    queryset = queryset.descendant_of(site.root_page, inclusive=True)
    if not signed_in(request):
        return queryset.public()
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    for restriction in restrictions:
        if not accepted(restriction, request):
            queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    return queryset


def public_pages(queryset):
    """The pages of `queryset` with no view restriction on them or above them.

    Wagtail's `.public()` in one query (it reads every restriction first), for a query
    that is not searched: search backends take plain field filters only.
    """
    restriction_above = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.exclude(Exists(restriction_above))


# Collections -------------------------------------------------------------


def _under(roots):
    """`roots` (a Collection queryset) and all their sub-collections, as a queryset of ids:
    a collection is under a root when the root's tree path begins its own."""
    root_above = roots.filter(path=Substr(OuterRef("path"), 1, Length("path")))
    return Collection.objects.filter(Exists(root_above)).values_list("id", flat=True)


def _collections_under(roots):
    """The ids of `roots` (a Collection queryset) and of all their sub-collections."""
    return set(_under(roots))


def _with_restriction():
    return Collection.objects.filter(view_restrictions__isnull=False)


def _with_group_restriction():
    return Collection.objects.filter(view_restrictions__restriction_type=BaseViewRestriction.GROUPS)


def restricted_collection_ids():
    """Every collection under any view restriction, sub-collections included."""
    return _collections_under(_with_restriction())


def group_restricted_collection_ids():
    """Every collection under a group restriction, sub-collections included."""
    return _collections_under(_with_group_restriction())


def hidden_collection_ids(request):
    """The collections, sub-collections included, whose restrictions refuse the request."""
    refused = [
        restriction.collection_id
        for restriction in CollectionViewRestriction.objects.prefetch_related("groups")
        if not accepts([restriction], request)
    ]
    return _collections_under(Collection.objects.filter(pk__in=refused)) if refused else set()


def is_restricted_collection(collection):
    """Whether a view restriction applies to the collection or one of its ancestors."""
    return collection.get_view_restrictions().exists()


# Documents ---------------------------------------------------------------


def is_restricted_material(document, restricted_collections=None):
    """Whether the document is OFFICIAL-SENSITIVE or in a restricted collection.

    Give `restricted_collections` (`restricted_collection_ids()`) when asking about
    several documents, to look the collections up once.
    """
    if document.sensitive:
        return True
    if restricted_collections is None:
        return is_restricted_collection(document.collection)
    return document.collection_id in restricted_collections


def can_read_document(document, request):
    """Whether this request may read the document, its title included."""
    restrictions = list(document.collection.get_view_restrictions())
    if document.sensitive and not any(
        restriction.restriction_type == BaseViewRestriction.GROUPS for restriction in restrictions
    ):
        return False
    return accepts(restrictions, request)


def readable_documents(request, queryset=None):
    """The documents this request may read: the only way listings and search find them."""
    queryset = get_document_model().objects.all() if queryset is None else queryset
    if signed_in(request):
        hidden = hidden_collection_ids(request)
    else:
        # Nobody signed in passes a restriction (the site allows group restrictions
        # only, as `viewable_pages` says): every restricted collection, in the one query.
        hidden = _under(_with_restriction())
    queryset = queryset.exclude(collection_id__in=hidden)
    guarded = _under(_with_group_restriction())
    return queryset.exclude(Q(sensitive=True) & ~Q(collection_id__in=guarded))


def public_documents(queryset=None):
    """The documents that are not restricted material: what anyone may read."""
    queryset = get_document_model().objects.all() if queryset is None else queryset
    restricted = _under(_with_restriction())
    return queryset.exclude(collection_id__in=restricted).exclude(sensitive=True)


def in_restricted_collection():
    """For a document query: whether its collection, or one above it, has a view
    restriction (`is_restricted_collection` for each row, in the same query)."""
    return Exists(
        CollectionViewRestriction.objects.filter(
            collection__path=Substr(OuterRef("collection__path"), 1, Length("collection__path"))
        )
    )
