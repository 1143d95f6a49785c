"""Which pages a request may see, for search, listings and menus (P4).

`Page.objects.live()` includes pages behind a view restriction, so a search or a
list built on it prints private titles to everyone; `.public()` goes too far the
other way and hides a group's pages from the group's own members. Wagtail's
per-request answer, `wagtail.api.querysets.get_public_pages_queryset`, is internal
and lets a `?site=` parameter choose another site's tree, so the same rule is
written out here, scoped to the site the request came to.
"""

from wagtail.models import Page, PageViewRestriction, Site

from core.middleware import signed_in


def viewable_pages(request, queryset=None):
    """The live pages of the request's site that this request may view.

    A page is left out when any restriction on it or on an ancestor refuses the
    request, as Wagtail's own page serving would. Nobody signed in passes no
    restriction (the site allows group restrictions only), hence `.public()`.
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
        if not restriction.accept_request(request):
            queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    return queryset
