"""What people mean, on the demo partnership's own content: misspellings, abbreviations
and synonyms find the right page first. Run on SQLite and on PostgreSQL (DATABASE_URL)."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import Page

from search.models import Synonym
from search.query import Meaning
from search.results import indexed, looked_up, ranked, ranked_pages


@pytest.fixture
def demo(demo_data, db):
    return demo_data


def result_titles(client, query, **fields):
    response = client.post("/search/", {"query": query, **fields})
    assert response.status_code == 200
    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", title).strip()
        for title in re.findall(r'<h2 class="search__title"><a [^>]*>(.*?)</a>', html)
    ], html


def test_a_misspelling_finds_the_child_trafficking_article_first(client, demo):
    titles, html = result_titles(client, "trafficing")
    assert titles[0] == "Child trafficking"
    assert "these are the results for <strong>trafficking</strong>" in html


def test_mash_finds_the_area_whose_front_door_is_the_multi_agency_safeguarding_hub(client, demo):
    titles, html = result_titles(client, "MASH")
    assert titles[0] == "Riverside: Multi-Agency Safeguarding Hub"
    assert 'href="/worried-about-a-child/?area=riverside#answer"' in html


def test_county_lines_finds_the_criminal_exploitation_article_first(client, demo):
    titles, _html = result_titles(client, "county lines")
    assert titles[0] == "Child criminal exploitation and county lines"


def test_an_abbreviation_finds_what_is_written_out(client, demo):
    titles, _html = result_titles(client, "CSE")
    assert "Child sexual exploitation" in titles


def test_synonyms_group_the_phrases_typed_and_keep_the_typed_one_first():
    synonyms = [Synonym(terms="MASH = Multi-Agency Safeguarding Hub = front door")]
    meaning = Meaning.of("front door procedures", synonyms)
    assert meaning.groups == (
        (("front", "door"), ("mash",), ("multi", "agency", "safeguarding", "hub")),
        (("procedures",),),
    )
    assert meaning.distance({"mash", "procedures"}) == 1
    assert meaning.distance({"mash"}) is None


def test_a_corrected_search_stays_within_the_query_budget(
    client, demo, django_assert_max_num_queries
):
    client.get("/search/")  # Site settings are created on the first visit ever.
    # One more than a page's budget of 12: the words are searched twice, as typed and
    # as corrected, with the titles for the correction read in between.
    with django_assert_max_num_queries(13):
        result_titles(client, "trafficing")


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's own lookup")
@pytest.mark.parametrize("query", ["child", "safeguarding", "exploitation", "county lines", "CSE"])
def test_postgresql_looks_pages_up_one_by_one_and_ranks_them_as_wagtail_does(demo, query):
    pages = Page.objects.live().public().specific()
    meaning = Meaning.of(query, list(Synonym.objects.all()))
    theirs = [page.pk for page, _relevance in ranked(pages, meaning)]
    assert len(theirs) > 1
    mine = ranked_pages(pages, meaning)
    assert [page.pk for page, _relevance in mine] == theirs


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's own lookup")
@pytest.mark.parametrize("query", ["child", "trafficking", "modern slavery"])
def test_postgresql_looks_documents_up_one_by_one_and_ranks_them_as_wagtail_does(demo, query):
    model = get_document_model()
    meaning = Meaning.of(query, list(Synonym.objects.all()))
    theirs = [document.pk for document, _relevance in ranked(model.objects.all(), meaning)]
    assert len(theirs) > 1
    mine = looked_up(model.objects.all(), meaning, ContentType.objects.get_for_model(model).pk)
    assert [document.pk for document, _relevance in mine] == theirs


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="one look in the index")
def test_documents_are_not_searched_for_a_word_in_nothing_indexed(client, demo):
    assert indexed(Meaning.of("trafficking", []))
    assert not indexed(Meaning.of("trafficing", []))
    client.get("/search/")
    with CaptureQueriesContext(connection) as queries:
        titles, _html = result_titles(client, "trafficing")
    assert titles[0] == "Child trafficking"
    documents = [q for q in queries if q["sql"].startswith('SELECT "resources_resource"."id"')]
    assert len(documents) == 1  # for "trafficking" only


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's index")
def test_the_title_and_body_index_keeps_no_pending_list(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = 'search_indexentry_title_body_gin'"
        )
        assert "fastupdate=off" in cursor.fetchone()[0]


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="pg_trgm on PostgreSQL")
def test_postgresql_finds_like_titles_with_the_spelling_threshold(demo):
    from search.spelling import TRIGRAM_THRESHOLD

    with connection.cursor() as cursor:
        cursor.execute("SHOW pg_trgm.word_similarity_threshold")
        assert float(cursor.fetchone()[0]) == TRIGRAM_THRESHOLD
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_page_title_trigram'"
        )
        assert "gin_trgm_ops" in cursor.fetchone()[0]
