"""Project-level views: the error pages, which compose the layout and the quick exit.

Each is rendered in the site layout; if even that fails (the database is down, or the
request names a host the site does not serve, so no site and no settings can be
found), a bare page that still has the exit link and the emergency number.
"""

import logging

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import escape

from core.access import signed_in
from quickexit.messages import MESSAGES
from quickexit.models import DEFAULT_DESTINATION

logger = logging.getLogger(__name__)


def bare_page(title):
    """Plain HTML for when the site layout cannot be rendered."""
    title = escape(title)
    return (
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title></head><body>"
        f'<p><a href="{DEFAULT_DESTINATION}" rel="nofollow noreferrer">'
        f"{MESSAGES['hidden_prefix']} {MESSAGES['label']}</a></p><main>"
        f"<h1>{title}</h1>"
        '<p>If a child is in immediate danger, call <a href="tel:999">999</a>.</p>'
        "</main></body></html>"
    )


SERVER_ERROR_TITLE = "Sorry, there is a problem with the service"
BARE_SERVER_ERROR = bare_page(SERVER_ERROR_TITLE)


def error_page(request, template_name, status, title):
    """The error page `template_name` in the site layout, or the bare page if that fails."""
    try:
        html = render_to_string(template_name, request=request)
    except Exception:
        logger.exception("The %s page could not be rendered in the site layout", status)
        html = bare_page(title)
    return HttpResponse(html, status=status)


def bad_request(request, exception=None):
    return error_page(request, "400.html", 400, "Sorry, that request was not understood")


def permission_denied(request, exception=None):
    return error_page(request, "403.html", 403, "You do not have permission to see this")


def csrf_failure(request, reason=""):
    return error_page(request, "403_csrf.html", 403, "Sorry, the form could not be sent")


def page_not_found(request, exception):
    """The 404 page in the site layout.

    It is also the answer about material this visitor may not read, which must not
    differ from the answer about material that does not exist; so every 404 offers
    sign-in to a visitor who is not signed in, and says the same to everyone else.
    """
    return render(request, "404.html", {"signed_in": signed_in(request)}, status=404)


def server_error(request):
    return error_page(request, "500.html", 500, SERVER_ERROR_TITLE)
