"""The layout every page shares, and the site-wide files: through HTTP."""

import re

import pytest
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from safeguarding.views import BARE_SERVER_ERROR


def test_every_page_has_skip_link_header_help_and_one_main(client, make_article):
    article = make_article()
    for url in ["/", "/practitioners/", article.url, "/worried/"]:
        html = client.get(url).content.decode()
        assert html.index('class="skip-link" href="#main-content"') < html.index("<header")
        assert html.count("<main") == 1
        assert 'id="main-content"' in html
        assert "If a child is in immediate danger, call" in html
        assert '<a class="immediate-danger__number" href="tel:999">999</a>' in html
        assert re.search(
            r'<a class="site-nav__worried" href="/worried/"( aria-current="page")?>'
            r"Worried about a child\?</a>",
            html,
        )
        assert '<a href="/accessibility/">Accessibility statement</a>' in html
        assert '<a href="/privacy/">Privacy notice</a>' in html
        assert html.count("<h1") == 1, url
        assert '<html lang="en-GB"' in html


def test_title_names_page_and_partnership(client, make_article):
    article = make_article("County lines")
    html = client.get(article.url).content.decode()
    assert "<title>County lines – Test Valley Safeguarding Children Partnership</title>" in html


def test_breadcrumbs_lead_from_home_to_the_page(client, make_article):
    article = make_article()
    html = client.get(article.url).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumb">(.*?)</nav>', html, re.S)
    assert crumbs, "no breadcrumbs"
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', crumbs.group(1))
    assert links == [("/", "Home"), ("/practitioners/", "Guidance for practitioners")]
    assert (
        '<li class="breadcrumbs__item" aria-current="page">Child trafficking</li>'
        in crumbs.group(1)
    )


def test_home_page_has_no_breadcrumbs(client, partnership):
    assert 'aria-label="Breadcrumb"' not in client.get("/").content.decode()


def test_public_pages_set_no_cookie_and_send_no_referrer(client, make_article):
    article = make_article()
    for url in ["/", "/practitioners/", article.url, "/sitemap.xml", "/robots.txt", "/nope/"]:
        response = client.get(url)
        assert not response.cookies, f"{url} set {list(response.cookies)}"
        assert response["Referrer-Policy"] == "no-referrer"
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_no_page_loads_anything_from_another_host(client, make_article):
    article = make_article()
    for url in ["/", article.url, "/nope/"]:
        html = client.get(url).content.decode()
        assert not re.search(r'\bsrc="(https?:)?//', html), url
        assert not re.search(r'<link[^>]+href="(https?:)?//', html), url
        assert "@import" not in html and "<iframe" not in html


def test_404_is_in_the_site_layout(client, partnership):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert "Worried about a child?" in html
    assert "If a child is in immediate danger, call" in html


@override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_500_is_in_the_site_layout(partnership, monkeypatch):
    from home.models import HomePage

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(HomePage, "serve", explode)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "Worried about a child?" in html
    assert 'href="tel:999"' in html


def test_500_falls_back_to_bare_html_when_the_layout_fails(rf, monkeypatch):
    from safeguarding import views

    def broken(*args, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(views, "render_to_string", broken)
    response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    assert response.content.decode() == BARE_SERVER_ERROR


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_public_pages_and_not_restricted_ones(client, make_article, home_page):
    public = make_article("County lines")
    private = make_article("Restricted guidance")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"<loc>http://localhost{public.url}</loc>" in body
    assert "<loc>http://localhost/</loc>" in body
    assert "restricted-guidance" not in body


@pytest.mark.parametrize("path", ["/accessibility/", "/privacy/"])
def test_footer_pages_are_reachable(client, partnership, path):
    assert client.get(path).status_code == 200


def test_admin_pages_send_same_origin_referrer_so_form_posts_pass_csrf(client, partnership):
    response = client.get("/admin/login/")
    assert response["Referrer-Policy"] == "same-origin"
    assert client.get("/")["Referrer-Policy"] == "no-referrer"
