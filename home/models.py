from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyStreamBlock, RouteBlock, heading_anchors
from core.models import ReviewedContentMixin
from resources.marking import PublicPageLinksMixin


class HomePage(PublicPageLinksMixin, Page):
    """The front door: urgent help first, then a route for each audience."""

    intro = models.TextField(max_length=400)
    routes = StreamField(
        [("route", RouteBlock())],
        min_num=1,
        help_text="One route for each audience: the public, children and young people, "
        "practitioners.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("routes")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]


class StandardPage(PublicPageLinksMixin, ReviewedContentMixin, Page):
    """A plain content page: help for an audience, legal pages, statements."""

    intro = models.TextField(max_length=400, blank=True)
    body = StreamField(BodyStreamBlock())

    content_panels = (
        Page.content_panels
        + [FieldPanel("intro"), FieldPanel("body")]
        + ReviewedContentMixin.review_panels
    )
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    @property
    def contents(self):
        return heading_anchors(self.body)
