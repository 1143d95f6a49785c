"""The demo site, checked against its data files and read as a visitor reads it, and loaded again.

The first part is driven by the data files: every page, contact, document, group, user and
setting they describe is on the loaded site as described. The rest checks what the content
must say: the child trafficking article carries every fact of the reference page (Berkshire
West Safeguarding Children Partnership, about 2019) and none of its OFFICIAL-SENSITIVE document
titles or stale Single Competent Authority contacts; the library's documents are marked and
shared as the rules require; phone numbers come only from the contact registry. Last, loading
again changes nothing and keeps every editor's change.
"""

import html
import io
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from fpdf import FPDF
from wagtail.models import Page, Revision, Site, WorkflowContentType

from articles.models import ArticlePage
from contacts.models import ConcernPage
from core.pages import public_pages_linking_to, restricted_documents_linked_from
from demo.facts import DATA, data_file
from demo.pdf import ENCODING, marked_pdf
from home.models import StandardPage
from resources.marking import is_private_to_exactly, marking_errors
from resources.models import Resource, ResourceLibraryPage, Topic

PAGES = {path.stem: data_file(f"pages/{path.name}") for path in (DATA / "pages").glob("*.toml")}
CONTACTS = data_file("contacts.toml")
LIBRARY = data_file("library.toml")
USERS = data_file("users.toml")
GROUPS = data_file("groups.toml")["group"] + USERS["group"]
SETTINGS = data_file("site.toml")["settings"] + USERS["settings"]
REAL_COPY = {document["title"]: document["file"]["real_copy"] for document in LIBRARY["resource"]}

TRAFFICKING_URL = "/practitioners/child-trafficking/"
NSPCC_CHILD_TRAFFICKING = (
    "https://www.nspcc.org.uk/what-is-child-abuse/types-of-abuse/child-trafficking/"
)
FIRST_RESPONDER_FORM = "https://www.gov.uk/guidance/report-modern-slavery-as-a-first-responder"
ECPAT_FILMS = "https://www.ecpat.org.uk/films-for-practitioners"
OFCOM_DRAMA_RANGE = re.compile(r"0118 496 0\d\d\d")

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
# The public NRM statistics name Thames Valley Police, the demo's police force area for the
# local figures; only the restricted infographic's wording about that force is forbidden.
FORBIDDEN_EXACT_CASE = ["Infographic", "TVP", "Thames Valley Police force area"]

LEAFLET_TITLES = [
    "Child trafficking advice for carers",
    "Child trafficking advice for education workers",
    "Child trafficking advice for frontline health professionals",
    "Child trafficking advice for social workers",
    "Child trafficking advice for youth justice practitioners",
]
SENSITIVE_TITLES = [
    "Non law enforcement briefing on modern slavery operations, May 2019",
    "Modern slavery infographic, April 2019: local policing areas",
    "Modern slavery infographic, April 2019: Demo Valley Police force area",
]


# As the data files say ------------------------------------------------------------


def page_path(key):
    """The page's URL path from the data: its ancestors' slugs and its own."""
    data = PAGES[key]
    if data.get("site_root"):
        return "/"
    return f"{page_path(data['parent'])}{data['slug']}/"


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(PAGES))
def test_every_page_file_is_a_live_page_as_written(client, demo_data, key):
    data = PAGES[key]
    page = demo_data["page", key]
    assert page._meta.label == data["model"]
    assert page.url == page_path(key)
    assert page.live and page.title == data["title"] and page.slug == data["slug"]
    for name in ("content_owner", "last_review_date", "search_description"):
        if name in data:
            assert getattr(page, name) == data[name], name
    if data.get("site_root"):
        assert Site.objects.get(is_default_site=True).root_page_id == page.pk
    else:
        assert page.get_parent().pk == demo_data["page", data["parent"]].pk
    response = client.get(page.url)
    assert response.status_code == 200
    assert not response.cookies
    assert len(BeautifulSoup(response.content, "html.parser").select("h1")) == 1


