"""URLs for the test settings: the site's own, plus a page that always fails.

The browser tests need a real 500 response rendered by the site's own 500 handler
(the exit control must be on the 500 page too). Used only through
`ROOT_URLCONF` in safeguarding/settings/test.py; never in production.
"""

from django.urls import path

from safeguarding.urls import handler404, handler500
from safeguarding.urls import urlpatterns as site_urlpatterns

SERVER_ERROR_PATH = "__test__/server-error/"


class DeliberateServerError(Exception):
    """Raised on purpose so the site's 500 page can be tested."""


def server_error_for_tests(request):
    raise DeliberateServerError("A deliberate error, so that the browser tests see the 500 page.")


urlpatterns = [
    path(SERVER_ERROR_PATH, server_error_for_tests, name="test_server_error"),
    *site_urlpatterns,
]

__all__ = ["handler404", "handler500", "urlpatterns"]
