"""The resource library page: every resource this visitor may read, with filters.

The list and each resource's own page (`<library url><id>/`) are built from the
resource records, so the marking, format and dates are never typed twice.
Everything that finds resources goes through `readable_resources` or `can_read`,
so a title reaches only someone who may read the document.

Filtering is done in Python on the readable resources: a partnership's library
holds hundreds of documents, not millions, and audiences are a JSON list that
SQLite cannot search inside. One query fetches them all (topics prefetched),
and the counts for every option come from the same rows.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, Site

from core.models import ReviewedContentMixin
from resources.marking import PublicPageLinksMixin
from resources.models import Audience, Resource

# resources.access (and resources.views, which uses it) can only be imported once
# every app's models are loaded, and this module is loaded with them: the views
# below import them when they run.


@dataclass
class Option:
    value: str
    label: str
    count: int
    checked: bool


@dataclass
class Filter:
    name: str
    legend: str
    options: list


def _facets(resource):
    """{filter name: the values this resource has}, for matching and counting."""
    return {
        "audience": set(resource.audiences),
        "topic": {topic.slug for topic in resource.topics.all()},
        "format": {resource.file_extension.lower()},
    }


def _labels(resources):
    """{filter name: {value: label}} for the values the given resources have."""
    audiences = dict(Audience.choices)
    labels = {"audience": {}, "topic": {}, "format": {}}
    for resource in resources:
        for value in resource.audiences:
            if value in audiences:
                labels["audience"][value] = audiences[value]
        for topic in resource.topics.all():
            labels["topic"][topic.slug] = topic.name
        extension = resource.file_extension.lower()
        labels["format"][extension] = extension.upper()
    # Audiences in the vocabulary's order; topics and formats alphabetically.
    order = list(audiences)
    return {
        "audience": dict(sorted(labels["audience"].items(), key=lambda i: order.index(i[0]))),
        "topic": dict(sorted(labels["topic"].items(), key=lambda item: item[1].lower())),
        "format": dict(sorted(labels["format"].items())),
    }


FILTER_LEGENDS = {"audience": "Who it is for", "topic": "Topic", "format": "Format"}


def filter_resources(resources, query):
    """(matching resources, [Filter]) for the options chosen in `query` (a QueryDict).

    Options within a filter widen the choice (health or education); filters
    narrow it (health, and PDF). Each option's count is how many resources it
    would match with the other filters as they are. Values that no readable
    resource has are ignored, so an old bookmark cannot empty the list.
    """
    labels = _labels(resources)
    chosen = {name: set(query.getlist(name)) & set(labels[name]) for name in FILTER_LEGENDS}
    rows = [(resource, _facets(resource)) for resource in resources]

    def matches(facets, ignoring=None):
        return all(
            not chosen[name] or chosen[name] & facets[name]
            for name in FILTER_LEGENDS
            if name != ignoring
        )

    filters = []
    for name, legend in FILTER_LEGENDS.items():
        counts = Counter()
        for _resource, facets in rows:
            if matches(facets, ignoring=name):
                counts.update(facets[name])
        options = [
            Option(value, label, counts[value], value in chosen[name])
            for value, label in labels[name].items()
        ]
        filters.append(Filter(name, legend, options))
    matching = [resource for resource, facets in rows if matches(facets)]
    return matching, filters


def _publication_date(resource):
    return resource.publication_date or datetime.date.min


class ResourceLibraryPage(PublicPageLinksMixin, RoutablePageMixin, ReviewedContentMixin, Page):
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
        """The live, public library of the request's site (of any site without a request)."""
        pages = cls.objects.live().public()
        site = Site.find_for_request(request) if request is not None else None
        if site is not None:
            pages = pages.in_site(site)
        return pages.first()

    def resource_url(self, resource, request=None):
        """The address of a resource's own page: `<library url><id>/`."""
        return self.get_url(request) + self.reverse_subpage("resource", args=[resource.pk])

    @path("")
    def index_route(self, request):
        from resources.access import readable_resources, restricted_collection_ids
        from resources.views import mark_restricted

        readable = list(
            readable_resources(request)
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
            },
        )
        restricted = restricted_collection_ids()
        if any(r.sensitive or r.collection_id in restricted for r in readable):
            return mark_restricted(response)
        return response

    @path("<int:resource_id>/", name="resource")
    def resource(self, request, resource_id):
        from resources.access import can_read, is_restricted
        from resources.views import mark_restricted, refusal

        document = get_object_or_404(
            Resource.objects.select_related("collection", "sharing_group"), pk=resource_id
        )
        if not can_read(document, request):
            return refusal(request)
        restricted = document.sensitive or is_restricted(document)
        response = self.render(
            request,
            template="resources/resource_page.html",
            context_overrides={
                "resource": document,
                "restricted": restricted,
                "review_due": document.review_date is not None
                and document.review_date < timezone.localdate(),
                "library_path": [*self.get_ancestors().filter(depth__gt=1), self],
            },
        )
        return mark_restricted(response) if restricted else response

    def get_sitemap_urls(self, request=None):
        """The library, and the page of every public resource; never a restricted one."""
        from resources.access import restricted_collection_ids

        public = (
            Resource.objects.exclude(collection_id__in=restricted_collection_ids())
            .exclude(sensitive=True)
            .order_by("pk")
        )
        base = self.get_full_url(request)
        return super().get_sitemap_urls(request) + [
            {
                "location": base + self.reverse_subpage("resource", args=[resource.pk]),
                "lastmod": resource.created_at,
            }
            for resource in public
        ]
