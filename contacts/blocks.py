"""Blocks that show contacts from the registry: pages choose contacts, never retype them."""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

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
