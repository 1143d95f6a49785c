"""Site search and page listings show each visitor only what they may open (P4, P5), and
searching leaves no trace: no query in the URL or title, no cookie, no stored copy
(the no-trace rules of the quick exit). Every check is made through HTTP as each kind of visitor."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from home.models import StandardPage
from resources.models import Audience
from resources.testing import PERSONAS
from safeguarding.testing import streams
from safeguarding.testing.fixtures import publish_child
from search import views

# Words that occur nowhere else, so a hit can only come from the page or document under test.
BODY_WORD = "quorblewhistle"
MEMBER_TITLE = "Plovermantle case review"
OTHER_TITLE = "Gribblethorn case review"


def restrict(page, *groups):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(*groups)
    return page


def standard_page(parent, title, slug, text):
    return publish_child(
        parent,
        StandardPage(
            title=title,
            slug=slug,
            body=[streams.paragraph(f"<p>{text}</p>")],
            content_owner="Test team",
        ),
    )


def search(client, query, **extra):
    return client.post("/search/", {"query": query}, **extra)


def text_of(response):
    assert response.status_code == 200
    return response.content.decode()


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


# Pages (P4) ----------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_group_page_is_found_by_its_group_only_and_its_title_shown_to_nobody_else(
    persona, client_as, group_pages
):
    html = text_of(search(client_as(persona), BODY_WORD))
    assert (MEMBER_TITLE in html) == (persona == "member")
    assert (OTHER_TITLE in html) == (persona == "other_group")
    assert "review-a" not in html or persona == "member"


def test_a_public_page_is_found_by_a_word_in_its_body_with_its_description(client, make_article):
    make_article(
        "Private fostering",
        summary="When a child lives with someone who is not a close relative.",
        body=[streams.paragraph(f"<p>Tell us about {BODY_WORD} arrangements.</p>")],
    )
    html = text_of(search(client, BODY_WORD))
    assert '<a href="/practitioners/private-fostering/">Private fostering</a>' in html
    assert "When a child lives with someone who is not a close relative." in html


@pytest.fixture
def other_site(home_page):
    """A second partnership's site, with a page holding the word."""
    other_root = standard_page(
        Page.get_first_root_node(), "Other partnership", "other-home", "Welcome."
    )
    standard_page(other_root, "Eastmarch guidance", "eastmarch", f"About {BODY_WORD}.")
    return Site.objects.create(hostname="127.0.0.1", port=80, root_page=other_root)


def test_a_page_of_another_site_is_never_found(client, partnership, other_site):
    assert "Eastmarch guidance" not in text_of(search(client, BODY_WORD))
    # The same search on the other site finds it, so the test can tell the difference.
    assert "Eastmarch guidance" in text_of(search(client, BODY_WORD, HTTP_HOST="127.0.0.1"))


def test_a_site_parameter_in_the_url_cannot_choose_another_site(client, partnership, other_site):
    response = client.post(f"/search/?site={other_site.pk}", {"query": BODY_WORD})
    assert "Eastmarch guidance" not in text_of(response)


def test_drafts_are_never_found(client, make_article):
    make_article("Unfinished guidance", body=[streams.paragraph(f"<p>{BODY_WORD}</p>")]).unpublish()
    assert "Unfinished guidance" not in text_of(search(client, BODY_WORD))


# Resources (P5) ------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_sensitive_resource_is_found_by_its_group_only(
    persona, client_as, partnership, sensitive_resource
):
    html = text_of(search(client_as(persona), "zanzibarquartz"))
    found = sensitive_resource.title in html
    assert found == (persona == "member")
    assert ("Figures for partner agencies only." in html) == found
    if found:
        assert f'<a href="{sensitive_resource.url}">' in html
        assert f"({sensitive_resource.format_label})" in html
        assert "OFFICIAL-SENSITIVE – PARTNERSHIP USE ONLY" in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_sensitive_resource_outside_a_group_collection_is_found_by_nobody(
    persona, client_as, partnership, make_resource, public_collection, practitioners
):
    make_resource(
        "Frumiousbandersnatch figures",
        public_collection,
        sensitive=True,
        sharing_group=practitioners,
    )
    assert "Frumiousbandersnatch" not in text_of(search(client_as(persona), "frumiousbandersnatch"))


def test_a_public_resource_is_found_by_its_summary_with_its_format(
    client, partnership, make_resource, public_collection
):
    resource = make_resource(
        "Advice for carers",
        public_collection,
        summary=f"What carers can do about {BODY_WORD}.",
        audiences=[Audience.CARERS],
    )
    html = text_of(search(client, BODY_WORD))
    assert f'<a href="{resource.url}">Advice for carers</a>' in html
    assert re.search(r"\(PDF, \d+(\.\d+)?\xa0bytes\)", html)
    assert "OFFICIAL-SENSITIVE" not in html


# No trace ------------------------------------------------------------------


