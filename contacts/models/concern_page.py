from django.db import models
from django.http import HttpResponseRedirect
from wagtail.fields import RichTextField, StreamField

from contacts import opening_hours
from contacts.blocks import ContactsBodyBlock
from contacts.forms import AreaFinderForm
from contacts.models.answers import ShownContacts, answer_for
from contacts.models.contacts import Area, Contact
from core.blocks import PARAGRAPH_FEATURES
from core.http_cache import limit_shared_lifetime
from core.pages import ContentPage

ELSEWHERE = "somewhere-else"


class ConcernPage(ContentPage):
    """'Worried about a child?': the right number for where the child lives, now.

    The area choice is a plain link (?area=slug), so it works without JavaScript.
    Someone who does not know the area types a town, village or postcode into a form
    that is posted (`contacts.views.find_area`), so that what they typed never goes
    into an address or the browser's history; a single match sends them on to that
    area's link, anything else shows the page again with the form and what it found.

    The answer is worked out from the contact registry and the opening hours. The
    shared cache may keep a copy (core.http_cache), but never past the next moment a
    front door or out-of-hours service opens or closes, so a copy cannot call a closed
    service open or give a wrong time. Publishing a contact purges every copy
    (contacts.purge). Nothing on the page is tied to the moment it was made beyond
    that: no clock time, and "today" or "tonight" only for a change that comes by the
    end of the day.
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
        if request.method == "POST":
            finder = AreaFinderForm(request.POST, areas=Area.objects.all())
            if finder.is_valid() and len(finder.found) == 1:
                url = self.answer_url(self.get_url(request), finder.found[0].slug)
                return HttpResponseRedirect(url, status=303)
            kwargs["finder"] = finder
        response = super().serve(request, *args, **kwargs)
        # The moment the answer was worked out for, not a later one: a change in between
        # would otherwise let a copy outlive it.
        context = getattr(response, "context_data", None) or {}
        moment, shown = context.get("moment"), context.get("shown_contacts")
        until = shown.stay_true_until(moment) if moment and shown else None
        if until is not None:
            limit_shared_lifetime(response, until.timestamp() - moment.timestamp())
        return response

    @staticmethod
    def answer_url(page_url, slug):
        """The answer for one area: a plain link, which may be shared and cached."""
        return f"{page_url}?area={slug}#answer"

    def get_context(self, request, *args, finder=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        moment = opening_hours.now()
        areas = list(Area.objects.all())
        shown = ShownContacts()
        chosen = request.GET.get("area", "")
        page_url = self.get_url(request)

        def links(areas):
            return [(area, self.answer_url(page_url, area.slug)) for area in areas]

        context.update(
            {
                "moment": opening_hours.uk_time(moment),
                "area_links": links(areas),
                "elsewhere_slug": ELSEWHERE,
                "elsewhere_url": self.answer_url(page_url, ELSEWHERE),
                "chosen": chosen,
                "finder": finder or AreaFinderForm(),
                # A place or district in more than one area: the visitor chooses.
                "finder_links": links(finder.found) if finder else [],
                "shown_contacts": shown,
                # 999 itself is on the page's first line; the other ways are behind it.
                "emergency_other_ways": [
                    contact
                    for contact in shown.emergency
                    if contact.channel != Contact.Channel.PHONE
                ],
            }
        )
        area = next((area for area in areas if area.slug == chosen), None)
        if area is not None:
            context["answer"] = answer_for(area, moment, shown)
        return context
