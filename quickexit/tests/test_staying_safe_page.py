"""The demo "Staying safe online" page says what REQUIREMENTS.md section 4.3 requires."""

import re
from html.parser import HTMLParser

import pytest

from contacts.models import Contact

URL = "/staying-safe-online/"

# In the order a visitor needs them (REQUIREMENTS.md, item 31).
REQUIRED_HEADINGS = [
    "What the Exit this page button does",
    "Where the button takes you",
    "Using the Shift key",
    "It does not delete your history",
    "What the button cannot protect you from",
    "Use a safer device",
    "Use private browsing",
    "Delete only some of your history",
    "How to come back to this site",
    "Get help",
    "Helplines",
    "Advice on keeping your phone and accounts private",
]

EXTERNAL_LINKS = {
    "https://refugetechsafety.org/": "Secure your tech: guides from Refuge",
    "https://www.womensaid.org.uk/cover-your-tracks-online/": (
        "Cover your tracks online: advice from Women's Aid"
    ),
    "https://www.ncsc.gov.uk/section/information-for/individuals-families": (
        "Advice for individuals and families from the National Cyber Security Centre"
    ),
}


class PageParser(HTMLParser):
    """Collects the text of <main>, its h2 headings and its links."""

    def __init__(self):
        super().__init__()
        self.h2s = []
        self.links = []  # (href, text)
        self.text = []
        self._in_main = 0
        self._h2 = None
        self._link = None

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self._in_main += 1
        if not self._in_main:
            return
        if tag == "h2":
            self._h2 = []
        elif tag == "a":
            self._link = (dict(attrs).get("href"), [])

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main -= 1
        elif tag == "h2" and self._h2 is not None:
            self.h2s.append(" ".join("".join(self._h2).split()))
            self._h2 = None
        elif tag == "a" and self._link is not None:
            href, text = self._link
            self.links.append((href, " ".join("".join(text).split())))
            self._link = None

    def handle_data(self, data):
        if not self._in_main:
            return
        self.text.append(data)
        if self._h2 is not None:
            self._h2.append(data)
        if self._link is not None:
            self._link[1].append(data)

    @property
    def plain_text(self):
        return " ".join(" ".join(self.text).split())


HELPLINES = ("childline", "nspcc", "emergency")


@pytest.fixture
def built(demo_data, db):
    """The demo's page, and the contacts it shows."""
    contacts = {key: demo_data["contact", key] for key in HELPLINES}
    return contacts, demo_data["page", "staying-safe-online"]


@pytest.fixture
def rendered(built, client):
    response = client.get(URL)
    assert response.status_code == 200
    parser = PageParser()
    parser.feed(response.content.decode())
    return parser


def test_page_is_served_with_the_required_headings_in_order(rendered):
    h2s = rendered.h2s
    for text in REQUIRED_HEADINGS:
        assert text in h2s, f"missing <h2>{text}</h2>"
    positions = [h2s.index(text) for text in REQUIRED_HEADINGS]
    assert positions == sorted(positions)


def test_page_says_what_the_button_does_and_cannot_do(rendered):
    text = rendered.plain_text
    assert "Press the Shift key 3 times, with at most 5 seconds between presses." in text
    assert "It does not delete your browsing history or cookies." in text
    assert "BBC Weather" in text
    for limit in ("recently closed tabs", "Google or Apple account", "spyware", "wifi router"):
        assert limit in text
    # Never promise safety.
    assert not re.search(r"\b(completely|totally|100%) (safe|secure)\b", text, re.I)
    assert "keeps you safe" not in text.lower()


def test_page_explains_private_browsing_in_each_browser(rendered):
    text = rendered.plain_text
    for browser, mode in [
        ("Google Chrome", "New Incognito window"),
        ("Safari on iPhone", "Private"),
        ("Firefox", "New private window"),
        ("Microsoft Edge", "New InPrivate window"),
        ("Samsung Internet", "Secret mode"),
    ]:
        assert re.search(re.escape(browser) + r"[^.]*" + re.escape(mode), text), browser


def test_page_advises_deleting_only_some_history_and_how_to_come_back(rendered):
    text = rendered.plain_text
    assert "delete only those pages" in text
    assert "suspicious" in text
    assert "saved passwords" in text
    assert "Search for Demo Valley Safeguarding Children Partnership" in text


def test_external_links_have_honest_text(rendered):
    links = dict(rendered.links)
    for url, link_text in EXTERNAL_LINKS.items():
        assert links.get(url) == link_text


def test_helpline_numbers_come_from_the_registry_as_tel_links(built, rendered):
    contacts, _ = built
    for key in HELPLINES:
        contact = contacts[key]
        assert contact.href.startswith("tel:")
        assert (contact.href, contact.value) in rendered.links, key


def typed_text(value):
    """The text an editor typed in a stored block value, without the ids Wagtail gives
    list items (random, so they may hold any digits)."""
    if isinstance(value, dict):
        return " ".join(typed_text(item) for key, item in value.items() if key != "id")
    if isinstance(value, list):
        return " ".join(typed_text(item) for item in value)
    return str(value)


def test_no_phone_number_is_typed_into_the_page(built):
    _, page = built
    typed = " ".join(
        typed_text(block["value"])
        for block in page.body.raw_data
        if block["type"] in {"heading", "paragraph", "list", "external_link"}
    )
    for contact in Contact.objects.all():
        if contact.value != "999" and contact.channel == "phone":
            assert not re.search(rf"(?<!\d){re.escape(contact.value)}(?!\d)", typed)


def test_body_is_valid_as_an_editor_would_save_it(built):
    _, page = built
    page.body.stream_block.clean(page.body)
    page.full_clean()
