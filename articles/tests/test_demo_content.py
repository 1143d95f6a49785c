"""The demo content, read as a visitor reads it: through HTTP, from the served pages.

The child trafficking article must carry every fact of the reference page
(`shared/seed/child-trafficking-page.txt`) and none of its OFFICIAL-SENSITIVE
document titles or stale Single Competent Authority contacts.
"""

import html
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

from articles.models import ArticlePage
from help import demo as help_demo
from help.models import ConcernPage, Contact
from home.models import StandardPage

TRAFFICKING_URL = "/practitioners/child-trafficking/"
NSPCC_CHILD_TRAFFICKING = (
    "https://www.nspcc.org.uk/what-is-child-abuse/types-of-abuse/child-trafficking/"
)
FIRST_RESPONDER_FORM = "https://www.gov.uk/guidance/report-modern-slavery-as-a-first-responder"
ECPAT_FILMS = "https://www.ecpat.org.uk/films-for-practitioners"

# Titles of the reference page's OFFICIAL-SENSITIVE documents, and its stale
# Single Competent Authority contacts: none may appear on a public page.
FORBIDDEN_ANY_CASE = [
    "non law enforcement",
    "non-law enforcement",
    "non-lea",
    "modern slavery infographic",
    "infographics for april 2019",
    "infographic april 2019",
    "local policing areas",
    "nationalreferralsmechanism@",
    "nationalreferralmechanism@",
    "@homeoffice.gov.uk",
    "020 7035 5689",
    "02070355689",
    "7035 5689",
]
FORBIDDEN_EXACT_CASE = ["Infographic", "TVP", "Thames Valley"]


@pytest.fixture
def demo(demo_data, db):
    return help_demo.load_contacts()


def get_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def soup_of(client, url):
    return BeautifulSoup(get_html(client, url), "html.parser")


def text_of(node):
    """The visible text of an element (or an HTML string), with spaces collapsed."""
    if isinstance(node, str):
        node = BeautifulSoup(node, "html.parser")
    return " ".join(node.get_text(" ").split())


def one(soup, selector):
    found = soup.select(selector)
    assert len(found) == 1, (selector, len(found))
    return found[0]


def hrefs(node):
    return [a["href"] for a in node.select("a[href]")]


def contact_link(node, contact):
    """True if `node` shows `contact` as a link built from its registry record."""
    return any(
        a["href"] == contact.href and text_of(a) == contact.value for a in node.select("a[href]")
    )


def public_urls():
    return [page.url for page in Page.objects.live().public().specific() if page.url]


# The child trafficking article ---------------------------------------------------


@pytest.mark.django_db
def test_child_trafficking_defines_trafficking(client, demo):
    text = text_of(soup_of(client, TRAFFICKING_URL).main)
    assert "tricks, forces or persuades them to leave their home" in text
    assert "moves or transports them" in text
    assert "exploits them, makes them work or sells them" in text


@pytest.mark.django_db
def test_child_trafficking_lists_all_six_forms(client, demo):
    items = [text_of(li) for li in soup_of(client, TRAFFICKING_URL).select(".body li")]
    forms = [
        ["sexual exploitation"],
        ["benefit fraud"],
        ["forced marriage"],
        ["domestic slavery", "cleaning", "cooking", "childcare"],
        ["forced labour", "factories", "agriculture"],
        ["crime", "begging", "theft", "cannabis farms", "moving drugs"],
    ]
    for words in forms:
        assert any(all(word in item for word in words) for item in items), words


@pytest.mark.django_db
def test_child_trafficking_describes_abuse_and_neglect(client, demo):
    text = text_of(soup_of(client, TRAFFICKING_URL).main)
    assert "control children through physical, sexual and emotional abuse" in text
    assert "neglected, physically and emotionally" in text
    assert "may be sexually exploited" in text