@pytest.mark.django_db
def test_pages_beside_each_other_keep_the_order_of_the_data(demo_data):
    for parent in {data.get("parent") for data in PAGES.values()} - {None}:
        children = sorted(
            (data["order"], key) for key, data in PAGES.items() if data.get("parent") == parent
        )
        slugs = [PAGES[key]["slug"] for _, key in children]
        tree = demo_data["page", parent].get_children().values_list("slug", flat=True)
        assert list(tree) == slugs


def day_range(days):
    """ "Monday to Friday" -> (0, 4); "every day" -> (0, 6); "Friday" -> (4, None)."""
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    first, _, last = ("Monday to Sunday" if days == "every day" else days).partition(" to ")
    return names.index(first), names.index(last) if last else None


@pytest.mark.django_db
@pytest.mark.parametrize("data", CONTACTS["contact"], ids=lambda data: data["key"])
def test_every_contact_is_published_as_written(demo_data, data):
    contact = demo_data["contact", data["key"]]
    assert contact.live and not contact.has_unpublished_changes
    assert contact.value == data["value"]
    assert contact.source_url.startswith("https://")
    assert contact.last_verified == CONTACTS["defaults"]["contact"]["last_verified"]
    assert sorted(contact.areas.values_list("slug", flat=True)) == sorted(data.get("areas", []))
    periods = sorted(
        (*day_range(period["days"]), period["opens"], period["closes"])
        for period in data.get("opening_periods", [])
    )
    stored = contact.opening_periods.all()
    assert (
        sorted((p.weekday, p.last_weekday, f"{p.opens:%H:%M}", f"{p.closes:%H:%M}") for p in stored)
        == periods
    )
    other_hours = [
        (other["value"]["date"], other["value"].get("opens"), other["value"].get("closes"))
        for other in data.get("other_hours", [])
    ]
    assert [
        (day.isoformat(), opens and f"{opens:%H:%M}", closes and f"{closes:%H:%M}")
        for day, opens, closes in contact.dates_with_other_hours()
    ] == other_hours
    assert contact.open_24_hours == bool(data.get("open_24_hours"))
    if "out_of_hours" in data:
        assert contact.out_of_hours == demo_data["contact", data["out_of_hours"]]


def test_every_local_demo_number_is_in_ofcoms_drama_range():
    local = [data["value"] for data in CONTACTS["contact"] if data["value"].startswith("01")]
    assert local, "the demo should have local numbers"
    for number in local:
        assert OFCOM_DRAMA_RANGE.fullmatch(number), number


@pytest.mark.django_db
@pytest.mark.parametrize("data", LIBRARY["resource"], ids=lambda data: data["key"])
def test_every_document_is_in_the_library_as_written(demo_data, data):
    document = demo_data["resource", data["key"]]
    assert document.title == data["title"]
    assert document.collection == demo_data["collection", data["collection"]]
    assert document.sensitive == data.get("sensitive", False)
    assert document.handling_instruction == data["handling_instruction"]
    assert sorted(document.topics.values_list("slug", flat=True)) == sorted(data["topics"])
    assert document.file.name.startswith(f"documents/{data['file']['name'].removesuffix('.pdf')}")
    if "sharing_group" in data:
        assert document.sharing_group == demo_data["group", data["sharing_group"]]
    assert marking_errors(document) == {}


@pytest.mark.django_db
@pytest.mark.parametrize("data", LIBRARY["collection"], ids=lambda data: data["key"])
def test_every_collection_has_the_privacy_written(demo_data, data):
    collection = demo_data["collection", data["key"]]
    private_to = data.get("private_to", [])
    if private_to:
        (group,) = private_to
        assert is_private_to_exactly(collection, demo_data["group", group])
    else:
        assert not collection.get_view_restrictions().exists()


@pytest.mark.django_db
@pytest.mark.parametrize("data", GROUPS, ids=lambda data: data["key"])
def test_every_group_has_its_permissions(demo_data, data):
    group = demo_data["group", data["key"]]
    names = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert set(data.get("permissions", [])) <= names


