"""The resource library page: every resource this visitor may read, with filters.

The list and each resource's own page (`<library url><id>/`) are built from the
resource records, so the marking, format and dates are never typed twice.
Everything that finds resources goes through `core.access` (`readable_documents`,
`can_read_document`), so a title reaches only someone who may read the document.
One query fetches the readable resources (topics prefetched) for the list and its
filters (`resources.filters`).
"""

import datetime

from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, Site

from core import site_configuration
from core.access import (
    is_restricted_material,
    public_documents,
    public_pages,
    readable_documents,
    restricted_collection_ids,
    signed_in,
)
from core.models import ReviewedContentMixin
from core.pages import SitePage
from core.responses import mark_restricted
from resources.filters import filter_resources
from resources.models.documents import Resource


def _publication_date(resource):
    return resource.publication_date or datetime.date.min


class ResourceLibraryPage(RoutablePageMixin, ReviewedContentMixin, SitePage):
    """Lists the resource records; each resource has its own page under this one."""

    intro = models.TextField(max_length=600, blank=True)

    content_panels = (
        Page.content_panels + [FieldPanel("intro")] + ReviewedContentMixin.review_panels
    )
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "resource library"

    @classmethod
    def for_request(cls, request):
        """The live, public library of the request's site (of any site without a request).

        Kept on the request, as Wagtail keeps the request's site and settings: every
        resources section of a page links through it. It depends on pages and their
        restrictions only, so it is also kept until they change (`core.site_configuration`).
        """
        if request is not None and hasattr(request, "_resource_library"):
            return request._resource_library
        pages = public_pages(cls.objects.live())
        site = Site.find_for_request(request) if request is not None else None
        if site is None:
            return pages.first()
        library = site_configuration.kept(
            request, ("resource library", site.pk), pages.in_site(site).first
        )
        request._resource_library = library
        return library

    def resource_path(self, resource_id):
        """The path of a resource's own page below the library's: `<id>/`."""
        return self.reverse_subpage("resource", args=[resource_id])

    def resource_url(self, resource, request=None):
        """The address of a resource's own page: `<library url><id>/`."""
        return self.get_url(request) + self.resource_path(resource.pk)

    def get_cached_paths(self):
        """The library and the page of each public resource: what a shared cache may keep.

        The pages of restricted material are `private, no-store`, never in a shared cache.
        """
        return ["/"] + [
            "/" + self.resource_path(pk) for pk in public_documents().values_list("pk", flat=True)
        ]

    @path("")
    def index_route(self, request):
        readable = list(
            readable_documents(request)
            .select_related("collection")
            .prefetch_related("topics")
            .order_by("title")
        )
        # Newest first; undated material last, in title order (the sort is stable).
        readable.sort(key=_publication_date, reverse=True)
        results, filters = filter_resources(readable, request.GET)
        response = self.render(
            request,
            context_overrides={
                "results": [(item, self.resource_url(item, request)) for item in results],
                "filters": filters,
                "filtered": any(option.checked for f in filters for option in f.options),
                "withheld": Resource.objects.count() > len(readable),
                # Asked without touching a cookie-less visitor's session (no `Vary: Cookie`).
                "signed_in": signed_in(request),
            },
        )
        restricted = restricted_collection_ids()
        if any(is_restricted_material(resource, restricted) for resource in readable):
            return mark_restricted(response)
        return response

    @path("<int:resource_id>/", name="resource")
    def resource(self, request, resource_id):
        # Material this visitor may not read is looked for among what they may read,
        # so it answers as a resource that does not exist: the same 404 page.
        document = get_object_or_404(
            readable_documents(
                request, Resource.objects.select_related("collection", "sharing_group")
            ),
            pk=resource_id,
        )
        restricted = is_restricted_material(document)
        response = self.render(
            request,
            template="resources/resource_page.html",
            context_overrides={
                "resource": document,
                "restricted": restricted,
                "review_due": document.review_date is not None
                and document.review_date < timezone.localdate(),
                "library_path": [*self.get_breadcrumb_ancestors(), self],
            },
        )
        return mark_restricted(response) if restricted else response

    def get_sitemap_urls(self, request=None):
        """The library, and the page of every public resource; never a restricted one."""
        public = public_documents().order_by("pk")
        base = self.get_full_url(request)
        return super().get_sitemap_urls(request) + [
            {
                "location": base + self.resource_path(resource.pk),
                "lastmod": resource.created_at,
            }
            for resource in public
        ]
