"""Account pages of our own, and the doors Wagtail opens that must lead to allauth."""

from urllib.parse import urlencode

from allauth.account.decorators import reauthentication_required
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods


def login_redirect(request, default_next=""):
    """Wagtail's /_util/login/ and /admin/login/, shadowed (P9 in the README).

    Both are Django LoginViews that would sign in an unverified address and skip
    MFA; here they only pass `next` on to allauth's sign-in. No form is shown
    and nothing is processed, so a POST of credentials signs nobody in. The admin's
    login defaults `next` to the dashboard, as Wagtail's own view did.
    """
    url = settings.LOGIN_URL
    next_url = request.GET.get("next", "") or default_next
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        url = f"{url}?{urlencode({'next': next_url})}"
    return HttpResponseRedirect(url)


@login_required
def profile(request):
    """What we hold about the signed-in person, and where they stand."""
    return render(
        request,
        "accounts/profile.html",
        {"has_mfa": is_mfa_enabled(request.user), "shows_approval_notice": True},
    )


@login_required
@reauthentication_required(allow_get=True)
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """Delete the account outright (UK GDPR right to erasure), after re-entering
    the password, so that a session left open on a shared computer cannot do it."""
    if request.method == "POST":
        user = request.user
        logout(request)
        user.delete()
        messages.success(request, "Your account has been deleted.")
        return redirect("account_login")
    return render(request, "accounts/delete.html")