@pytest.mark.django_db
def test_child_trafficking_links_to_nspcc_guidance_with_honest_text(client, demo):
    soup = soup_of(client, TRAFFICKING_URL)
    links = soup.select(f'a[href="{NSPCC_CHILD_TRAFFICKING}"]')
    assert [text_of(a) for a in links] == ["NSPCC guidance on child trafficking"]


@pytest.mark.django_db
def test_child_trafficking_lists_the_five_ctac_leaflets(client, demo):
    resources = one(soup_of(client, TRAFFICKING_URL), "section.related-resources")
    items = resources.select("li.resource-list__item")
    for audience in [
        "carers",
        "education workers",
        "frontline health professionals",
        "social workers",
        "youth justice practitioners",
    ]:
        title = f"Child trafficking advice for {audience}"
        (item,) = [i for i in items if text_of(i.a) == title]
        # The library's record (resources/tests/test_demo.py), on this site.
        assert item.a["href"].startswith("/")
        assert "NSPCC Child Trafficking Advice Centre." in text_of(item)
    intro = text_of(resources.select_one(".rich-text"))
    assert "raise awareness" in intro
    assert "intelligence picture" in intro
    assert "identify children who may be victims" in intro


@pytest.mark.django_db
def test_child_trafficking_links_to_public_nrm_statistics(client, demo):
    resources = one(soup_of(client, TRAFFICKING_URL), "section.related-resources")
    title = "National Referral Mechanism statistics"
    (item,) = [i for i in resources.select("li") if title in text_of(i.a)]
    assert item.a["href"].startswith("/")
    assert "Home Office." in text_of(item)
    assert "children" in text_of(item)


@pytest.mark.django_db
def test_child_trafficking_says_sensitive_material_is_not_public(client, demo):
    text = text_of(soup_of(client, TRAFFICKING_URL).main)
    assert (
        "Police briefings and infographics marked OFFICIAL-SENSITIVE are shared only with "
        "approved practitioners in partner agencies, and never on public pages"
    ) in text


@pytest.mark.django_db
def test_child_trafficking_shows_the_may_2019_figures_with_their_source(client, demo):
    soup = soup_of(client, TRAFFICKING_URL)
    (figure,) = [f for f in soup.select("figure.key-figures") if "1,412" in text_of(f)]
    text = text_of(figure)
    assert "1,412 live modern slavery operations across the UK" in text
    assert "487 of those operations involved children under 18" in text
    assert (
        "Source: a police briefing for partner agencies (National Police Insight Team), "
        "May 2019." in text
    )
    # The briefing is restricted: its source is named but never linked.
    assert figure.select("a") == []
    page_text = text_of(soup.main)
    assert "Berkshire West Safeguarding Children Partnership published these figures" in page_text
    assert "on its public child trafficking page" in page_text


@pytest.mark.django_db
def test_child_trafficking_shows_both_ecpat_films(client, demo):
    cards = soup_of(client, TRAFFICKING_URL).select(".film-card")
    assert len(cards) == 2
    for card in cards:
        assert hrefs(card) == [ECPAT_FILMS]
        assert "Film for practitioners · ECPAT UK" in text_of(card)
    texts = [text_of(card) for card in cards]
    assert any("Vietnamese" in t and "cannabis" in t for t in texts)
    assert any("migrant children" in t and "criminally exploited" in t for t in texts)


@pytest.mark.django_db
def test_child_trafficking_has_first_responders_box(client, demo):
    box = one(soup_of(client, TRAFFICKING_URL), "aside.callout--first-responders")
    text = text_of(box)
    assert text.startswith("For First Responders")
    assert FIRST_RESPONDER_FORM in hrefs(box)
    assert contact_link(box, demo["modern_slavery_helpline"])
    for fact in [
        "Every child under 18",
        "must be referred to the NRM",
        "You do not need the child's consent",
        "child welfare referral",
        "Only staff of First Responder Organisations",
        "police forces, local authorities",
        "National Crime Agency",
        "NSPCC Child Trafficking Advice Centre",
        "Barnardo's",
        "Schools, health services and most charities are not First Responders",
        "Modern Slavery & Exploitation Helpline",
    ]:
        assert fact in text, fact


