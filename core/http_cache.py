"""Who may keep a copy of a response: the shared cache in front of the site, never the browser.

A spike of visitors (a local case in the news, a national campaign) must be served
by the HTTP cache in front of the app servers (Varnish, or a CDN), not by Python.
So an anonymous GET of a public page is marked for the *shared* cache only, in
the two headers shared caches read and browsers ignore:

- `CDN-Cache-Control` (RFC 9213: Cloudflare, Akamai, and our Varnish), and
- `Surrogate-Control` (Fastly, Varnish's own convention),

both with the same value, for example `max-age=3600, stale-if-error=86400`. The
cache removes them before the response leaves it. Browsers still get
`Cache-Control: no-store` (core.middleware), so nothing stays on a shared device.

Only responses that opt in are marked: every page Wagtail serves, and views
decorated with `shared_cache`. Even then a response is marked only when all of
these hold, so an opt-in can never leak:

- the request is a GET or HEAD from someone not signed in;
- the answer is a 200 that sets no cookie and does not vary by cookie;
- the view did not call it private (restricted material always is) and did not
  mark the request as serving restricted material.

A page whose answer depends on the time lowers its lifetime with
`limit_shared_lifetime`. Purges (core.purge) clear a copy as soon as what it shows
changes; the lifetime only bounds what a missed purge can cost.
"""

from functools import wraps

from django.conf import settings

from core.access import signed_in

SHARED_CACHE_HEADERS = ("CDN-Cache-Control", "Surrogate-Control")
PAGE_VIEW_NAME = "wagtail_serve"


def allow_shared_cache(response):
    """Let the shared cache keep `response` for SHARED_CACHE_MAX_AGE seconds, if the
    conditions above hold."""
    response.may_be_shared = True
    return response


def limit_shared_lifetime(response, seconds):
    """Keep the shared cache's copy of `response` for at most `seconds` (an opening time
    that changes, say). Has no effect on a response that is not shared."""
    seconds = max(0, int(seconds))
    response.shared_cache_lifetime_limit = min(
        seconds, getattr(response, "shared_cache_lifetime_limit", seconds)
    )
    return response


def shared_cache(view_func):
    """Decorator: the view's answers may be kept by the shared cache, as pages are."""

    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        return allow_shared_cache(view_func(request, *args, **kwargs))

    return wrapper


def may_share(request, response):
    """Whether the shared cache may keep this answer (the conditions above)."""
    return (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not response.cookies
        and "cookie" not in response.get("Vary", "").lower()
        and "private" not in response.get("Cache-Control", "").lower()
        and not getattr(request, "serves_restricted_material", False)
        and not signed_in(request)
    )


def is_page_view(request):
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == PAGE_VIEW_NAME


class SharedCacheMiddleware:
    """Add the shared-cache headers to answers that may be shared, and only to them.

    Listed before the session, CSRF and messages middleware, so that it sees the
    cookies they add to a response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for header in SHARED_CACHE_HEADERS:
            del response[header]  # Only this middleware speaks to the shared cache.
        if is_page_view(request):
            allow_shared_cache(response)
        if not getattr(response, "may_be_shared", False) or not may_share(request, response):
            return response
        max_age = settings.SHARED_CACHE_MAX_AGE
        max_age = min(max_age, getattr(response, "shared_cache_lifetime_limit", max_age))
        if max_age <= 0:
            return response
        value = f"max-age={max_age}, stale-if-error={settings.SHARED_CACHE_STALE_IF_ERROR}"
        for header in SHARED_CACHE_HEADERS:
            response[header] = value
        return response