@pytest.mark.django_db
@pytest.mark.parametrize("data", USERS["user"], ids=lambda data: data["key"])
def test_every_demo_user_is_as_written(demo_data, data):
    user = demo_data["user", data["key"]]
    assert user.username == user.email == data["email"]
    assert user.check_password(settings.DEMO_PASSWORD)
    assert EmailAddress.objects.get(user=user).verified
    groups = set(data.get("groups", []))
    if "approved_into" in data:
        group = demo_data["group", data["approved_into"]]
        assert user.approval_status == "approved" and user.approved_group == group
        assert (user.approval_expires_at - user.approval_decided_at).days == data[
            "approved_for_days"
        ]
        groups.add(data["approved_into"])
    else:
        assert user.approval_status != "approved"
    assert set(user.groups.all()) == {demo_data["group", key] for key in groups}
    mfa = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
    assert mfa.exists() == data.get("mfa", False)


@pytest.mark.django_db
@pytest.mark.parametrize("data", SETTINGS, ids=lambda data: data["key"])
def test_every_setting_is_as_written(demo_data, data):
    setting = demo_data["settings", data["key"]]
    for name, value in data.items():
        if name in ("key", "model"):
            continue
        actual = getattr(setting, name)
        if hasattr(actual, "pk"):
            kind = {"group": "group", "contact": "contact"}.get(name.rsplit("_", 1)[-1], "page")
            assert actual.pk == demo_data[kind, value].pk, name
        else:
            assert actual == value, name


@pytest.mark.django_db
def test_contacts_need_a_moderators_approval(demo_data):
    workflow = demo_data["workflow", "contact-approval"]
    assert WorkflowContentType.objects.get(content_type__model="contact").workflow == workflow
    (task,) = [task.specific for task in workflow.tasks]
    assert list(task.groups.all()) == [demo_data["group", "moderators"]]
    editors = set(demo_data["group", "editors"].permissions.values_list("codename", flat=True))
    assert "publish_contact" not in editors


# The content -------------------------------------------------------------------------


@pytest.fixture
def demo(demo_data, db):
    return demo_data


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
def test_child_trafficking_shows_both_ecpat_films_in_one_card(client, demo):
    # Both films are on one ECPAT UK page: one card leads to them, never two alike.
    (card,) = soup_of(client, TRAFFICKING_URL).select(".film-card")
    assert hrefs(card) == [ECPAT_FILMS]
    text = text_of(card)
    assert "Film for practitioners · ECPAT UK" in text
    assert "Vietnamese" in text and "cannabis" in text
    assert "migrant children" in text and "exploited to commit crime" in text


@pytest.mark.django_db
def test_child_trafficking_has_first_responders_box(client, demo):
    box = one(soup_of(client, TRAFFICKING_URL), "aside.callout--first-responders")
    text = text_of(box)
    assert text.startswith("For First Responders")
    assert FIRST_RESPONDER_FORM in hrefs(box)
    assert contact_link(box, demo["contact", "modern-slavery-helpline"])
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
def test_child_trafficking_is_closed_for_comments_and_shows_the_approved_ones(client, demo):
    text = text_of(soup_of(client, TRAFFICKING_URL))
    assert "Comments are closed for this article" in text
    assert "Have your say" not in text
    comments = data_file("comments.toml")["comment"]
    assert comments
    for comment in comments:
        assert " ".join(comment["body"].split()[:6]) in text


@pytest.mark.django_db
def test_child_criminal_exploitation_is_open_for_comments(client, demo):
    page = demo["page", "child-criminal-exploitation"]
    html = client.get(page.url).content.decode()
    assert f'href="/have-your-say/{page.pk}/"' in html
    assert "Comments are closed" not in html


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
    # Four articles (the figures page among them), four standard pages, "Worried about a child?".
    assert len(pages) == 9
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
        (
            "Modern slavery and child trafficking: the figures",
            "/practitioners/modern-slavery-figures/",
        ),
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
    for key in ["front-door-northbridge", "front-door-eastwood", "front-door-riverside"]:
        assert contact_link(body, demo["contact", key]), key
    # Between 300 and 900 words of guidance, not counting the contact cards.
    for contacts in body.select(".contact-list"):
        contacts.decompose()
    assert 300 <= len(text_of(body).split()) <= 900
    review = text_of(one(soup, ".review-notice"))
    assert "Owner" in review and "2 November 2026" in review


# The plain content pages ------------------------------------------------------------

