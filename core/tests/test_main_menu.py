"""The main menu and the signed-in bar at the top of every page, through HTTP."""

import re

import pytest

from safeguarding.testing.fixtures import PASSWORD


@pytest.fixture
def menu_pages(partnership, topic_index, make_article):
    """Settings naming a page for every place in the menu."""
    article = make_article()
    partnership.young_people_page = partnership.privacy_page  # any live page will do
    partnership.practitioners_page = topic_index
    partnership.resources_page = partnership.accessibility_page
    partnership.save()
    return article


def menu(html):
    found = re.search(r'<nav class="site-nav" aria-label="Main">(.*?)</nav>', html, re.S)
    assert found, "no main menu"
    return found.group(1)


def links(menu_html):
    return re.findall(
        r'<a class="site-nav__[a-z]+" href="([^"]+)"( aria-current="page")?>([^<]+)</a>', menu_html
    )


def test_menu_links_the_pages_the_settings_name_and_search(client, menu_pages):
    html = client.get("/").content.decode()
    assert [(href, text) for href, _, text in links(menu(html))] == [
        ("/worried/", "Worried about a child?"),
        ("/privacy/", "Help for young people"),
        ("/practitioners/", "Practitioners"),
        ("/accessibility/", "Resources"),
        ("/search/", "Search"),
    ]
    # It folds behind "Menu" on small screens without JavaScript: a <details>.
    assert '<summary class="site-nav__toggle">Menu</summary>' in menu(html)


def test_a_page_left_empty_in_the_settings_is_left_out(client, partnership):
    html = client.get("/").content.decode()
    assert [text for _, _, text in links(menu(html))] == ["Worried about a child?", "Search"]


def test_the_current_section_is_marked_on_its_page_and_below_it(client, menu_pages):
    for url in ["/practitioners/", menu_pages.url]:
        current = [text for _, mark, text in links(menu(client.get(url).content.decode())) if mark]
        assert current == ["Practitioners"], url
    assert not [mark for _, mark, _ in links(menu(client.get("/").content.decode())) if mark]
    search = links(menu(client.get("/search/").content.decode()))
    assert [text for _, mark, text in search if mark] == ["Search"]


def test_every_page_type_and_error_page_has_the_menu(client, menu_pages):
    for url in ["/", "/practitioners/", menu_pages.url, "/worried/", "/search/", "/no-such-page/"]:
        assert "Worried about a child?" in menu(client.get(url).content.decode()), url


def test_an_anonymous_visitor_gets_no_account_bar_no_form_and_no_cookie(client, menu_pages):
    for url in ["/", "/practitioners/", menu_pages.url]:
        response = client.get(url)
        html = response.content.decode()
        assert "Signed in as" not in html and "Sign out" not in html
        assert "csrfmiddlewaretoken" not in html
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", ""), url


def test_a_signed_in_visitor_sees_who_they_are_and_can_sign_out_from_any_page(
    client, menu_pages, make_user
):
    make_user("teacher@school.example")
    assert client.login(username="teacher@school.example", password=PASSWORD)
    for url in ["/", "/practitioners/", menu_pages.url, "/no-such-page/"]:
        html = client.get(url).content.decode()
        assert "Signed in as <strong>teacher@school.example</strong>" in html, url
        form = re.search(
            r'<form class="account-bar__form" method="post" action="([^"]+)">(.*?)</form>',
            html,
            re.S,
        )
        assert form and form.group(1) == "/accounts/logout/", url
        assert 'name="csrfmiddlewaretoken"' in form.group(2)
        assert '<a class="account-bar__link" href="/accounts/profile/">Your account</a>' in html
        # A browser posts that form with `Origin: null` under `no-referrer`, which the
        # CSRF check refuses: pages for a signed-in visitor send `same-origin`.
        assert client.get(url)["Referrer-Policy"] == "same-origin", url
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert "Signed in as" not in client.get("/").content.decode()
