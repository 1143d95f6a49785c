import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from wagtail import views as wagtail_views

from core import routing
from core.http_cache import shared_cache
from core.site_settings import load_site_settings

logger = logging.getLogger(__name__)


@require_GET
@shared_cache
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def _database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_answers():
    key = f"healthz:{secrets.token_hex(8)}"
    cache.set(key, "1", timeout=10)
    try:
        return cache.get(key) == "1"
    finally:
        cache.delete(key)


HEALTH_CHECKS = {"database": _database_answers, "cache": _cache_answers}


@never_cache
@require_safe
def healthz(request):
    """Whether this app server can do its work: 200 when every check passes, else 503.

    The HTTP cache in front asks this every second, and serves its last good copies
    while the answer is not 200. The body names each check and nothing else.
    """
    results = {}
    for name, check in HEALTH_CHECKS.items():
        try:
            results[name] = "ok" if check() else "failing"
        except Exception:
            logger.exception("Health check %s failed", name)
            results[name] = "failing"
    healthy = all(result == "ok" for result in results.values())
    body = {"status": "ok" if healthy else "failing", "checks": results}
    return JsonResponse(body, status=200 if healthy else 503)


def serve(request, path):
    """Wagtail's page view, with the site and the settings every page shows read in one
    query (`core.site_settings`) and the page found by `core.routing` in another.

    Wagtail keeps the route it found on the request and reads it from there
    (`Page.route_for_request`), so its view, its hooks and its checks all see this one.
    """
    load_site_settings(request)
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = routing.route(request, path)
    return wagtail_views.serve(request, path)
