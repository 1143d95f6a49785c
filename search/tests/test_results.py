"""What a results page holds: the header box, counts, what to show, extracts of public
material only, documents through their own page, and the page for no results."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.testing import PERSONAS
from safeguarding.testing import streams
from search.models import Synonym
from search.tests.test_search import BODY_WORD, search, text_of


def test_every_page_has_the_header_box_posted_without_a_token(client, partnership):
    html = text_of(client.get("/"))
    form = re.search(r'<form class="header-search"[^>]*>.*?</form>', html, re.S).group(0)
    assert 'method="post"' in form and 'action="/search/"' in form and 'role="search"' in form
    assert 'autocomplete="off"' in form and 'spellcheck="false"' in form
    assert "csrfmiddlewaretoken" not in form
    assert 'class="site-nav__search"' in html  # the menu's link, for small screens


def test_the_search_page_has_no_second_box_in_its_header(client, partnership):
    assert 'class="header-search"' not in text_of(client.get("/search/"))


def test_results_are_counted_and_can_be_narrowed_to_documents(
    client, make_article, make_resource, public_collection
):
    make_article("Private fostering", body=[streams.paragraph(f"<p>{BODY_WORD}</p>")])
    make_resource("Carers leaflet", public_collection, summary=f"About {BODY_WORD}.")
    everything = text_of(search(client, BODY_WORD))
    assert "2 results" in everything
    assert "Pages (1)" in everything and "Documents (1)" in everything
    documents = text_of(client.post("/search/", {"query": BODY_WORD, "kind": "document"}))
    assert "1 result<" in documents
    assert "Carers leaflet" in documents and "Private fostering" not in documents


def test_a_public_page_shows_an_extract_with_the_words_marked(client, make_article):
    make_article(
        "Private fostering", body=[streams.paragraph(f"<p>Ask about {BODY_WORD} now.</p>")]
    )
    html = text_of(search(client, BODY_WORD))
    assert f"Ask about <mark>{BODY_WORD}</mark> now." in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_restricted_page_never_shows_an_extract(persona, client_as, group_pages):
    html = text_of(search(client_as(persona), BODY_WORD))
    assert "<mark>" not in html
    assert "partner agencies" not in html


def test_a_document_leads_to_its_own_page_with_its_marking(client_as, library, sensitive_resource):
    html = text_of(search(client_as("member"), "zanzibarquartz"))
    assert f'<a href="/resources/{sensitive_resource.pk}/">' in html
    assert "OFFICIAL-SENSITIVE – PARTNERSHIP USE ONLY" in html
    assert "<mark>" not in html


def test_a_synonym_finds_what_uses_another_of_its_words(client, make_article):
    Synonym.objects.create(terms="LADO = local authority designated officer")
    make_article(
        "Allegations against staff", summary="Call the local authority designated officer."
    )
    assert "Allegations against staff" in text_of(search(client, "LADO"))


def test_a_suggestion_never_comes_from_a_title_the_visitor_cannot_read(client, group_pages):
    html = text_of(search(client, "plovermantel"))
    assert "Plovermantle" not in html and "plovermantle" not in html
    assert "0 results" in html


def test_no_results_offers_topics_and_a_message_to_the_editors(
    client, partnership, topic_index, make_article
):
    partnership.practitioners_page = topic_index
    partnership.save()
    make_article("Private fostering")
    html = text_of(search(client, "xyzzy"))
    assert "Popular topics" in html and "Private fostering" in html
    assert 'action="/search/missing/"' in html


def test_a_message_about_what_was_missing_goes_to_the_editors_and_nothing_is_kept(
    client, partnership, make_user
):
    editor = make_user("editor@partnership.example", is_superuser=True)
    client.get("/search/")
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/search/missing/", {"message": "Where is the LADO form?"})
    assert "Thank you" in text_of(response)
    assert not response.cookies
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "Where is the LADO form?" in mail.outbox[0].body
    assert "127.0.0.1" not in mail.outbox[0].body
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert not writes


def test_an_empty_message_is_refused(client, partnership):
    html = text_of(client.post("/search/missing/", {"message": ""}))
    assert "Say what you were looking for." in html
    assert "<title>Error: " in html
