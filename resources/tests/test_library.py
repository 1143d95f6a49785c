"""The resource library page and each resource's own page, as each kind of visitor sees them.

Every test goes through HTTP as one of PERSONAS. The sensitive fixture's title
("Zanzibarquartz operations briefing") is a word found nowhere else, so its
absence from a response proves the title was not printed anywhere in it.
"""

import datetime
import re
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection

from resources.models import Audience, HandlingInstruction, ResourceLibraryPage, Topic
from resources.templatetags.library_tags import marking_restricts
from resources.testing import PERSONAS, REFUSED, private_collection
from safeguarding.testing.fixtures import publish_child

SECRET_WORD = "Zanzibarquartz"
FORMAT_LABEL = re.compile(r"\((PDF|DOCX), \d+(\.\d+)?\xa0(bytes|KB)\)")


@pytest.fixture
def library(home_page, partnership):
    return publish_child(
        home_page,
        ResourceLibraryPage(
            title="Resources for practitioners",
            slug="resources",
            intro="Leaflets, briefings and statistics.",
            content_owner="Partnership business unit",
        ),
    )


@pytest.fixture
def trafficking():
    return Topic.objects.create(name="Child trafficking", slug="child-trafficking")


@pytest.fixture
def county_lines():
    return Topic.objects.create(name="County lines", slug="county-lines")


@pytest.fixture
def catalogue(
    library, public_resource, sensitive_resource, make_resource, public_collection, trafficking,
    county_lines,
):  # fmt: skip
    """Three public resources and one sensitive one, with topics, audiences and formats."""
    public_resource.publication_date = datetime.date(2019, 6, 1)
    public_resource.save()
    public_resource.topics.add(trafficking)
    sensitive_resource.topics.add(trafficking)
    checklist = make_resource(
        "Health checklist for county lines",
        public_collection,
        filename="checklist.docx",
        summary="Questions to ask at an appointment.",
        audiences=[Audience.HEALTH],
        handling_instruction=HandlingInstruction.FOR_PUBLIC_RELEASE,
        source_organisation="Test Valley partnership",
        publication_date=datetime.date(2021, 3, 4),
    )
    checklist.topics.add(county_lines)
    statistics = make_resource(
        "Referral statistics for children",
        public_collection,
        filename="statistics.pdf",
        audiences=[Audience.HEALTH, Audience.SOCIAL_CARE],
        source_organisation="Home Office",
    )
    statistics.topics.add(trafficking)
    return {
        "public": public_resource,
        "sensitive": sensitive_resource,
        "checklist": checklist,
        "statistics": statistics,
    }


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def listed_titles(page):
    return [
        a.get_text(strip=True) for a in page.select(".library-results .resource-entry__title a")
    ]


def options(page, name):
    """{label: count} for each checkbox of one filter."""
    found = {}
    for box in page.select(f'input[type=checkbox][name="{name}"]'):
        label = page.select_one(f'label[for="{box["id"]}"]').get_text(" ", strip=True)
        text, count = re.fullmatch(r"(.+) \((\d+)\)", label).groups()
        found[text] = int(count)
    return found


def checked(page):
    return sorted(
        (box["name"], box["value"]) for box in page.select("input[type=checkbox][checked]")
    )


# The list ----------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_shows_a_sensitive_title_to_members_only(persona, client_as, catalogue):
    response = client_as(persona).get("/resources/")
    page = soup(response)
    titles = listed_titles(page)
    assert "Child trafficking advice for carers" in titles
    assert "Health checklist for county lines" in titles
    if persona == "member":
        assert "Zanzibarquartz operations briefing" in titles
        (entry,) = [li for li in page.select(".resource-entry") if SECRET_WORD in li.get_text()]
        assert "OFFICIAL-SENSITIVE – PARTNERSHIP USE ONLY" in entry.get_text()
        assert entry.select_one(".resource-entry__marking--sensitive")
        assert "private" in response["Cache-Control"]
        assert not page.select(".library-withheld")
    else:
        assert SECRET_WORD.encode() not in response.content
        assert b"OFFICIAL-SENSITIVE" not in response.content
        withheld = page.select_one(".library-withheld").get_text(" ", strip=True)
        assert "shared only with approved practitioners in partner agencies" in withheld
        sign_in = page.select_one('.library-withheld a[href^="/accounts/login/"]')
        assert (sign_in is not None) == (persona == "anonymous")
    assert "no-store" in response["Cache-Control"]