@pytest.mark.django_db
def test_child_trafficking_has_no_comments(client, demo):
    text = text_of(soup_of(client, TRAFFICKING_URL))
    assert "Comments" not in text
    assert "Have your say" not in text


# Nothing restricted or stale on any public page -------------------------------------


@pytest.mark.django_db
def test_no_official_sensitive_title_or_stale_contact_on_any_public_page(client, demo):
    urls = public_urls()
    assert TRAFFICKING_URL in urls
    assert len(urls) >= 9
    for url in [*urls, "/sitemap.xml", "/robots.txt"]:
        markup = html.unescape(get_html(client, url))
        for phrase in FORBIDDEN_ANY_CASE:
            assert phrase not in markup.lower(), (url, phrase)
        for phrase in FORBIDDEN_EXACT_CASE:
            assert phrase not in markup, (url, phrase)


@pytest.mark.django_db
def test_public_pages_set_no_cookies(client, demo):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url


@pytest.mark.django_db
def test_every_page_has_one_h1(client, demo):
    for url in public_urls():
        assert len(soup_of(client, url).select("h1")) == 1, url


# Phone numbers come only from the contact registry ---------------------------------


@pytest.mark.django_db
def test_no_phone_number_is_typed_into_page_content(demo):
    phone = re.compile(r"(?<![\d.])(?:0\d[\d ]{8,12}\d|101|18000|18001|0800|0808)(?!\d)")
    pages = [*ArticlePage.objects.all(), *StandardPage.objects.all(), *ConcernPage.objects.all()]
    assert len(pages) == 8  # three articles, four standard pages, "Worried about a child?"
    for page in pages:
        # Only the words: chosen contacts are stored as primary keys, which may look like "101".
        words = " ".join(text_values(list(page.body.raw_data)))
        fields = " ".join(
            str(getattr(page, name, ""))
            for name in [
                "title",
                "intro",
                "summary",
                "what_to_have_ready",
                "what_happens_next",
                "somewhere_else",
            ]
        )
        for content in (words, fields):
            match = phone.search(content)
            assert match is None, (page.title, match and match.group())


def text_values(raw):
    """Every string in raw StreamField data, leaving out block ids."""
    if isinstance(raw, str):
        yield raw
    elif isinstance(raw, dict):
        for key, value in raw.items():
            if key != "id":
                yield from text_values(value)
    elif isinstance(raw, list):
        for value in raw:
            yield from text_values(value)


@pytest.mark.django_db
def test_demo_content_passes_the_editors_validation(demo):
    for page in [
        *ArticlePage.objects.all(),
        *StandardPage.objects.all(),
        *ConcernPage.objects.all(),
    ]:
        page.body.stream_block.clean(page.body)
        page.full_clean()


# The practitioners' index -----------------------------------------------------------


@pytest.mark.django_db
def test_practitioners_index_lists_every_article(client, demo):
    soup = soup_of(client, "/practitioners/")
    links = [(text_of(a), a["href"]) for a in soup.select(".article-list__title a")]
    assert links == [
        (
            "Child criminal exploitation and county lines",
            "/practitioners/child-criminal-exploitation/",
        ),
        ("Child sexual exploitation", "/practitioners/child-sexual-exploitation/"),
        ("Child trafficking", "/practitioners/child-trafficking/"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "facts", "link"),
    [
        (
            "child-criminal-exploitation",
            ["county lines", "cuckooing", "deal line", "43%", "844"],
            "https://www.gov.uk/government/publications/"
            "criminal-exploitation-of-children-and-vulnerable-adults-county-lines",
        ),
        (
            "child-sexual-exploitation",
            ["form of child sexual abuse", "16 or 17", "online", "February 2017"],
            "https://www.nspcc.org.uk/what-is-child-abuse/types-of-abuse/"
            "child-sexual-exploitation/",
        ),
    ],
)
def test_other_articles_have_substance_sources_and_contacts(client, demo, slug, facts, link):
    soup = soup_of(client, f"/practitioners/{slug}/")
    body = one(soup, "div.body")
    text = text_of(body)
    for fact in facts:
        assert fact in text, fact
    assert len(body.select("h2[id]")) >= 4
    assert link in hrefs(body)
    assert body.select("aside.callout")
    for key in ["front_door_northbridge", "front_door_eastwood", "front_door_riverside"]:
        assert contact_link(body, demo[key]), key
    # Between 300 and 900 words of guidance, not counting the contact cards.
    for contacts in body.select(".contact-list"):
        contacts.decompose()
    assert 300 <= len(text_of(body).split()) <= 900
    review = text_of(one(soup, ".review-notice"))
    assert "Owner" in review and "2 November 2026" in review


