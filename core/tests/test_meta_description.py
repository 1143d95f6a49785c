"""Every page carries a meta description: its search description, else its summary or intro."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from articles.models import ArticlePage
from home.models import HomePage, StandardPage


def descriptions(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    return [meta["content"] for meta in soup.select('head meta[name="description"]')]


@pytest.fixture
def demo_pages(demo_data, db):
    return [page for page in Page.objects.live().public().specific() if page.depth > 1]


def test_every_demo_page_type_has_one_meta_description(client, demo_pages):
    types = set()
    for page in demo_pages:
        found = descriptions(client, page.url)
        assert len(found) == 1 and found[0].strip(), f"{page.url}: {found}"
        assert found[0] == page.meta_description
        types.add(type(page).__name__)
    assert {"HomePage", "StandardPage", "ArticlePage", "ConcernPage"} <= types, types
    assert len(descriptions(client, "/search/")) == 1


def test_the_home_page_is_described_by_its_intro(client, demo_pages):
    home = HomePage.objects.get()
    assert not home.search_description
    assert descriptions(client, home.url) == [" ".join(home.intro.split())]


@pytest.mark.parametrize(("model", "field"), [(ArticlePage, "summary"), (StandardPage, "intro")])
def test_without_a_search_description_the_summary_or_intro_is_used(
    client, demo_pages, model, field
):
    page = model.objects.live().exclude(**{field: ""}).first()
    page.search_description = ""
    page.save_revision().publish()
    assert descriptions(client, page.url) == [" ".join(getattr(page, field).split())]
