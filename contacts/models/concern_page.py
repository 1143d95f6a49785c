from django.db import models
from wagtail.fields import RichTextField, StreamField

from contacts import opening_hours
from contacts.blocks import ContactsBodyBlock
from contacts.models.answers import ShownContacts, answer_for
from contacts.models.contacts import Area
from core.blocks import PARAGRAPH_FEATURES
from core.http_cache import limit_shared_lifetime
from core.pages import ContentPage

ELSEWHERE = "somewhere-else"


class ConcernPage(ContentPage):
    """'Worried about a child?': the right number for where the child lives, now.

    The area choice is a plain link (?area=slug), so it works without
    JavaScript. The answer is worked out from the contact registry and the
    opening hours. The shared cache may keep a copy (core.http_cache), but
    never past the next moment a front door or out-of-hours service opens or
    closes, so a copy cannot call a closed service open or give a wrong time.
    Publishing a contact purges every copy (contacts.purge). Nothing on the
    page is tied to the moment it was made beyond that: no clock time, and
    "today" or "tonight" only for a change that comes by the end of the day.
    """

    intro = models.TextField(max_length=400)
    what_to_have_ready = RichTextField(features=PARAGRAPH_FEATURES)
    what_happens_next = RichTextField(features=PARAGRAPH_FEATURES)
    somewhere_else = RichTextField(
        features=PARAGRAPH_FEATURES,
        help_text="What to do if the child lives outside the partnership's areas.",
    )
    body = StreamField(
        ContactsBodyBlock(),
        help_text="The routes for each audience: the public, children and young people, "
        "practitioners.",
    )

    content_panels = ContentPage.panels_with(
        "intro", "what_to_have_ready", "what_happens_next", "somewhere_else"
    )
    search_fields = ContentPage.search_fields_with("intro")

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "contacts/concern_page.html"

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The moment the answer was worked out for, not a later one: a change in between
        # would otherwise let a copy outlive it.
        context = getattr(response, "context_data", None) or {}
        moment, shown = context.get("moment"), context.get("shown_contacts")
        until = shown.stay_true_until(moment) if moment and shown else None
        if until is not None:
            limit_shared_lifetime(response, until.timestamp() - moment.timestamp())
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        moment = opening_hours.now()
        areas = list(Area.objects.all())
        shown = ShownContacts()
        chosen = request.GET.get("area", "")
        context.update(
            {
                "moment": opening_hours.uk_time(moment),
                "areas": areas,
                "elsewhere_slug": ELSEWHERE,
                "chosen": chosen,
                "shown_contacts": shown,
                "emergency_contacts": shown.emergency,
            }
        )
        area = next((area for area in areas if area.slug == chosen), None)
        if area is not None:
            context["answer"] = answer_for(area, moment, shown)
        return context
