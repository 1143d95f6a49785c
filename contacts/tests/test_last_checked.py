"""'Last checked' on the demo's pages: under each local number once, never under a national
line (999, Childline), and a stale contact still warns."""

import datetime

import pytest
from bs4 import BeautifulSoup

from contacts.models import Contact

PAGES = [
    "/practitioners/child-trafficking/",
    "/worried-about-a-child/?area=riverside",
    "/children-and-young-people/",
    "/staying-safe-online/",
]


@pytest.fixture
def scopes(demo_data, db):
    """Each published contact's scope, by the name its card shows."""
    return {
        f"{contact.organisation}: {contact.service}": contact.scope
        for contact in Contact.published.all()
    }


def cards(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser").select("main .contact")


def test_last_checked_only_under_local_numbers_and_once_per_card(client, scopes):
    seen = set()
    for path in PAGES:
        for card in cards(client, path):
            name = card.select_one(".contact__name").get_text(strip=True)
            times = card.get_text(" ", strip=True).count("Last checked")
            expected = 1 if scopes[name] == Contact.Scope.LOCAL else 0
            assert times == expected, f"{path}: {name} says 'Last checked' {times} times"
            seen.add(scopes[name])
    assert seen == {Contact.Scope.LOCAL, Contact.Scope.NATIONAL}, "The pages show both kinds"


def test_999_and_childline_are_national_in_the_demo(scopes):
    assert scopes["Police, ambulance or fire: Emergency"] == Contact.Scope.NATIONAL
    assert scopes["Childline: Helpline for children and young people"] == Contact.Scope.NATIONAL
    assert scopes["Riverside Council: Multi-Agency Safeguarding Hub"] == Contact.Scope.LOCAL


def test_a_stale_national_line_still_warns(client, demo_data, db):
    childline = Contact.published.get(organisation="Childline")
    Contact.objects.filter(pk=childline.pk).update(last_verified=datetime.date(2024, 1, 10))
    card = next(
        card
        for card in cards(client, "/children-and-young-people/")
        if card.select_one(".contact__name").get_text(strip=True).startswith("Childline")
    )
    text = card.get_text(" ", strip=True)
    assert "This may have changed." in text and "10 January 2024" in text
