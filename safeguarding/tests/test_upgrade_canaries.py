"""Upgrade canaries: what the site relies on beyond a library's documented API.

Each test names the library and what changed, so that an upgrade which breaks
one of these fails here, loudly, instead of quietly weakening the site.
"""

import inspect

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.template.loader import get_template
from django.urls import resolve, reverse
from wagtail import wagtail_hooks
from wagtail.admin.views import collection_privacy
from wagtail.utils import urlpatterns


def changed(library, what, where):
    pytest.fail(f"{library} changed: {what}. Update {where}.", pytrace=False)


def allauth_changed(what, where="accounts/allauth_internals.py"):
    changed("django-allauth", what, where)


def test_wagtail_collection_privacy_dialog_is_still_shadowed_by_ours():
    """accounts.privacy replaces Wagtail's dialog at its own address and reuses its templates."""
    path = reverse("wagtailadmin_collections:set_privacy", args=[1])
    if resolve(path).url_name != "group_only_collection_privacy":
        changed(
            "Wagtail", f"{path} no longer reaches the group-only dialog", "safeguarding/urls.py"
        )
    for name in (
        "wagtailadmin/collection_privacy/ancestor_privacy.html",
        "wagtailadmin/shared/set_privacy.html",
    ):
        get_template(name)
    source = inspect.getsource(collection_privacy.set_privacy)
    for step in ('"set_privacy"', '"set_privacy_done"', "CollectionViewRestrictionForm"):
        if step not in source:
            changed(
                "Wagtail",
                f"its collection privacy view no longer uses {step}",
                "accounts/privacy.py",
            )


def test_wagtail_page_restriction_check_still_reads_get_view_restrictions():
    """core.pages.SitePage hands Wagtail's check the list the site's own check read."""
    source = inspect.getsource(wagtail_hooks.check_view_restrictions)
    if "page.get_view_restrictions()" not in source:
        changed(
            "Wagtail", "its page restriction check reads restrictions another way", "core/pages.py"
        )


def test_wagtail_still_offers_what_the_admin_urls_are_decorated_with():
    if not callable(getattr(urlpatterns, "decorate_urlpatterns", None)):
        changed(
            "Wagtail",
            "wagtail.utils.urlpatterns.decorate_urlpatterns is gone",
            "safeguarding/urls.py",
        )


def test_allauth_internals_still_enrol_and_accept_a_code(make_user):
    """accounts.allauth_internals: TOTP enrolment and codes for the demo users and tests."""
    try:
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import TOTP

        from accounts import allauth_internals
    except ImportError as error:
        allauth_changed(f"an internal module moved ({error})")
    secret = "CANARYCANARYCANARYCANARYCANARY23"
    user = make_user("canary@school.example")
    allauth_internals.enrol_totp(user, secret)
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    if not TOTP(authenticator).validate_code(allauth_internals.current_totp_code(secret)):
        allauth_changed("a TOTP code is computed another way")
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES):
        allauth_changed("recovery codes are enrolled another way")


def test_allauth_still_records_an_authentication_step_in_the_session(rf, make_user):
    """accounts.signals records enrolling as passing MFA, through allauth_internals."""
    try:
        from accounts import allauth_internals
    except ImportError as error:
        allauth_changed(f"an internal module moved ({error})")
    parameters = inspect.signature(allauth_internals.record_authentication).parameters
    if list(parameters)[:3] != ["request", "user", "method"]:
        allauth_changed("record_authentication takes other arguments", "accounts/signals.py")
    request = rf.get("/")
    request.session = SessionStore()
    user = make_user("steps@school.example")
    allauth_internals.record_authentication(request, user, "mfa", type="totp")
    methods = request.session.get(allauth_internals.AUTHENTICATION_METHODS_SESSION_KEY, [])
    if not any(method.get("method") == "mfa" for method in methods):
        allauth_changed("authentication steps are kept another way")


def test_wagtail_still_reads_the_route_and_settings_left_on_the_request():
    """core.views.serve leaves the route it found on the request, and core.site_settings
    the site and the site settings it read, where Wagtail's own code looks for them."""
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.models import Page, Site

    if "_wagtail_cached_site_root_paths" not in inspect.getsource(Page._get_site_root_paths):
        changed("Wagtail", "its page URLs keep the root paths elsewhere", "core/site_settings.py")
    if "_wagtail_site" not in inspect.getsource(Site.find_for_request):
        changed("Wagtail", "it keeps the request's site elsewhere", "core/site_settings.py")
    if "_wagtail_route_for_request" not in inspect.getsource(Page.route_for_request):
        changed("Wagtail", "it keeps the page route elsewhere on the request", "core/views.py")
    if "get_cache_attr_name" not in inspect.getsource(BaseSiteSetting.for_request):
        changed(
            "Wagtail",
            "its site settings are kept elsewhere on the request",
            "core/site_settings.py",
        )


def test_wagtail_rich_text_links_use_the_handlers_that_read_fetched_objects():
    """core.wagtail_hooks replaces Wagtail's page and document link handlers."""
    from wagtail.rich_text import features

    from core.rich_text import FetchedTogetherDocumentLinkHandler, FetchedTogetherPageLinkHandler

    link_types = features.get_link_types()
    if link_types.get("page") is not FetchedTogetherPageLinkHandler:
        changed("Wagtail", "rich text page links use another handler", "core/wagtail_hooks.py")
    if link_types.get("document") is not FetchedTogetherDocumentLinkHandler:
        changed("Wagtail", "rich text document links use another handler", "core/wagtail_hooks.py")


def test_wagtail_report_exports_still_pass_each_cell_through_the_method_we_wrap():
    """core.spreadsheets wraps SpreadsheetExportMixin.preprocess_field_value so that
    Wagtail's CSV exports write formulas as text."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if not getattr(SpreadsheetExportMixin.preprocess_field_value, "writes_safe_csv", False):
        changed("Wagtail", "the export mixin's preprocess_field_value", "core/spreadsheets.py")
    source = inspect.getsource(SpreadsheetExportMixin.write_csv_row)
    if "preprocess_field_value" not in source:
        changed(
            "Wagtail",
            "CSV rows no longer pass through preprocess_field_value",
            "core/spreadsheets.py",
        )


def test_allauth_rate_limiter_still_counts_an_action_of_our_own(rf, settings):
    """comments.views limits comments per address with allauth's `allauth.core.ratelimit.consume`
    and a rate of its own in ACCOUNT_RATE_LIMITS ("comment")."""
    from allauth.core import ratelimit
    from django.core.cache import cache

    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "comment": "2/h/ip"}
    cache.clear()
    request = rf.post("/have-your-say/1/", REMOTE_ADDR="203.0.113.7")
    try:
        counted = [ratelimit.consume(request, action="comment") for _ in range(3)]
    except Exception as error:  # a changed signature, say
        changed("django-allauth", f"its rate limiter failed: {error!r}", "comments/views.py")
    if counted != [True, True, False]:
        changed(
            "django-allauth",
            f"its rate limiter no longer counts our action ({counted})",
            "comments/views.py",
        )
