"""The search corpus at a tiny size: sites, restricted articles and documents as the access
rules ask, text that search finds for those who may read it, and no second loading."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Site

from accounts import approval
from articles.models import ArticlePage
from core.access import is_restricted_material
from demo.facts import data_file
from resources.marking import marking_errors
from resources.models import Resource

AREAS = data_file("corpus.toml")["area"]


@pytest.fixture
def corpus(partnership):
    call_command("load_search_corpus", pages=30, documents=10, stdout=open("/dev/null", "w"))


def finds(client, document):
    """Whether searching for the document's title but its year (the search box shows the
    words asked for) lists the document."""
    query = document.title.rsplit(" ", 1)[0]
    response = client.post("/search/", {"query": query})
    assert response.status_code == 200
    return document.title in response.content.decode()


def test_the_corpus_spreads_articles_over_the_sites(corpus):
    hostnames = set(Site.objects.values_list("hostname", flat=True))
    assert {area["hostname"] for area in AREAS[1:]} <= hostnames
    articles = ArticlePage.objects.filter(content_owner="Search corpus")
    assert articles.count() == 30
    for site in Site.objects.all():
        assert articles.descendant_of(site.root_page).count() >= 30 // len(AREAS)
        # About one in ten is in the list private to the area's practitioner group.
        private = articles.descendant_of(site.root_page).filter(
            url_path__contains="/corpus-briefings/"
        )
        assert private.exists()
        assert all(page.get_view_restrictions() for page in private)


def test_one_document_in_ten_is_sensitive_and_follows_the_marking_rules(corpus):
    documents = Resource.objects.filter(source_organisation__endswith="Children Partnership")
    assert documents.count() == 10
    sensitive = documents.filter(sensitive=True)
    assert sensitive.count() == 1
    for document in documents:
        assert marking_errors(document) == {}
        assert is_restricted_material(document) == document.sensitive
        assert document.title in document.text
        with document.open_file() as file:
            assert file.read(5) == b"%PDF-"


def test_search_finds_corpus_text_for_those_who_may_read_it(corpus, make_user):
    document = Resource.objects.get(sensitive=True)
    member = make_user("member@school.example", organisation="Northbridge Primary")
    approval.approve(member, document.sharing_group, datetime.timedelta(days=30), notify=False)
    signed_in = Client()
    signed_in.force_login(member)
    assert finds(signed_in, document)
    assert not finds(Client(), document)

    public = Resource.objects.filter(sensitive=False).first()
    assert finds(Client(), public)


def test_the_corpus_is_not_loaded_twice(corpus):
    with pytest.raises(CommandError, match="already loaded"):
        call_command("load_search_corpus", pages=3, documents=1)
