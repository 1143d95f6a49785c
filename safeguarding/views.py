"""Project-level views: the 404 and 500 pages, which compose the layout and the quick exit."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string

from core.access import signed_in
from quickexit.messages import MESSAGES
from quickexit.models import DEFAULT_DESTINATION

logger = logging.getLogger(__name__)

# Used when even the site layout cannot be rendered (for example, the
# database is down): plain, but still with the exit link and the emergency number.
BARE_SERVER_ERROR = (
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Sorry, there is a problem with the service</title></head><body>"
    f'<p><a href="{DEFAULT_DESTINATION}" rel="nofollow noreferrer">'
    f"{MESSAGES['hidden_prefix']} {MESSAGES['label']}</a></p><main>"
    "<h1>Sorry, there is a problem with the service</h1>"
    '<p>If a child is in immediate danger, call <a href="tel:999">999</a>.</p>'
    "</main></body></html>"
)


def page_not_found(request, exception):
    """The 404 page in the site layout.

    It is also the answer about material this visitor may not read, which must not
    differ from the answer about material that does not exist; so every 404 offers
    sign-in to a visitor who is not signed in, and says the same to everyone else.
    """
    return render(request, "404.html", {"signed_in": signed_in(request)}, status=404)


def server_error(request):
    """The 500 page in the site layout, falling back to bare HTML if that fails too."""
    try:
        html = render_to_string("500.html", request=request)
    except Exception:
        logger.exception("The 500 page could not be rendered in the site layout")
        html = BARE_SERVER_ERROR
    return HttpResponseServerError(html)
