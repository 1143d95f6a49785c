"""The resource library page: every resource this visitor may read, with filters."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from core.models import ReviewedContentMixin


class ResourceLibraryPage(RoutablePageMixin, ReviewedContentMixin, Page):
    """Lists the resource records; each resource has its own page under this one."""

    intro = models.TextField(max_length=600, blank=True)

    content_panels = (
        Page.content_panels + [FieldPanel("intro")] + ReviewedContentMixin.review_panels
    )
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "resource library"
