"""Who may read which resource.

A collection's view restrictions (its own and its ancestors') decide access, as
Wagtail's document serving does. On top of that, access fails closed: an
OFFICIAL-SENSITIVE document whose collection is not private to a group is
readable by nobody, so a privacy setting removed by mistake, or a document moved
by a bulk action that skips the form's rules, never makes it public.
"""

from django.db.models import Q
from wagtail.api.v2.utils import get_restricted_collection_ids
from wagtail.models import BaseViewRestriction, Collection

from resources.models import Resource


def is_restricted(document):
    """Whether any view restriction applies to the document's collection."""
    return document.collection.get_view_restrictions().exists()


def _collections_under(roots):
    """The ids of `roots` (a Collection queryset) and of all their sub-collections."""
    paths = list(roots.values_list("path", flat=True))
    if not paths:
        return set()
    under_any = Q()
    for path in paths:
        under_any |= Q(path__startswith=path)
    return set(Collection.objects.filter(under_any).values_list("id", flat=True))


def group_restricted_collection_ids():
    """Every collection under a group restriction, sub-collections included."""
    return _collections_under(
        Collection.objects.filter(view_restrictions__restriction_type=BaseViewRestriction.GROUPS)
    )


def restricted_collection_ids():
    """Every collection under any view restriction, sub-collections included."""
    return _collections_under(Collection.objects.filter(view_restrictions__isnull=False))


def can_read(document, request):
    """Whether this request may read the document, its title included."""
    restrictions = list(document.collection.get_view_restrictions())
    if document.sensitive and not any(
        restriction.restriction_type == BaseViewRestriction.GROUPS for restriction in restrictions
    ):
        return False
    return all(restriction.accept_request(request) for restriction in restrictions)


def readable_resources(request, queryset=None):
    """The resources this request may read: the only way listings and search find them."""
    queryset = Resource.objects.all() if queryset is None else queryset
    hidden = get_restricted_collection_ids(request)
    if hidden:
        queryset = queryset.exclude(collection_id__in=hidden)
    guarded = group_restricted_collection_ids()
    unguarded_sensitive = Q(sensitive=True) & ~Q(collection_id__in=guarded)
    return queryset.exclude(unguarded_sensitive)