# "Worried about a child?" has its own page type and tests: contacts/tests/test_concern_page.py.
# The page for young people shows no owner or review dates (test_children_page_...).
STANDARD_PAGES = {
    "/children-and-young-people/": ["emergency"],
    "/accessibility-statement/": [],
    "/privacy-notice/": [],
}


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "keys"), STANDARD_PAGES.items())
def test_standard_pages_show_their_contacts_from_the_registry(client, demo, url, keys):
    soup = soup_of(client, url)
    body = one(soup, "div.body")
    for key in keys:
        assert contact_link(body, demo["contact", key]), (url, key)
    assert text_of(one(soup, "p.lead"))
    if url != "/children-and-young-people/":
        review = text_of(one(soup, ".review-notice"))
        assert "Last reviewed 2 November 2026" in review


@pytest.mark.django_db
def test_children_page_puts_childline_first_and_speaks_to_the_young_person(client, demo):
    soup = soup_of(client, "/children-and-young-people/")
    main = one(soup, "main")
    first = main.find(True)
    assert "helpline-lead" in first["class"]
    assert contact_link(first, demo["contact", "childline"])
    assert text_of(first).startswith("Talk to Childline, any time: 0800 1111")
    header = text_of(one(soup, "header"))
    assert "If you are in danger now, call 999" in header
    assert "immediate danger" not in header
    assert not soup.select(".review-notice")
    assert "Owner" not in text_of(main) and "Next review due" not in text_of(main)
    text = text_of(one(main, "div.body"))
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


# The records ---------------------------------------------------------------------


@pytest.fixture
def library(demo_data, db):
    return Resource.objects.select_related("collection", "sharing_group")


def test_the_demo_has_the_reference_pages_resources(library):
    titles = set(library.values_list("title", flat=True))
    assert titles == {
        *LEAFLET_TITLES,
        "National Referral Mechanism statistics: referrals of children, 2023",
        *SENSITIVE_TITLES,
    }
    assert set(library.filter(sensitive=True).values_list("title", flat=True)) == set(
        SENSITIVE_TITLES
    )
    assert set(Topic.objects.values_list("name", flat=True)) >= {
        "Child trafficking",
        "Modern slavery",
        "Child criminal exploitation",
        "Child sexual exploitation",
    }
    for record in library:
        assert record.summary and record.source_organisation and record.audiences, record
        assert record.review_date and record.language == "en", record
        assert record.topics.exists(), record


def test_every_demo_record_passes_the_marking_rules(library):
    for record in library:
        assert marking_errors(record) == {}, record.title


def test_sensitive_records_are_private_to_exactly_the_practitioner_group(library, demo_data):
    practitioners = demo_data["group", "practitioners"]
    for record in library.filter(sensitive=True):
        assert record.marking == "OFFICIAL-SENSITIVE – PARTNERSHIP USE ONLY"
        assert record.sharing_group == practitioners
        assert record.collection == demo_data["collection", "partner-agencies"]
        assert is_private_to_exactly(record.collection, practitioners)
        # Filenames show in download addresses: they say nothing of the contents.
        assert re.fullmatch(r"documents/partner-[a-z0-9-]+(_[A-Za-z0-9]+)?\.pdf", record.file.name)
    for record in library.filter(sensitive=False):
        assert record.collection == demo_data["collection", "leaflets-and-statistics"]
        assert not record.collection.get_view_restrictions().exists()


def test_nothing_sensitive_is_linked_from_a_public_page(library, client):
    sensitive = list(library.filter(sensitive=True))
    for record in sensitive:
        assert public_pages_linking_to(record) == [], record.title
    pages = Page.objects.live().public().specific()
    for page in pages:
        assert restricted_documents_linked_from(page) == [], page.title
        markup = client.get(page.url).content.decode()
        for record in sensitive:
            assert record.title not in markup, (page.url, record.title)
            assert record.file.name.removeprefix("documents/") not in markup, page.url


# The article and the library page share the records -----------------------------


