"""One way in (P9), MFA before any admin page, and abuse resistance."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.core import mail

from accounts.allauth_internals import current_totp_code, enrol_totp
from accounts.testing import TOTP_SECRET, login_with_mfa

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_user, partnership):
    user = make_user("eddie@test-valley.example", first_name="Eddie")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def sign_in(client, email, password=PASSWORD, next_url=None):
    url = "/accounts/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": email, "password": password})


@pytest.mark.parametrize("path", ["/admin/login/", "/_util/login/"])
def test_wagtail_login_views_lead_to_allauth_keeping_next(client, path):
    response = client.get(f"{path}?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"


def test_admin_login_defaults_to_the_dashboard(client):
    assert client.get("/admin/login/")["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert client.get("/_util/login/")["Location"] == "/accounts/login/"
    assert client.get("/_util/login/?next=https://evil.example/")["Location"] == "/accounts/login/"


@pytest.mark.parametrize("path", ["/admin/login/", "/_util/login/"])
def test_wagtail_login_views_sign_nobody_in(client, make_user, partnership, path):
    """P9: an unverified user's credentials posted to Wagtail's views do nothing."""
    make_user("new@school.example", verified=False)
    response = client.post(path, {"username": "new@school.example", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert "sessionid" not in response.cookies


def test_anonymous_admin_and_restricted_pages_redirect_to_allauth(client, restricted_page):
    assert client.get("/admin/")["Location"].startswith("/accounts/login/?next=")
    assert client.get("/briefing/")["Location"].startswith("/accounts/login/?next=")


def test_wagtail_password_reset_is_off(client):
    response = client.get("/admin/password_reset/")
    assert response.status_code in (302, 404)
    assert "password_reset" not in response.get("Location", "")


def test_admin_user_without_an_authenticator_is_sent_to_enrol(client, editor):
    response = sign_in(client, editor.email, next_url="/admin/")
    assert response.status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/?next=%2Fadmin%2F"
    # Nothing under /admin/ opens, not just the dashboard.
    assert client.get("/admin/pages/")["Location"].startswith("/accounts/2fa/totp/activate/")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_enrolling_opens_the_admin(client, editor):
    """Enrolment counts as passing MFA: allauth announces it after the commit, which
    only a transactional test sees happen before the session is saved."""
    sign_in(client, editor.email)
    # allauth asks for the password again before an authenticator is added.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post(response["Location"], {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post("/accounts/2fa/totp/activate/", {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=editor, type="totp").exists()
    assert client.get("/admin/").status_code == 200


def test_enrolled_admin_must_pass_the_code_at_sign_in(client, editor):
    enrol_totp(editor, TOTP_SECRET)
    response = sign_in(client, editor.email, next_url="/admin/")
    assert response["Location"] == "/accounts/2fa/authenticate/"
    # Password alone: no admin page.
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session

    response = client.post("/accounts/2fa/authenticate/", {"code": current_totp_code(TOTP_SECRET)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_session_without_an_mfa_step_is_asked_for_a_code(client, editor):
    """A session that signed in some other way (here: force_login) must still pass MFA."""
    enrol_totp(editor, TOTP_SECRET)
    client.force_login(editor)
    response = client.get("/admin/pages/")
    assert response["Location"] == "/accounts/2fa/reauthenticate/?next=%2Fadmin%2Fpages%2F"
    response = client.post(
        "/accounts/2fa/reauthenticate/?next=/admin/pages/", {"code": current_totp_code(TOTP_SECRET)}
    )
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_practitioners_without_admin_access_need_no_mfa(client, approved_user):
    sign_in(client, approved_user.email)
    assert client.get("/accounts/profile/").status_code == 200


def test_failed_logins_are_rate_limited(client, pending_user):
    for _ in range(5):
        response = sign_in(client, pending_user.email, password="wrong-password-123")
        assert response.status_code == 200
    response = sign_in(client, pending_user.email)  # even the right password
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_does_not_reveal_whether_an_account_exists(client, pending_user):
    known = client.post("/accounts/password/reset/", {"email": pending_user.email})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@school.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # Only the real account gets a reset link; the unknown one a neutral notice or nothing.
    assert mail.outbox[0].to == [pending_user.email]


def test_password_reset_is_rate_limited(client, pending_user):
    statuses = [
        client.post("/accounts/password/reset/", {"email": pending_user.email}).status_code
        for _ in range(6)
    ]
    assert 429 in statuses


def test_admin_test_helper_passes_mfa(client, editor):
    login_with_mfa(client, editor)
    assert client.get("/admin/").status_code == 200
