"""The exit control and the no-trace headers, through HTTP (no browser)."""

import base64
import hashlib
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.test import Client, override_settings

from quickexit.messages import MESSAGES
from quickexit.models import (
    DEFAULT_DESTINATION,
    QuickExitSettings,
    destination_problem,
    validate_destination,
)


def script_hash():
    """The CSP source for the inline quick-exit script, made from the static file."""
    with open(finders.find("quickexit/quick-exit.js"), "rb") as file:
        return f"'sha256-{base64.b64encode(hashlib.sha256(file.read()).digest()).decode()}'"


CONTROL = re.compile(r'<a class="quick-exit__button"[^>]*>.*?</a>', re.S)


@pytest.fixture
def pages(make_article, partnership):
    """Every kind of page: home, standard, index, article, 404."""
    article = make_article()
    return ["/", "/worried/", "/practitioners/", article.url, "/no-such-page/"]


@pytest.mark.parametrize(
    "url",
    ["https://www.bbc.co.uk/weather", "https://www.google.com/webhp", "https://example.org/"],
)
def test_validator_accepts_https_sites_elsewhere(db, url):
    validate_destination(url)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://www.bbc.co.uk/weather", "starts with https://"),
        ("www.bbc.co.uk/weather", "starts with https://"),
        ("javascript:alert(1)", "starts with https://"),
        ("https://localhost/", "leave this one"),
        ("https://testserver/elsewhere", "leave this one"),
        ("https://www.localhost/", "leave this one"),
        ("https://www.google.com/search?q=testserver", "names this website"),
    ],
)
def test_validator_refuses_insecure_or_own_or_revealing_destinations(db, url, message):
    with pytest.raises(ValidationError, match=message):
        validate_destination(url)


def test_invalid_stored_destination_falls_back_to_the_default(site):
    settings = QuickExitSettings.for_site(site)
    settings.destination = "http://example.org/"  # saved around the form's validation
    assert destination_problem(settings.destination)
    assert settings.safe_destination == DEFAULT_DESTINATION


def test_every_page_renders_the_control_without_javascript(client, pages):
    for url in pages:
        html = client.get(url).content.decode()
        control = CONTROL.search(html)
        assert control, url
        markup = control.group()
        assert f'href="{DEFAULT_DESTINATION}"' in markup
        assert 'rel="nofollow noreferrer"' in markup
        assert 'role="button"' in markup
        assert "target=" not in markup
        assert (
            f'<span class="visually-hidden">{MESSAGES["hidden_prefix"]}</span> {MESSAGES["label"]}'
            in markup
        )
        assert "target=" not in html, f"{url} opens a new window"


def test_control_comes_right_after_the_notice_and_skip_link(client, pages):
    for url in pages:
        html = client.get(url).content.decode()
        body = html[html.index("<body") :]
        notice = body.index(str(MESSAGES["notice"]))
        skip = body.index('<a class="skip-link"')
        control = body.index('class="quick-exit__button"')
        header = body.index("<header")
        assert notice < skip < control < header, url
        assert not re.search(r"<(a|button|input)\b", body[:skip]), "something before the skip link"


def test_rendered_destination_is_the_saved_setting(client, site, pages):
    settings = QuickExitSettings.for_site(site)
    settings.destination = "https://www.google.com/webhp"
    settings.full_clean()
    settings.save()
    html = client.get("/").content.decode()
    assert 'href="https://www.google.com/webhp"' in CONTROL.search(html).group()
    assert '<html lang="en-GB" data-exit="https://www.google.com/webhp">' in html


def html_tag(client, url):
    return re.search(r"<html[^>]*>", client.get(url).content.decode()).group()


def test_escape_shortcut_is_off_unless_the_setting_turns_it_on(client, site, pages):
    assert "data-exit-escape" not in html_tag(client, "/")
    settings = QuickExitSettings.for_site(site)
    settings.escape_shortcut = True
    settings.save()
    assert html_tag(client, "/").endswith(" data-exit-escape>")


def test_staying_safe_page_linked_from_the_footer_not_from_the_bar(client, site, pages, home_page):
    from home.models import StandardPage
    from safeguarding.testing.fixtures import publish_child

    staying_safe = publish_child(
        home_page,
        StandardPage(title="Staying safe online", slug="staying-safe", body=[], content_owner="T"),
    )
    settings = QuickExitSettings.for_site(site)
    settings.staying_safe_page = staying_safe
    settings.save()
    for url in pages:
        html = client.get(url).content.decode()
        bar = html[html.index('<div class="quick-exit">') :]
        assert "/staying-safe/" not in bar[: bar.index("</div>")]
        footer = html[html.index("<footer") :]
        assert f'<a href="/staying-safe/">{MESSAGES["footer_link"]}</a>' in footer


def test_public_html_responses_carry_the_no_trace_headers(client, pages):
    for url in pages:
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        directives = dict(
            (part.split()[0], part.split()[1:]) for part in csp.split("; ") if part.strip()
        )
        assert directives["default-src"] == ["'self'"], url
        assert directives["script-src"] == ["'self'", script_hash()], url
        assert directives["frame-ancestors"] == ["'none'"], url
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "no-store" in response["Cache-Control"], url
        assert response["Referrer-Policy"] == "no-referrer", url
        assert not response.cookies, url


@override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_500_page_has_the_control_and_the_headers(pages, monkeypatch):
    from home.models import HomePage

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(HomePage, "serve", explode)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert CONTROL.search(response.content.decode())
    assert "no-store" in response["Cache-Control"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_bare_500_fallback_still_offers_the_exit():
    from safeguarding.views import BARE_SERVER_ERROR

    assert f'<a href="{DEFAULT_DESTINATION}" rel="nofollow noreferrer">' in BARE_SERVER_ERROR
    assert BARE_SERVER_ERROR.index("Exit this page") < BARE_SERVER_ERROR.index("<main>")


def test_admin_gets_its_own_policy_and_can_be_framed_by_itself_only(client, partnership):
    response = client.get("/admin/")
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_progress_messages_are_rendered_in_the_sites_language(client, pages):
    html = client.get("/").content.decode()
    status = re.search(r"<span[^>]*data-quick-exit-status[^>]*>", html).group()
    assert 'role="status"' in status
    for key, name in [
        ("press_2_more", "2"),
        ("press_1_more", "1"),
        ("expired", "expired"),
        ("loading", "loading"),
    ]:
        assert f'data-message-{name}="{MESSAGES[key]}"' in status