def test_the_anonymous_list_is_one_copy_for_everyone_in_the_shared_cache(client, catalogue):
    """Nothing in it depends on a visitor: the session is never read (no `Vary: Cookie`)."""
    for url in ["/resources/", "/resources/?audience=teachers"]:
        response = client.get(url)
        assert "Cookie" not in response.get("Vary", "")
        assert response["CDN-Cache-Control"].startswith("max-age=")


def test_entries_are_newest_first_with_everything_a_reader_needs(client, catalogue):
    page = soup(client.get("/resources/"))
    assert listed_titles(page) == [
        "Health checklist for county lines",
        "Child trafficking advice for carers",
        "Referral statistics for children",
    ]
    entry = page.select(".resource-entry")[1]
    link = entry.select_one(".resource-entry__title a")
    assert link["href"] == f"/resources/{catalogue['public'].pk}/"
    text = entry.get_text(" ", strip=True)
    assert re.search(r"\(PDF, \d+\xa0bytes\)", text)
    assert "What carers can look out for." in text
    assert "From NSPCC." in text
    assert "Published 1 June 2019" in text
    # A list shows only markings that restrict: not OFFICIAL – FOR PUBLIC RELEASE on every
    # public leaflet, and none on third-party public material, which has no marking.
    assert not page.select(".resource-entry__marking")
    assert "FOR PUBLIC RELEASE" not in page.select_one("main").get_text()


def test_every_entry_and_every_download_link_shows_its_format(client_as, catalogue, library):
    client = client_as("member")
    for response in [
        client.get("/resources/"),
        *(client.get(library.resource_url(resource)) for resource in catalogue.values()),
    ]:
        page = soup(response)
        for title in page.select(".resource-entry__title"):
            assert FORMAT_LABEL.search(title.get_text()), title
        for link in page.select('a[href^="/documents/"]'):
            assert FORMAT_LABEL.search(link.parent.get_text()), link.parent


@pytest.mark.parametrize(
    "persona, audiences, topics, formats",
    [
        (
            "anonymous",
            {"Parents and carers": 1, "Health": 2, "Social care": 1, "The public": 1},
            {"Child trafficking": 2, "County lines": 1},
            {"DOCX": 1, "PDF": 2},
        ),
        (
            "member",
            {
                "Parents and carers": 1,
                "Health": 2,
                "Social care": 2,
                "Police": 1,
                "The public": 1,
            },
            {"Child trafficking": 3, "County lines": 1},
            {"DOCX": 1, "PDF": 3},
        ),
    ],
)
def test_each_option_shows_how_many_resources_it_matches(
    persona, audiences, topics, formats, client_as, catalogue
):
    page = soup(client_as(persona).get("/resources/"))
    assert options(page, "audience") == audiences
    assert options(page, "topic") == topics
    assert options(page, "format") == formats
    assert page.select_one("#results-heading").get_text(strip=True) == (
        f"{sum(formats.values())} resources"
    )


@pytest.mark.parametrize("persona", ["pending", "other_group"])
def test_counts_for_signed_in_visitors_without_access_leave_out_sensitive_items(
    persona, client_as, catalogue
):
    page = soup(client_as(persona).get("/resources/"))
    assert options(page, "format") == {"DOCX": 1, "PDF": 2}
    assert "Police" not in options(page, "audience")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("audience=health",
         ["Health checklist for county lines", "Referral statistics for children"]),
        ("topic=county-lines", ["Health checklist for county lines"]),
        ("format=docx", ["Health checklist for county lines"]),
        # Options within a filter widen the choice; filters narrow it.
        ("audience=carers&audience=health&format=pdf",
         ["Child trafficking advice for carers", "Referral statistics for children"]),
        ("topic=child-trafficking&audience=health", ["Referral statistics for children"]),
    ],
)  # fmt: skip
def test_each_filter_narrows_the_list(query, expected, client, catalogue):
    page = soup(client.get(f"/resources/?{query}"))
    assert listed_titles(page) == expected
    assert checked(page) == sorted(tuple(pair.split("=")) for pair in query.split("&"))
    assert page.select_one('.library-filters a[href="/resources/"]').get_text() == "Clear filters"


def test_counts_follow_the_other_filters(client, catalogue):
    page = soup(client.get("/resources/?format=pdf"))
    # Within the PDFs: one for carers, one for health; the format counts ignore
    # the format filter itself, so the reader can widen it.
    assert options(page, "audience")["Health"] == 1
    assert options(page, "topic") == {"Child trafficking": 2, "County lines": 0}
    assert options(page, "format") == {"DOCX": 1, "PDF": 2}


