from django.http import HttpResponse
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views

from core import routing
from core.site_settings import load_site_settings


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def serve(request, path):
    """Wagtail's page view, with the page found by `core.routing` in one query and the
    site settings every page shows read in another (`core.site_settings`).

    Wagtail keeps the route it found on the request and reads it from there
    (`Page.route_for_request`), so its view, its hooks and its checks all see this one.
    """
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = routing.route(request, path)
    load_site_settings(request)
    return wagtail_views.serve(request, path)