def test_the_query_appears_only_in_the_search_box(client, partnership, group_pages):
    response = search(client, "xyzzy plugh")
    html = text_of(response)
    assert response.request["PATH_INFO"] == "/search/"
    assert not response.request["QUERY_STRING"]
    assert "xyzzy" not in title_of(html)
    assert html.count("xyzzy") == 1
    assert re.search(r'<input type="text" name="query" value="xyzzy plugh"[^>]*>', html)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_search_box_is_posted_and_not_remembered(persona, client_as, partnership):
    html = text_of(client_as(persona).get("/search/"))
    form = re.search(r'<form[^>]*action="/search/"[^>]*>', html).group(0)
    box = re.search(r'<input type="text" name="query"[^>]*>', html).group(0)
    assert 'method="post"' in form and 'action="/search/"' in form
    assert 'autocomplete="off"' in box and 'spellcheck="false"' in box
    search_form = html[html.index(form) : html.index("</form>", html.index(form))]
    assert "csrfmiddlewaretoken" not in search_form


def test_a_query_in_the_url_is_not_searched(client_as, partnership, sensitive_resource):
    html = text_of(client_as("member").get("/search/?query=zanzibarquartz"))
    assert "Zanzibarquartz" not in html
    assert "Search results" not in html


def test_searching_sets_no_cookie_and_stores_nothing_for_an_anonymous_visitor(
    client, partnership, group_pages
):
    client.get("/search/")  # Site settings are created on the first visit ever; not by search.
    with CaptureQueriesContext(connection) as queries:
        response = search(client, BODY_WORD)
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert not writes


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_search_response_is_kept_by_no_cache(persona, client_as, partnership):
    client = client_as(persona)
    for response in (client.get("/search/"), search(client, "trafficking"), search(client, "")):
        cache_control = response["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control


@pytest.mark.parametrize("query", ["", "   ", '" ( )'])
def test_a_query_without_words_asks_for_words(client, partnership, query):
    html = text_of(search(client, query))
    assert title_of(html).startswith("Error: Search")
    assert "Enter a word or phrase to search for." in html
    assert 'aria-invalid="true"' in html
    assert "Search results" not in html


def test_a_very_long_query_is_refused(client, partnership):
    html = text_of(search(client, "a" * 101))
    assert "Search for 100 characters or fewer." in html


def test_no_results_points_to_urgent_help(client, partnership):
    html = text_of(search(client, "xyzzy"))
    assert "Nothing on this site matched your search." in html
    assert '<a href="/worried/">Worried about a child?</a>' in html
    assert 'href="tel:999"' in html


def test_results_come_in_pages_chosen_by_a_posted_page_number(client, monkeypatch, make_article):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for title in ("First guide", "Second guide", "Third guide"):
        make_article(title, body=[streams.paragraph(f"<p>{BODY_WORD}</p>")])
    first = text_of(search(client, BODY_WORD))
    assert first.count('class="search__result ') == 2
    assert "3 results" in first and "Page 1 of 2" in first
    assert '<button type="submit" name="page" value="2"' in first
    second = text_of(client.post("/search/", {"query": BODY_WORD, "page": "2"}))
    assert second.count('class="search__result ') == 1
    assert "Page 2 of 2" in second


def test_search_is_linked_from_every_page(client, partnership):
    assert '<a href="/search/">Search this site</a>' in text_of(client.get("/"))


# Listings and menus (P4) -----------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_topic_index_lists_a_group_article_to_its_group_only(
    persona, client_as, make_article, practitioners, other_group
):
    restrict(make_article("Plovermantle procedures"), practitioners)
    restrict(make_article("Gribblethorn procedures"), other_group)
    response = client_as(persona).get("/practitioners/")
    html = text_of(response)
    assert ("Plovermantle procedures" in html) == (persona == "member")
    assert ("Gribblethorn procedures" in html) == (persona == "other_group")
    if persona == "anonymous":  # Deciding read no session, so the page stays cacheable.
        assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_home_page_route_to_a_group_page_shows_to_its_group_only(
    persona, client_as, home_page, partnership, topic_index, practitioners
):
    private = restrict(
        standard_page(home_page, "Partner hub", "hub", "For partner agencies."), practitioners
    )
    home_page.routes = [
        streams.route("Anyone", "Worried about a child?", "Who to call.", partnership.worried_page),
        streams.route("Partners", "Partner hub", "For partner agencies.", private),
        streams.route("Practitioners", "Guidance", "Topic guidance.", topic_index),
    ]
    home_page.save_revision().publish()
    html = text_of(client_as(persona).get("/"))
    routes = re.findall(r'<a class="route__link" href="([^"]+)">', html)
    expected = ["/worried/", "/hub/", "/practitioners/"]
    if persona != "member":
        expected.remove("/hub/")
    assert routes == expected


@pytest.mark.parametrize("query", ["child's", 'say "help', "a*", "NEAR(a b)", "-x AND OR", "ünï ✓"])
def test_punctuation_and_search_syntax_are_searched_as_plain_text(client, make_article, query):
    assert "Search results" in text_of(search(client, query))