# The plain content pages ------------------------------------------------------------

# "Worried about a child?" has its own page type and tests: help/tests/test_concern_page.py.
STANDARD_PAGES = {
    "/children-and-young-people/": ["childline", "emergency"],
    "/accessibility-statement/": [],
    "/privacy-notice/": [],
}


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "keys"), STANDARD_PAGES.items())
def test_standard_pages_show_their_contacts_from_the_registry(client, demo, url, keys):
    soup = soup_of(client, url)
    body = one(soup, "div.body")
    for key in keys:
        assert contact_link(body, Contact.objects.get(pk=demo[key].pk)), (url, key)
    assert text_of(one(soup, "p.lead"))
    review = text_of(one(soup, ".review-notice"))
    assert "Last reviewed 2 November 2026" in review


@pytest.mark.django_db
def test_children_page_puts_childline_first(client, demo):
    body = one(soup_of(client, "/children-and-young-people/"), "div.body")
    first = body.find("aside")
    assert contact_link(first, demo["childline"])
    text = text_of(body)
    assert text.index("Childline") < text.index("999")
    assert "It is not your fault" in text
    assert "You will not get into trouble" in text
    assert "adult you trust" in text


@pytest.mark.django_db
def test_accessibility_statement_follows_the_model(client, demo):
    text = text_of(one(soup_of(client, "/accessibility-statement/"), "div.body"))
    for fact in [
        "(WCAG) version 2.2 at level AA",
        "400%",
        "320 pixels",
        "keyboard",
        "screen reader",
        "not fully accessible",
        "Feedback and contact information",
        "accessibility@demo-valley.example",
        "Enforcement procedure",
        "Equality and Human Rights Commission",
        "Equality Commission for Northern Ireland",
        "Technical information",
        "How we tested",
        "axe-core",
        "prepared on 2 November 2026",
    ]:
        assert fact in text, fact


@pytest.mark.django_db
def test_privacy_notice_states_what_the_site_does(client, demo):
    body = one(soup_of(client, "/privacy-notice/"), "div.body")
    text = text_of(body)
    for fact in [
        "We do not set cookies",
        "We do not use analytics",
        "Server logs",
        "30 days",
        "UK General Data Protection Regulation (UK GDPR)",
        "data controller",
        "privacy@demo-valley.example",
    ]:
        assert fact in text, fact
    assert "https://ico.org.uk/make-a-complaint/" in hrefs(body)


# Loading twice ----------------------------------------------------------------------


@pytest.mark.django_db
def test_loading_the_demo_twice_creates_nothing_new(client, demo):
    pages = Page.objects.count()
    revisions = list(Page.objects.order_by("pk").values_list("latest_revision_id", flat=True))
    contacts = Contact.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Page.objects.count() == pages
    assert list(Page.objects.order_by("pk").values_list("latest_revision_id", flat=True)) == (
        revisions
    )
    assert Contact.objects.count() == contacts
    assert len(soup_of(client, "/practitioners/").select(".article-list__item")) == 3
