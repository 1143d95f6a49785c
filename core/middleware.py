"""Response headers that keep a visit from leaving traces or leaking to other sites."""

from django.conf import settings
from django.middleware.csp import get_nonce
from django.utils.cache import patch_cache_control
from django.utils.csp import CSP, build_policy

from core.access import signed_in
from core.responses import NOINDEX

ADMIN_PREFIX = "/admin/"
# Pages whose forms post back with Django's CSRF check. Under `no-referrer` a
# browser sends `Origin: null` with a form post, which that check refuses; these
# pages, and every page for a signed-in visitor (each carries the "Sign out" form),
# send `same-origin` instead, which still tells no other site anything.
FORM_PATH_PREFIXES = (ADMIN_PREFIX, "/accounts/")


class PrivacyHeadersMiddleware:
    """Adjust the site-wide security headers for each response.

    - Every HTML page gets `Cache-Control: no-store`, so the browser keeps no
      copy on disk (the quick-exit guard deals with the back/forward cache).
    - Every response to a signed-in user is `private, no-store`, whatever its
      type, so no shared cache keeps what only they may see. Only a request that
      carries a session cookie is checked, so anonymous visits never touch the
      session (no cookie, no `Vary: Cookie`).
    - A restricted page served to someone allowed to read it (the view marks the
      request `serves_restricted_material`) is also `noindex`.
    - A preview of a draft (Wagtail marks its request `is_preview`) may be framed by
      the admin's own pages, which show it beside the editor; every other page may
      be framed by no one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_cache_control(response, no_store=True)
        is_signed_in = signed_in(request)
        if is_signed_in:
            patch_cache_control(response, private=True, no_store=True)
        if getattr(request, "serves_restricted_material", False):
            response["X-Robots-Tag"] = NOINDEX
        if is_signed_in or request.path.startswith(FORM_PATH_PREFIXES):
            response.headers["Referrer-Policy"] = "same-origin"
        if getattr(request, "is_preview", False):
            allow_framing_by_own_pages(request, response)
        return response


def allow_framing_by_own_pages(request, response):
    """Set the preview policy (settings.SECURE_CSP_PREVIEW) and X-Frame-Options to match.

    Set here, on the response, because Django's CSP and clickjacking middleware leave a
    header that is already set alone.
    """
    response.headers[str(CSP.HEADER_ENFORCE)] = build_policy(
        settings.SECURE_CSP_PREVIEW, get_nonce(request)
    )
    response.headers["X-Frame-Options"] = "SAMEORIGIN"


def leftover_cookies():
    """Django's cookies besides the session's, with the options Django deletes each with."""
    return [
        (
            settings.CSRF_COOKIE_NAME,
            {
                "path": settings.CSRF_COOKIE_PATH,
                "domain": settings.CSRF_COOKIE_DOMAIN,
                "samesite": settings.CSRF_COOKIE_SAMESITE,
            },
        ),
        (
            "messages",
            {
                "domain": settings.SESSION_COOKIE_DOMAIN,
                "samesite": settings.SESSION_COOKIE_SAMESITE,
            },
        ),
    ]


class EndedSessionCookiesMiddleware:
    """When a session ends (signing out, deleting the account), nothing of it stays.

    Django deletes the session cookie then, but the CSRF token and any message not yet
    shown would stay in the browser: a trace for the next person at a shared computer,
    and a reason for the shared cache to pass every later request to the app. This
    deletes them too, unless the response sets a new value itself (a message for the
    page it leads to). Listed before SessionMiddleware, so that it sees the cookies
    every middleware after it has set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session_cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
        if session_cookie is None or session_cookie.value:
            return response
        for name, options in leftover_cookies():
            if name in request.COOKIES and name not in response.cookies:
                response.delete_cookie(name, **options)
        return response
