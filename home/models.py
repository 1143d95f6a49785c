from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.access import viewable_pages
from core.blocks import RouteBlock
from core.pages import ContentPage, SitePage
from pages.blocks import BodyStreamBlock


class HomePage(SitePage):
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

    def get_context(self, request, *args, **kwargs):
        """Leave out each route to a page this visitor may not open, so that not
        even the route's wording tells them the page exists (P4)."""
        context = super().get_context(request, *args, **kwargs)
        routes = [route for route in self.routes if route.value["page"]]
        chosen = Page.objects.filter(pk__in=[route.value["page"].pk for route in routes])
        open_ids = set(viewable_pages(request, chosen).values_list("pk", flat=True))
        context["routes"] = [route for route in routes if route.value["page"].pk in open_ids]
        return context


class StandardPage(ContentPage):
    """A plain content page: help for an audience, legal pages, statements."""

    intro = models.TextField(max_length=400, blank=True)
    body = StreamField(BodyStreamBlock())

    content_panels = ContentPage.panels_with("intro")
    search_fields = ContentPage.search_fields_with("intro")
