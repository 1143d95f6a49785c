"""Sign-up: work domains on the allow-list only, verification by email, enumeration-safe."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.models import ApprovalStatus

from .conftest import PASSWORD, signup_data

pytestmark = pytest.mark.django_db


def signup(client, email, **extra):
    return client.post("/accounts/signup/", signup_data(email, **extra))


def verification_link(message):
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body).group(1)


def test_signup_page_asks_organisation_and_role(client, account_settings):
    html = client.get("/accounts/signup/").content.decode()
    for label in ("Work email address", "First name", "Organisation", "Role", "Create a password"):
        assert f">{label}" in html, label
    assert "style=" not in html  # CSP: no inline styles
    assert 'class="site-header' in html  # the site's own layout


def test_allowed_domain_signs_up_pending_and_gets_a_verification_mail(client, account_settings):
    response = signup(client, "Sam@School.example")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"

    user = get_user_model().objects.get(email="sam@school.example")
    assert (user.organisation, user.job_role) == (
        "Northbridge Primary",
        "Designated safeguarding lead",
    )
    assert user.approval_status == ApprovalStatus.PENDING
    assert not user.groups.exists()
    assert [m.to for m in mail.outbox] == [["sam@school.example"]]

    # Not signed in until the address is verified.
    assert client.get("/accounts/profile/").status_code == 302
    client.get(verification_link(mail.outbox[0]))
    response = client.post(verification_link(mail.outbox[0]))
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified


def test_refused_domain_says_why_and_who_to_contact(client, account_settings):
    response = signup(client, "sam@gmail.com")
    assert response.status_code == 200
    html = response.content.decode()
    assert "gmail.com is not on the list" in html
    assert "the business unit at access@test-valley.example" in html
    assert not get_user_model().objects.filter(email="sam@gmail.com").exists()
    assert mail.outbox == []


def test_subdomains_are_not_allowed_implicitly(client, account_settings):
    response = signup(client, "sam@evil.school.example")
    assert "evil.school.example is not on the list" in response.content.decode()


def test_signup_with_an_existing_address_looks_the_same(client, pending_user):
    """Enumeration: the same redirect as a new sign-up; the owner gets a notice instead."""
    response = signup(client, pending_user.email)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert get_user_model().objects.filter(email=pending_user.email).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [pending_user.email]


def test_unverified_account_cannot_sign_in(client, make_user, account_settings):
    make_user("new@school.example", verified=False)
    response = client.post(
        "/accounts/login/", {"login": "new@school.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
