"""Response headers that keep a visit from leaving traces or leaking to other sites."""

from django.utils.cache import patch_cache_control

from core.access import signed_in
from core.responses import NOINDEX

ADMIN_PREFIX = "/admin/"
# Pages whose forms post back with Django's CSRF check. Under `no-referrer` a
# browser sends `Origin: null` with a form post, which that check refuses; these
# pages send `same-origin` instead, which still tells no other site anything.
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
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_cache_control(response, no_store=True)
        if signed_in(request):
            patch_cache_control(response, private=True, no_store=True)
        if getattr(request, "serves_restricted_material", False):
            response["X-Robots-Tag"] = NOINDEX
        if request.path.startswith(FORM_PATH_PREFIXES):
            response.headers["Referrer-Policy"] = "same-origin"
        return response
