import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from wagtail import views as wagtail_views

from background.health import queue_counts
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


def _queue_state():
    """The task queue answers; how many tasks wait to run, and how many failed every try.

    Failed tasks and a backlog are reported, not failed on: they stop no request being
    served, and the HTTP cache in front would otherwise serve stale pages for them.
    """
    return {"status": "ok", **queue_counts()}


def _check(name, check):
    try:
        result = check()
    except Exception:
        logger.exception("Health check %s failed", name)
        return {"status": "failing"}
    if isinstance(result, dict):
        return result
    return {"status": "ok" if result else "failing"}


HEALTH_CHECKS = {"database": _database_answers, "cache": _cache_answers, "queue": _queue_state}


@never_cache
@require_safe
def healthz(request):
    """Whether this app server can do its work: 200 when every check passes, else 503.

    The HTTP cache in front asks this every second, and serves its last good copies
    while the answer is not 200. The body names each check, with the queue's counts,
    and nothing else: `{"status": "ok", "checks": {"database": {"status": "ok"}, ...,
    "queue": {"status": "ok", "backlog": 0, "failed": 0}}}`.
    """
    checks = {name: _check(name, check) for name, check in HEALTH_CHECKS.items()}
    healthy = all(result["status"] == "ok" for result in checks.values())
    body = {"status": "ok" if healthy else "failing", "checks": checks}
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
