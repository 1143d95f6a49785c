from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyStreamBlock, heading_anchors
from core.models import ReviewedContentMixin
from resources.marking import PublicPageLinksMixin


class TopicIndexPage(Page):
    """A list of topic articles, for one audience or a theme."""

    intro = models.TextField(max_length=400, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["articles.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # .public() leaves out articles behind a view restriction, so their
        # titles never appear in the list.
        context["articles"] = ArticlePage.objects.child_of(self).live().public().order_by("title")
        return context


class ArticlePage(PublicPageLinksMixin, ReviewedContentMixin, Page):
    """A topic article in plain language, such as 'Child trafficking'."""

    summary = models.TextField(
        max_length=300, help_text="One or two sentences, shown under the title and in lists."
    )
    body = StreamField(BodyStreamBlock())

    content_panels = (
        Page.content_panels
        + [FieldPanel("summary"), FieldPanel("body")]
        + ReviewedContentMixin.review_panels
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["articles.TopicIndexPage"]
    subpage_types = []

    @property
    def contents(self):
        return heading_anchors(self.body)
