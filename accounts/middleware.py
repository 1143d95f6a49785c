"""Per-request account rules: lapsed approvals, MFA before any admin page, and the end of
an unused session.

allauth deliberately ships no "require MFA" switch (AA-3649), so this middleware
is ours. It sits after AuthenticationMiddleware and allauth's AccountMiddleware.
"""

import time
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control

from accounts import approval
from core.access import signed_in
from core.middleware import ADMIN_PREFIX

ADMIN_PERMISSION = "wagtailadmin.access_admin"
# Signing out must always work, enrolled or not.
EXEMPT_PATHS = ("/admin/logout/",)


def has_totp(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def passed_mfa(request, user):
    """Whether this session has completed an MFA step (at login or since)."""
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def _redirect(url_name, next_path):
    return HttpResponseRedirect(f"{reverse(url_name)}?{urlencode({'next': next_path})}")


def no_admin_access(request):
    response = render(request, "accounts/no_admin_access.html", status=403)
    # Answered before core.middleware sees it: the headers it would add.
    patch_cache_control(response, private=True, no_store=True)
    return response


class AccountAccessMiddleware:
    """Two checks on every request from a signed-in user.

    - An approval past its date admits nothing from that moment: the request sees
      the user without its group. The scheduled job (accounts/tasks.py) records the
      lapse and tells the person; a request never writes it or waits for mail.
    - Anyone with Wagtail admin access who opens an /admin/ page is sent to set up
      an authenticator app first, or to enter a code if this session has not yet
      passed MFA (for example a session that began before they enrolled).
    - Anyone else who opens an /admin/ page is told, in the site's layout, that
      they have no access to it. Wagtail would send them to sign in, and signing
      in sends a signed-in visitor straight back: a redirect loop.
    Anonymous visitors are skipped before the session is read, so public pages
    still set no cookie and no `Vary: Cookie`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if signed_in(request):
            user = request.user
            if approval.has_lapsed(user):
                approval.withhold_lapsed_group(user)
            if request.path.startswith(ADMIN_PREFIX) and request.path not in EXEMPT_PATHS:
                if not user.has_perm(ADMIN_PERMISSION):
                    return no_admin_access(request)
                if not has_totp(user):
                    return _redirect("mfa_activate_totp", request.get_full_path())
                if not passed_mfa(request, user):
                    return _redirect("mfa_reauthenticate", request.get_full_path())
        return self.get_response(request)


# A session in use has its end moved on at most this often: each move is a write to the
# session's row, a database transaction of its own.
SESSION_REFRESH_SECONDS = 60
REFRESHED_KEY = "_session_refreshed_at"


class SessionIdleMiddleware:
    """A session ends SESSION_COOKIE_AGE (30 minutes) after it was last used, give or take
    a minute: when it is used, its end is moved on, but at most once a minute, instead of
    a write on every request (Django's SESSION_SAVE_EVERY_REQUEST). A visitor without a
    session, or with one that has ended, is given none. After SessionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return response
        now = int(time.time())
        last = session.get(REFRESHED_KEY, 0)  # reads the session
        if not session.is_empty() and now - last >= SESSION_REFRESH_SECONDS:
            session[REFRESHED_KEY] = now  # saved, with a new end, by SessionMiddleware
        return response