def test_a_member_can_filter_to_sensitive_material(client_as, catalogue):
    page = soup(client_as("member").get("/resources/?audience=police"))
    assert listed_titles(page) == ["Zanzibarquartz operations briefing"]


@pytest.mark.parametrize("persona", REFUSED)
def test_a_filter_only_sensitive_items_have_finds_nothing_and_names_nothing(
    persona, client_as, catalogue
):
    response = client_as(persona).get("/resources/?audience=police")
    assert SECRET_WORD.encode() not in response.content
    # An option nobody here can see is ignored rather than emptying the list.
    assert len(listed_titles(soup(response))) == 3


def test_no_results_says_so_and_offers_to_clear_the_filters(client, catalogue):
    page = soup(client.get("/resources/?audience=carers&format=docx"))
    assert listed_titles(page) == []
    message = page.select_one(".library-results p")
    assert "No resources match the filters you chose." in message.get_text()
    assert message.a["href"] == "/resources/" and message.a.get_text() == "Clear filters"


def test_the_filters_are_a_plain_get_form_without_a_token(client, catalogue):
    response = client.get("/resources/?format=pdf")
    page = soup(response)
    form = page.select_one("form.library-filters")
    assert form["method"] == "get" and form["action"] == "/resources/"
    assert not form.select('input[name="csrfmiddlewaretoken"]')
    assert form.select_one('button[type="submit"]')
    assert not page.select("script[src]") or all(
        "quickexit" in script["src"] for script in page.select("script[src]")
    )
    assert "Set-Cookie" not in response and not response.cookies


def test_the_list_needs_the_same_few_queries_however_long_it_is(
    client, catalogue, make_resource, public_collection, trafficking,
    django_assert_max_num_queries,
):  # fmt: skip
    client.get("/resources/")  # Warm the site and settings caches.
    with CaptureQueriesContext(connection) as short_list:
        client.get("/resources/")
    for number in range(10):
        extra = make_resource(f"Leaflet {number}", public_collection, audiences=["health"])
        extra.topics.add(trafficking)
    with django_assert_max_num_queries(len(short_list)):
        client.get("/resources/")
    resource_queries = [
        q for q in short_list.captured_queries if re.search(r'(FROM|JOIN) "resources_', q["sql"])
    ]
    assert len(resource_queries) <= 4


def test_library_pages_are_styled_by_the_site_stylesheet(client, catalogue, library):
    # Resource entries appear in articles too, so their styles are the site's own.
    for url in ["/resources/", library.resource_url(catalogue["public"])]:
        page = soup(client.get(url))
        sheets = [link["href"] for link in page.select('link[rel="stylesheet"]')]
        assert sheets == ["/static/core/css/site.css", "/static/quickexit/quick-exit.css"]


# Each resource's own page ------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_public_resource_page_is_open_to_everyone(persona, client_as, catalogue, library):
    response = client_as(persona).get(f"/resources/{catalogue['public'].pk}/")
    page = soup(response)
    assert page.h1.get_text() == "Child trafficking advice for carers"
    assert page.title.get_text().startswith("Child trafficking advice for carers – ")
    assert "no-store" in response["Cache-Control"]
    assert "X-Robots-Tag" not in response
    assert not page.select('meta[name="robots"]')
    if persona == "anonymous":
        assert "private" not in response["Cache-Control"]
        assert "Set-Cookie" not in response and not response.cookies


