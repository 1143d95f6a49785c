"""Finding the page for a URL with one query for the whole path.

Wagtail's own routing asks for each level of the path twice (the child with that
slug, then its specific page), then the page's ancestors twice more (for its view
restrictions and again for its breadcrumbs). Here one query fetches every page from
the root of the tree to the one asked for, by their URL paths, each marked with
whether a view restriction is set on it; only the page served is then read as its
own type. The pages above it are kept on it as its `Lineage`, for its breadcrumbs
and its view restrictions (`core.pages.SitePage`). The line of pages depends on
pages and their restrictions only, so it is kept until they change
(`core.site_configuration`), and so is the page served, as its own type.

A page type with its own `route` (a routable page, say) still decides what the rest
of the path means below it, exactly as in Wagtail.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.http import Http404
from wagtail.models import Page, PageViewRestriction, Site

from core import site_configuration


@dataclass(frozen=True)
class Lineage:
    """The pages above a served page, and which pages of its line carry restrictions."""

    ancestors: list  # plain `Page` objects, from the root of the tree down to the parent
    restricted_page_ids: list  # pages (itself included) whose view restrictions apply to it

    def view_restrictions(self):
        """The same restrictions as Wagtail's `Page.get_view_restrictions`, without
        a query when none is set anywhere on the line (most pages)."""
        if not self.restricted_page_ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=self.restricted_page_ids)


def _has_own_route(page):
    return page.specific_class is not None and page.specific_class.route is not Page.route


def _line_of_pages(root, components):
    """The pages from the root of the tree down the path, as far as pages exist: those
    above `root`, `root`, then one for each component. Each is marked `view_restricted`."""
    url_paths = [
        root.url_path + "".join(f"{component}/" for component in components[:count])
        for count in range(1, len(components) + 1)
    ]
    steps = range(Page.steplen, len(root.path) + 1, Page.steplen)
    paths_to_root = [root.path[:end] for end in steps]
    # An alias has no restrictions of its own: those of the page it copies apply (as in Wagtail).
    restricted = PageViewRestriction.objects.filter(
        page_id=Coalesce(OuterRef("alias_of_id"), OuterRef("pk"))
    )
    pages = (
        Page.objects.filter(
            Q(path__in=paths_to_root) | Q(url_path__in=url_paths, path__startswith=root.path)
        )
        .annotate(view_restricted=Exists(restricted))
        .order_by("depth")
    )
    line = []
    for page in pages:
        if page.depth != len(line) + 1 or (line and not page.path.startswith(line[-1].path)):
            break
        line.append(page)
    return line


def route(request, path):
    """What Wagtail's `Page.route_for_request` answers for `path`: a `RouteResult`, or
    None for no page."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    root = site.root_page.localized
    try:
        line = site_configuration.kept(
            request,
            ("line of pages", root.pk, *components),
            lambda: _line_of_pages(root, components),
        )
        if len(line) < root.depth:  # Not the tree the site's root page is in: Wagtail's way.
            return root.specific.route(request, components)
        # Down from the root, to the page the path names or the first whose type
        # routes the rest of the path itself.
        found = root.depth - 1
        while found + 1 < len(line) and not _has_own_route(line[found]):
            found += 1
        for parent, child in zip(line, line[1:], strict=False):
            child._cached_parent_obj = parent
        served = line[found]
        page = site_configuration.kept(request, ("page", served.pk), lambda: served.specific)
        page.lineage = Lineage(
            ancestors=line[:found],
            restricted_page_ids=[
                each.alias_of_id or each.pk for each in line[: found + 1] if each.view_restricted
            ],
        )
        return page.route(request, components[found - (root.depth - 1) :])
    except Http404:
        return None
