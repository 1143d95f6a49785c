"""The contact editor: its panels, where the contact is shown, and the check that a
changed number or changed hours were verified before they are saved.

A wrong number on a safeguarding site is a risk to a child, and the public sees when a
contact was last checked. So an editor who changes the number or the opening hours is
asked to confirm the check (the source, the date, who checked) and is shown the pages
the change reaches. The change is still a draft until a moderator approves it.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
)

from contacts import opening_hours
from contacts.blocks import dates_with_other_hours
from contacts.usage import pages_showing

HOURS_FIELDS = ("open_24_hours", "bank_holidays")
CONFIRM_LABEL = "I have checked the new details against the source"


class ContactForm(WagtailAdminModelForm):
    details_checked = forms.BooleanField(
        label=CONFIRM_LABEL,
        required=False,
        help_text="Tick when you change the number or the opening hours, after checking "
        "them against the source on the date above.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read now: the opening-times forms change these rows in place as they are cleaned.
        self.saved_weekly = opening_hours.weekly_schedule(self.instance.opening_periods.all())
        self.saved_dated = opening_hours.dated_schedule(
            dates_with_other_hours(self.instance.other_hours)
        )

    def changed_details(self):
        """What an editor changed that needs a new check: ['the number', 'the opening hours']."""
        if self.instance.pk is None:
            return []
        changed = []
        if "value" in self.changed_data:
            changed.append("the number" if self.instance.is_number else "the address")
        if set(HOURS_FIELDS) & set(self.changed_data) or self.times_changed():
            changed.append("the opening hours")
        return changed

    def times_changed(self):
        """Whether the opening times or the dates with other hours now give other times
        on any day (the same times entered another way are no change)."""
        other_hours = self.cleaned_data.get("other_hours")
        periods = self.formsets["opening_periods"]
        if other_hours is None or not periods.is_valid():
            return False  # their own errors come first
        dates = dates_with_other_hours(other_hours)
        if opening_hours.dated_schedule(dates) != self.saved_dated:
            return True
        submitted = [
            form.instance
            for form in periods.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        return opening_hours.weekly_schedule(submitted) != self.saved_weekly

    def clean(self):
        cleaned_data = super().clean()
        checked_on = cleaned_data.get("last_verified")
        if checked_on and checked_on > timezone.localdate():
            self.add_error("last_verified", "The date of the check cannot be in the future.")
        changed = self.changed_details()
        if changed:
            self.require_a_new_check(changed, checked_on, cleaned_data.get("details_checked"))
        return cleaned_data

    def require_a_new_check(self, changed, checked_on, confirmed):
        """Refuse the change unless the check is confirmed and dated after the last one."""
        saved_on = self.initial.get("last_verified")
        dated = checked_on is not None and (
            checked_on > saved_on or checked_on == timezone.localdate()
        )
        if confirmed and dated:
            return
        self.add_error(
            None,
            ValidationError(
                f"You changed {' and '.join(changed)}. {shown_on(pages_showing(self.instance))} "
                "Before you save, check the new details against the source. Then set 'Last "
                "checked' to the date you checked them, give your name in 'Checked by', and "
                f"tick '{CONFIRM_LABEL}'."
            ),
        )
        if not dated:
            self.add_error("last_verified", "Give the date you checked the new details.")
        if not confirmed:
            self.add_error("details_checked", "Tick to confirm you checked the new details.")


def shown_on(pages):
    if not pages:
        return "No published page shows this contact yet."
    return f"This contact is shown on {len(pages)} published page{'s' if len(pages) > 1 else ''}."


class PagesShowingPanel(Panel):
    """The published pages that show the contact, linked to their editors."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "contacts/admin/pages_showing_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["pages"] = pages_showing(self.instance) if self.instance.pk else None
            return context


contact_edit_handler = ObjectList(
    [
        MultiFieldPanel(
            [
                "organisation",
                "service",
                FieldRowPanel(["kind", "channel", "audience"]),
                "value",
                "when_to_use",
                "scope",
                FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Contact",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(["open_24_hours", "bank_holidays"]),
                InlinePanel(
                    "opening_periods",
                    label="Opening times",
                    help_text="One row for days with the same times, for example Monday to "
                    "Friday, 09:00 to 17:00. Two rows for a day with a break.",
                ),
                "other_hours",
                "hours_note",
                "out_of_hours",
            ],
            heading="Opening hours (UK time)",
        ),
        MultiFieldPanel(
            [
                PagesShowingPanel(heading="Where it is shown"),
                "source_url",
                FieldRowPanel(["last_verified", "verified_by", "verify_every_months"]),
                FieldPanel("details_checked"),
                "verification_note",
            ],
            heading="Verification",
        ),
    ],
    base_form_class=ContactForm,
)
