"""Blocks that show contacts from the registry (pages choose contacts, never retype them),
and the block for a contact's dates with other hours."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from contacts import opening_hours
from core import blocks as core_blocks
from core.references import FetchedTogetherChooserMixin


class ContactChooserBlock(FetchedTogetherChooserMixin, SnippetChooserBlock):
    """A contact from the registry, fetched with its opening times (which every contact shows)."""

    def __init__(self, **kwargs):
        super().__init__("help.Contact", **kwargs)

    def display_queryset(self):
        return self.model_class.objects.prefetch_related("opening_periods")


class ContactListBlock(blocks.ListBlock):
    """Contacts chosen from the registry."""

    def __init__(self, **kwargs):
        super().__init__(ContactChooserBlock(), **kwargs)


class CalloutBlock(core_blocks.CalloutBlock):
    """A boxed note for one audience, with the contacts it points to."""

    contacts = ContactListBlock(required=False, default=[])

    class Meta:
        template = "contacts/blocks/callout.html"


class RelatedContactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Who to contact")
    contacts = ContactListBlock(min_num=1)

    starts_section = True

    class Meta:
        icon = "mail"
        template = "contacts/blocks/related_contacts.html"


class ContactsBodyBlock(core_blocks.BaseBodyBlock):
    """A page body whose callouts and sections can show contacts."""

    callout = CalloutBlock()
    related_contacts = RelatedContactsBlock()


class OtherHoursBlock(blocks.StructBlock):
    """A date when a contact keeps other hours than usual, or is closed all day."""

    date = blocks.DateBlock()
    opens = blocks.TimeBlock(required=False, help_text="Empty if closed all day.")
    closes = blocks.TimeBlock(
        required=False, help_text="Empty if closed all day. 00:00 means midnight."
    )

    class Meta:
        icon = "date"
        label = "Date"

    def clean(self, value):
        value = super().clean(value)
        opens, closes = value["opens"], value["closes"]
        if (opens is None) != (closes is None):
            message = "Give both times, or leave both empty if it is closed all day."
            missing = "closes" if closes is None else "opens"
            raise StructBlockValidationError({missing: ValidationError(message)})
        if opens is not None and not opening_hours.Times(opens, closes).closes_after_opens:
            raise StructBlockValidationError(
                {"closes": ValidationError(opening_hours.CLOSES_AFTER_OPENS)}
            )
        return value


def dates_with_other_hours(stream):
    """(date, opens, closes) for each OtherHoursBlock in `stream`; no times when closed."""
    for child in stream:
        yield child.value["date"], child.value["opens"], child.value["closes"]
