"""Who may keep what, through HTTP: the shared-cache headers are on public pages only.

deploy/tests/test_varnish.py checks that Varnish obeys them.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.http import HttpResponse
from django.test import override_settings
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import PageViewRestriction

from core.http_cache import (
    SHARED_CACHE_HEADERS,
    SharedCacheMiddleware,
    limit_shared_lifetime,
    shared_cache,
)

SHARED = "max-age=3600, stale-if-error=86400"


def shared_headers(response):
    return {header: response.get(header) for header in SHARED_CACHE_HEADERS}


def assert_shared(response, value=SHARED):
    assert response.status_code == 200
    assert shared_headers(response) == dict.fromkeys(SHARED_CACHE_HEADERS, value)
    # Browsers keep no copy of a page on a shared device.
    if response["Content-Type"].startswith("text/html"):
        assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def assert_not_shared(response):
    assert shared_headers(response) == dict.fromkeys(SHARED_CACHE_HEADERS)


@override_settings(SHARED_CACHE_MAX_AGE=3600, SHARED_CACHE_STALE_IF_ERROR=86400)
def test_anonymous_public_pages_and_robots_may_be_shared(client, make_article):
    article = make_article()
    for url in ["/", "/practitioners/", article.url, "/robots.txt"]:
        assert_shared(client.get(url))
    assert_shared(client.head(article.url))


@override_settings(SHARED_CACHE_MAX_AGE=120, SHARED_CACHE_STALE_IF_ERROR=7200)
def test_the_lifetimes_come_from_the_settings(client, make_article):
    assert_shared(client.get(make_article().url), "max-age=120, stale-if-error=7200")


def test_nothing_is_shared_for_a_signed_in_visitor(client, make_article, make_user):
    article = make_article()
    client.force_login(make_user("reader@school.example"))
    for url in ["/", article.url, "/robots.txt"]:
        response = client.get(url)
        assert_not_shared(response)
        assert "private" in response["Cache-Control"]


def test_restricted_pages_are_never_shared(client, make_article, make_user):
    article = make_article()
    group = Group.objects.create(name="Partners")
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    assert_not_shared(client.get(article.url))  # The way to sign in.
    member = make_user("member@school.example")
    member.groups.add(group)
    client.force_login(member)
    response = client.get(article.url)
    assert response.status_code == 200
    assert_not_shared(response)


@pytest.mark.parametrize("url", ["/search/", "/accounts/login/", "/no-such-page/", "/healthz"])
def test_forms_search_errors_and_health_are_never_shared(client, partnership, url):
    assert_not_shared(client.get(url))


def test_posts_are_never_shared(client, partnership):
    assert_not_shared(client.post("/search/", {"q": "trafficking"}))


def run_middleware(request, make_response):
    """The middleware around a view (opted in by `shared_cache`) that answers make_response()."""
    view = shared_cache(lambda request: make_response())
    return SharedCacheMiddleware(view)(request)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda response: response.set_cookie("csrftoken", "x"),
        lambda response: patch_vary_headers(response, ["Cookie"]),
        lambda response: patch_cache_control(response, private=True),
        lambda response: setattr(response, "status_code", 404),
    ],
    ids=["sets a cookie", "varies by cookie", "private", "not a 200"],
)
def test_an_opted_in_answer_is_still_refused_when(rf, spoil):
    def make_response():
        response = HttpResponse("hello")
        spoil(response)
        return response

    assert_not_shared(run_middleware(rf.get("/"), make_response))
    # And the same view, unspoiled, is shared: the refusal is the spoiling's doing.
    assert shared_headers(run_middleware(rf.get("/"), lambda: HttpResponse("hello")))[
        "CDN-Cache-Control"
    ]


def test_only_the_middleware_speaks_to_the_shared_cache(rf):
    """A header that a view set itself is removed unless the answer may be shared."""

    def make_response():
        response = HttpResponse("hello")
        response["CDN-Cache-Control"] = response["Surrogate-Control"] = "max-age=99999"
        return response

    request = rf.post("/")
    response = SharedCacheMiddleware(lambda request: make_response())(request)
    assert_not_shared(response)


def test_a_limited_lifetime_is_never_longer_than_the_default(rf, settings):
    settings.SHARED_CACHE_MAX_AGE = 600

    def make_response(limit):
        return lambda: limit_shared_lifetime(HttpResponse("hello"), limit)

    headers = shared_headers(run_middleware(rf.get("/"), make_response(59)))
    assert headers["CDN-Cache-Control"].startswith("max-age=59,")
    headers = shared_headers(run_middleware(rf.get("/"), make_response(100_000)))
    assert headers["CDN-Cache-Control"].startswith("max-age=600,")
    # A copy that would be out of date at once is not kept at all.
    assert_not_shared(run_middleware(rf.get("/"), make_response(0)))


# /healthz ----------------------------------------------------------------------


def test_healthz_reports_database_cache_and_queue(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": {"status": "ok"},
            "cache": {"status": "ok"},
            "queue": {"status": "ok", "backlog": 0, "failed": 0},
        },
    }
    assert "no-store" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_fails(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise ConnectionError("database gone")

    with monkeypatch.context() as patched:
        patched.setattr(connection, "cursor", broken_cursor)
        response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == {"status": "failing"}
    assert checks["cache"] == {"status": "ok"}
    assert checks["queue"] == {"status": "failing"}  # its table is in the database
