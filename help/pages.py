from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import PARAGRAPH_FEATURES, BodyStreamBlock, heading_anchors
from core.models import ReviewedContentMixin
from resources.marking import PublicPageLinksMixin

from . import opening_hours
from .answers import answer_for
from .models import Area, Contact

ELSEWHERE = "somewhere-else"


class ConcernPage(PublicPageLinksMixin, ReviewedContentMixin, Page):
    """'Worried about a child?': the right number for where the child lives, now.

    The area choice is a plain link (?area=slug), so it works without
    JavaScript. The answer is worked out for each request from the contact
    registry and the opening hours, and pages are never cached, so it cannot
    show a number that has stopped being right.
    """

    intro = models.TextField(max_length=400)
    what_to_have_ready = RichTextField(features=PARAGRAPH_FEATURES)
    what_happens_next = RichTextField(features=PARAGRAPH_FEATURES)
    somewhere_else = RichTextField(
        features=PARAGRAPH_FEATURES,
        help_text="What to do if the child lives outside the partnership's areas.",
    )
    body = StreamField(
        BodyStreamBlock(),
        help_text="The routes for each audience: the public, children and young people, "
        "practitioners.",
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("intro"),
            FieldPanel("what_to_have_ready"),
            FieldPanel("what_happens_next"),
            FieldPanel("somewhere_else"),
            FieldPanel("body"),
        ]
        + ReviewedContentMixin.review_panels
    )
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "help/concern_page.html"

    @property
    def contents(self):
        return heading_anchors(self.body)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        moment = opening_hours.now()
        areas = list(Area.objects.all())
        chosen = request.GET.get("area", "")
        context.update(
            {
                "moment": opening_hours.uk_time(moment),
                "areas": areas,
                "elsewhere_slug": ELSEWHERE,
                "chosen": chosen,
                "emergency_contacts": Contact.published.filter(kind=Contact.Kind.EMERGENCY)
                .prefetch_related("opening_periods")
                .order_by("channel"),
            }
        )
        area = next((area for area in areas if area.slug == chosen), None)
        if area is not None:
            context["answer"] = answer_for(area, moment)
        return context