def test_the_child_trafficking_article_lists_the_library_records(library, client):
    article = ArticlePage.objects.get(slug="child-trafficking")
    (section,) = [block for block in article.body if block.block_type == "related_resources"]
    documents = [item["document"] for item in section.value["items"]]
    expected = [library.get(title=title) for title in LEAFLET_TITLES]
    expected.append(library.get(title__startswith="National Referral Mechanism"))
    assert documents == expected
    for record in expected:
        assert article.page_ptr in public_pages_linking_to(record)

    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    (rendered,) = soup.select("section.related-resources")
    links = {" ".join(a.get_text().split()): a["href"] for a in rendered.select("a[href]")}
    for record in expected:
        assert record.title in links, record.title
    assert links["resource library"] == "/resources/"
    assert "OFFICIAL-SENSITIVE are shared only with approved practitioners" in rendered.text


def test_the_library_page_is_public_with_an_owner_and_review_date(library):
    page = ResourceLibraryPage.objects.get()
    assert page.url == "/resources/"
    assert page.live and not page.get_view_restrictions()
    assert page.title == "Resources"
    assert "people who work with children in Northbridge" in page.intro
    assert page.content_owner and page.last_review_date


# The PDF files --------------------------------------------------------------------

TEXT = re.compile(rb"BT ([\d.]+) ([\d.]+) Td (?:[\d.]+ g )?\(((?:[^()\\]|\\.)*)\) Tj")


def pdf_pages(data):
    """The lines of text on each page, as (x, y, text), read through the xref table.

    Fails unless the file is a whole PDF: header, trailer, and an xref table whose
    every offset points at its object, with each stream as long as it says.
    """
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data).group(1))
    header = re.compile(rb"xref\s+0 (\d+)\s+").match(data, start)
    assert header, "no xref table where startxref points"
    entries = re.findall(rb"(\d{10}) \d{5} ([nf])", data[header.end() :])[: int(header[1])]
    objects = {}
    for number, (offset, kind) in enumerate(entries):
        if kind == b"n":
            found = re.compile(
                rb"%d 0 obj\s*(<<.*?>>)\s*(?:stream\n(.*?)\nendstream|endobj)" % number, re.S
            ).match(data, int(offset))
            assert found, f"object {number} is not at its offset"
            dictionary, stream = found.groups()
            if stream is not None:
                assert int(re.search(rb"/Length (\d+)", dictionary)[1]) == len(stream)
            objects[number] = (dictionary, stream)
    (pages,) = [d for d, _ in objects.values() if b"/Type /Pages" in d]
    height = float(re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pages)[2])
    width = float(re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pages)[1])
    result = []
    for dictionary, _ in objects.values():
        if re.search(rb"/Type /Page\b(?!s)", dictionary):
            contents = int(re.search(rb"/Contents (\d+) 0 R", dictionary)[1])
            lines = [
                (float(x), float(y), unescape(text))
                for x, y, text in TEXT.findall(objects[contents][1])
            ]
            result.append(sorted(lines, key=lambda line: -line[1]))
    return result, width, height


def unescape(text):
    return re.sub(rb"\\(.)", rb"\1", text).decode(ENCODING)


def escape(text):
    """A PDF literal string's bytes: backslashes and parentheses escaped."""
    return re.sub(rb"([()\\])", rb"\\\1", text.encode(ENCODING))


def marking_width(marking):
    pdf = FPDF(unit="pt")
    pdf.core_fonts_encoding = ENCODING
    pdf.set_font("helvetica", "B", 11)
    return pdf.get_string_width(marking)


def assert_marked_top_and_bottom(data, marking):
    pages, width, height = pdf_pages(data)
    assert pages
    for lines in pages:
        top, bottom = lines[0], lines[-1]
        assert top[2] == marking and top[1] > height - 60, top
        assert bottom[2] == marking and bottom[1] < 60, bottom
        for x, _y, _text in (top, bottom):
            assert abs(x + marking_width(marking) / 2 - width / 2) < 1, "not centred"
    return pages


