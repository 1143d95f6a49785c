"""The body every content page offers: the generic blocks, contacts and resources."""

from contacts.blocks import ContactsBodyBlock
from resources.blocks import RelatedResourcesBlock


class BodyStreamBlock(ContactsBodyBlock):
    related_resources = RelatedResourcesBlock()
