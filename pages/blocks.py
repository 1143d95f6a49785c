"""The body every content page offers: the generic blocks, contacts, resources and the
practitioners' way in to shared material."""

from accounts.blocks import PractitionerAccessBlock
from contacts.blocks import ContactsBodyBlock
from resources.blocks import RelatedResourcesBlock


class BodyStreamBlock(ContactsBodyBlock):
    related_resources = RelatedResourcesBlock()
    practitioner_access = PractitionerAccessBlock()
