"""URLs for the test settings: the site's own, plus pages that always fail.

Tests need each error page as the site's own handlers render it (the exit control
must be on every one of them), at a plain GET that a browser can open:
`/__test__/<name>/` answers with the status in ERROR_PAGES. Used only through
`ROOT_URLCONF` in safeguarding/settings/test.py; never in production.
"""

from django.core.exceptions import BadRequest, PermissionDenied
from django.shortcuts import render
from django.urls import path
from django.views.csrf import csrf_failure
from django.views.decorators.http import require_POST

from safeguarding.urls import handler400, handler403, handler404, handler500
from safeguarding.urls import urlpatterns as site_urlpatterns

SERVER_ERROR_PATH = "__test__/server-error/"
# Each test-only error page, by name, and the status it answers with.
ERROR_PAGES = {
    "bad-request": 400,
    "forbidden": 403,
    "csrf-failure": 403,
    "method-not-allowed": 405,
    "too-many-requests": 429,
    "server-error": 500,
}


class DeliberateServerError(Exception):
    """Raised on purpose so the site's 500 page can be tested."""


def server_error_for_tests(request):
    raise DeliberateServerError("A deliberate error, so that the browser tests see the 500 page.")


def bad_request_for_tests(request):
    raise BadRequest("A deliberate bad request.")


def forbidden_for_tests(request):
    raise PermissionDenied("A deliberate refusal.")


def csrf_failure_for_tests(request):
    # The view Django calls when a form fails the CSRF check (CSRF_FAILURE_VIEW's default).
    return csrf_failure(request, reason="A deliberate CSRF failure.")


@require_POST
def method_not_allowed_for_tests(request):
    raise AssertionError("Only a GET is ever sent here.")


def too_many_requests_for_tests(request):
    # What allauth renders when a rate limit is reached.
    return render(request, "429.html", status=429)


urlpatterns = [
    path(SERVER_ERROR_PATH, server_error_for_tests, name="test_server_error"),
    path("__test__/bad-request/", bad_request_for_tests),
    path("__test__/forbidden/", forbidden_for_tests),
    path("__test__/csrf-failure/", csrf_failure_for_tests),
    path("__test__/method-not-allowed/", method_not_allowed_for_tests),
    path("__test__/too-many-requests/", too_many_requests_for_tests),
    *site_urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
