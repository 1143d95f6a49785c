from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.csp import csp_override
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.utils.urlpatterns import decorate_urlpatterns

from accounts import views as accounts_views
from accounts.privacy import set_collection_privacy
from contacts import views as contacts_views
from core import views as core_views
from resources import views as resources_views
from search import views as search_views

# Every error page is in the site layout, with the exit control; the 405 page comes
# from safeguarding.middleware and the 429 page from allauth (429.html).
handler400 = "safeguarding.views.bad_request"
handler403 = "safeguarding.views.permission_denied"
handler404 = "safeguarding.views.page_not_found"
handler500 = "safeguarding.views.server_error"

# The admin, for signed-in editors only, needs inline scripts and styles: its own
# Content Security Policy, never the public one's relaxation.
admin_csp = csp_override(settings.SECURE_CSP_ADMIN)

urlpatterns = [
    # One way in (P9): Wagtail's own login views only pass `next` on to allauth.
    path("admin/login/", accounts_views.login_redirect, {"default_next": "/admin/"}),
    path("_util/login/", accounts_views.login_redirect),
    # Group-only collection privacy (P8): shadows Wagtail's dialog at the same address.
    path(
        "admin/collections/<int:collection_id>/privacy/",
        admin_csp(set_collection_privacy),
        name="group_only_collection_privacy",
    ),
    path("admin/", include(decorate_urlpatterns(wagtailadmin_urls.urlpatterns, admin_csp))),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    # Documents are served only through our wrapper of Wagtail's checking view, which
    # adds the cache headers Wagtail leaves out (P3). It takes the name of Wagtail's
    # route, whose other view (a shared-password form) is deliberately not mounted.
    re_path(r"^documents/(\d+)/(.*)$", resources_views.serve, name="wagtaildocs_serve"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("healthz", core_views.healthz, name="healthz"),
    path("contacts.json", contacts_views.contacts_json, name="contacts_json"),
    path("contacts.csv", contacts_views.contacts_csv, name="contacts_csv"),
    path("find-your-area/", contacts_views.find_area, name="find_area"),
    path("search/", search_views.search, name="search"),
    path("search/missing/", search_views.missing, name="search_missing"),
    path("have-your-say/", include("comments.urls")),
    path("", include("figures.urls")),
    # Wagtail serves every other path from the page tree; keep these last. Its page view
    # is shadowed by ours, which finds the page with fewer queries (core.routing).
    re_path(wagtail_urls.serve_pattern, core_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
]
