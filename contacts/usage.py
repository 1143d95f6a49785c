"""The published pages that show a contact, for editors to see before they change it."""

from wagtail.models import Page, ReferenceIndex

from contacts.models import ConcernPage
from contacts.models.answers import ShownContacts


def pages_showing(contact):
    """The live pages that show `contact`, by title: those whose content chooses it
    (Wagtail's reference index), and the "Worried about a child?" page when its answers
    can give it (an emergency number, a front door or its out-of-hours service)."""
    pages = {}
    for source, _references in ReferenceIndex.get_grouped_references_to(contact):
        if isinstance(source, Page) and source.live:
            pages[source.pk] = source
    if contact.pk in ShownContacts().by_pk:
        pages.update((page.pk, page) for page in ConcernPage.objects.live())
    return sorted(pages.values(), key=lambda page: page.title)