@pytest.mark.parametrize("persona", REFUSED)
def test_a_sensitive_resource_page_is_not_found_and_names_nothing(persona, client_as, catalogue):
    # As a missing resource is (test_existence.py compares the two).
    response = client_as(persona).get(f"/resources/{catalogue['sensitive'].pk}/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert SECRET_WORD.encode() not in response.content
    assert "no-store" in response["Cache-Control"]


def test_a_member_reads_the_sensitive_resource_page_with_its_marking_top_and_bottom(
    client_as, catalogue
):
    sensitive = catalogue["sensitive"]
    response = client_as("member").get(f"/resources/{sensitive.pk}/")
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    page = soup(response)
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert not page.select('meta[name="description"]')
    article = page.select_one("article.resource")
    banners = article.select(".marking-banner")
    assert len(banners) == 2
    assert banners[0] is article.find(True) and banners[1] is article.find_all(True)[-2]
    for banner in banners:
        assert banner.get_text() == (
            "Protective marking: OFFICIAL-SENSITIVE – PARTNERSHIP USE ONLY"
        )
    note = article.select_one(".handling-note").get_text(" ", strip=True)
    assert "do not print it" in note and "Do not forward it" in note
    assert "Downloads are recorded" in note
    assert "partnership business unit" in note
    download = article.select_one(f'a[href="{sensitive.url}"]')
    assert download.get_text() == "Download Zanzibarquartz operations briefing"


def test_the_resource_page_shows_every_fact_of_the_record(client, catalogue):
    public = catalogue["public"]
    public.review_date = datetime.date(2030, 1, 31)
    public.save()
    page = soup(client.get(f"/resources/{public.pk}/"))
    facts = {
        div.dt.get_text(): div.dd.get_text(" ", strip=True)
        for div in page.select(".resource__facts div")
    }
    assert facts == {
        "Who it is for": "Parents and carers, The public",
        "Topics": "Child trafficking",
        "From": "NSPCC",
        "Published": "1 June 2019",
        "Review due": "31 January 2030",
        "Language": "English",
        "Protective marking": "OFFICIAL – FOR PUBLIC RELEASE",
    }
    assert page.select_one(".lead").get_text() == "What carers can look out for."
    # Cleared for public release: the marking is one fact of the record, not a banner.
    assert not page.select(".marking-banner")
    assert not page.select(".handling-note")
    assert not page.select(".resource__review-due")
    crumbs = [a.get_text() for a in page.select(".breadcrumbs a")]
    assert crumbs == ["Home", "Resources for practitioners"]


def test_a_resource_past_its_review_date_says_so(client, catalogue):
    statistics = catalogue["statistics"]
    statistics.review_date = datetime.date.today() - datetime.timedelta(days=1)
    statistics.save()
    page = soup(client.get(f"/resources/{statistics.pk}/"))
    assert "This document is due for review." in page.select_one(".resource__review-due").text


def test_third_party_public_material_has_no_banner(client, catalogue):
    page = soup(client.get(f"/resources/{catalogue['statistics'].pk}/"))
    assert not page.select(".marking-banner")


def test_a_missing_resource_is_not_found(client, catalogue):
    assert client.get("/resources/999999/").status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_restricted_official_resource_is_for_its_group_only(
    persona, client_as, make_resource, practitioners, library
):
    # Not sensitive, but in a private collection: the collection decides.
    restricted = make_resource(
        "Quokkaflint meeting notes", private_collection("Members' notes", practitioners)
    )
    client = client_as(persona)
    listing = client.get("/resources/")
    detail = client.get(f"/resources/{restricted.pk}/")
    if persona == "member":
        assert b"Quokkaflint" in listing.content
        assert detail.status_code == 200
        assert "private" in detail["Cache-Control"] and "noindex" in detail["X-Robots-Tag"]
    else:
        assert b"Quokkaflint" not in listing.content
        assert detail.status_code == 404
        assert b"Quokkaflint" not in detail.content


# Sitemap and cookies -------------------------------------------------------


def test_the_sitemap_lists_the_library_and_public_resources_only(
    client, catalogue, make_resource, practitioners
):
    restricted = make_resource("Notes", private_collection("Notes", practitioners))
    nested = Collection.objects.get(name="Notes").add_child(name="Nested notes")
    inherited = make_resource("Nested", nested)
    locations = re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode())
    assert "http://localhost/resources/" in locations
    for key in ["public", "checklist", "statistics"]:
        assert f"http://localhost/resources/{catalogue[key].pk}/" in locations
    for hidden in [catalogue["sensitive"], restricted, inherited]:
        assert f"http://localhost/resources/{hidden.pk}/" not in locations


def test_public_library_pages_set_no_cookie(client, catalogue):
    for url in [
        "/resources/",
        "/resources/?topic=county-lines",
        f"/resources/{catalogue['public'].pk}/",
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert "Set-Cookie" not in response and not response.cookies, url


@pytest.mark.parametrize(
    ("sensitive", "handling", "descriptor", "restricts"),
    [
        (False, HandlingInstruction.FOR_PUBLIC_RELEASE, "", False),
        (False, HandlingInstruction.NONE, "", False),  # third-party public material
        (False, HandlingInstruction.FOR_PUBLIC_RELEASE, "PERSONAL DATA", True),
        (False, HandlingInstruction.PARTNERSHIP_USE_ONLY, "", True),
        (True, HandlingInstruction.PARTNERSHIP_USE_ONLY, "", True),
    ],
)
def test_only_a_marking_that_restricts_is_shown_in_lists_and_banners(
    sensitive, handling, descriptor, restricts
):
    resource = SimpleNamespace(
        sensitive=sensitive, handling_instruction=handling, descriptor=descriptor
    )
    assert marking_restricts(resource) is restricts
