"""The body every content page offers: the generic blocks, contacts, resources, figures
and the practitioners' way in to shared material."""

from accounts.blocks import PractitionerAccessBlock
from contacts.blocks import ContactsBodyBlock
from figures.blocks import ChartBlock, HeadlineFigureBlock, LocalComparisonBlock
from resources.blocks import RelatedResourcesBlock


class BodyStreamBlock(ContactsBodyBlock):
    related_resources = RelatedResourcesBlock()
    headline_figure = HeadlineFigureBlock()
    figures_chart = ChartBlock()
    local_comparison = LocalComparisonBlock()
    practitioner_access = PractitionerAccessBlock()