def test_each_demo_file_is_a_small_real_pdf_marked_top_and_bottom(library):
    for record in library:
        with record.open_file() as handle:
            data = handle.read()
        assert len(data) < 10_000, record.title
        pages = assert_marked_top_and_bottom(data, record.marking)
        words = " ".join(text for lines in pages for _x, _y, text in lines)
        joined = "".join(text for lines in pages for _x, _y, text in lines)
        assert words.startswith(f"{record.marking} {record.title}")
        assert "DEMO FILE. This is not the real publication." in words
        assert record.source_organisation in words
        assert f"Marking: {record.marking}" in words
        if record.sensitive:
            assert "is not published" in words
            assert 'Only members of the group "Demo Valley practitioners"' in words
        else:
            assert REAL_COPY[record.title].split(": ")[-1] in joined, record.title
        # The metadata: title, language, author and subject.
        for key, value in [
            ("Title", record.title),
            ("Lang", record.language),
            ("Author", record.source_organisation),
            ("Subject", record.summary),
        ]:
            assert b"/%s (%s)" % (key.encode(), escape(value)) in data, (record.title, key)


def test_a_long_document_is_marked_on_every_page(library):
    record = library.get(sensitive=True, title__contains="briefing")
    long_text = "Handle with care. " * 400
    data = marked_pdf(record, "Demo", [("Part", long_text)] * 3, creator="test")
    pages = assert_marked_top_and_bottom(data, "OFFICIAL-SENSITIVE – PARTNERSHIP USE ONLY")
    assert len(pages) >= 3


# The auditor ----------------------------------------------------------------------


def test_auditors_read_the_download_log_and_nothing_else(library, demo_data):
    auditors = demo_data["group", "auditors"]
    permissions = {f"{p.content_type.app_label}.{p.codename}" for p in auditors.permissions.all()}
    assert permissions == {"wagtailadmin.access_admin", "resources.view_sensitivedownload"}
    users = get_user_model().objects
    admin = users.get(username="admin@demo.example")
    assert auditors in admin.groups.all()
    assert admin.has_perm("resources.view_sensitivedownload")
    for email in ["practitioner@demo.example", "editor@demo.example"]:
        assert not users.get(username=email).has_perm("resources.view_sensitivedownload")


# Loading again ----------------------------------------------------------------------


def counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def stored_files():
    files = {}
    for document in Resource.objects.order_by("pk"):
        with document.open_file() as handle:
            files[document.title] = handle.read()
    return files


@pytest.mark.django_db
def test_loading_again_changes_nothing(demo_data):
    before = counts()
    latest = list(Page.objects.order_by("pk").values_list("latest_revision_id", flat=True))
    files = stored_files()
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert counts() == before
    assert Revision.objects.count() == before["wagtailcore.Revision"]
    assert list(Page.objects.order_by("pk").values_list("latest_revision_id", flat=True)) == (
        latest
    )
    assert stored_files() == files
    assert output.getvalue().startswith(
        "Demo site ready: Demo Valley Safeguarding Children Partnership with 11 pages.\n"
    )


@pytest.mark.django_db
def test_loading_again_keeps_every_editors_change(demo_data):
    article = demo_data["page", "child-trafficking"]
    article.title = "Child trafficking: guidance"
    article.body = [{"type": "paragraph", "value": "<p>Rewritten by an editor.</p>"}]
    article.save_revision().publish()
    contact = demo_data["contact", "nspcc"]
    contact.value = "0808 800 5001"
    contact.save_revision().publish()
    leaflet = demo_data["resource", "ctac-advice-for-carers"]
    leaflet.summary = "Edited by the partnership's editor."
    leaflet.save()
    partnership = demo_data["settings", "partnership"]
    partnership.areas_covered = "Northbridge and Eastwood"
    partnership.save()
    home = demo_data["page", "home"]
    del home.routes[1:]
    home.save_revision().publish()

    call_command("load_demo", stdout=io.StringIO())

    article = demo_data["page", "child-trafficking"]
    assert article.title == "Child trafficking: guidance"
    assert [block.block_type for block in article.body] == ["paragraph"]
    assert demo_data["contact", "nspcc"].value == "0808 800 5001"
    assert demo_data["resource", "ctac-advice-for-carers"].summary == (
        "Edited by the partnership's editor."
    )
    assert demo_data["settings", "partnership"].areas_covered == "Northbridge and Eastwood"
    assert len(demo_data["page", "home"].routes) == 1
    assert Page.objects.filter(slug="child-trafficking").count() == 1
