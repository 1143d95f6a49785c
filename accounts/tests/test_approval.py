"""Approval in the Wagtail admin: the queue, approve, decline, expiry, renewal, leavers."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client

from accounts import approval
from accounts.models import ApprovalStatus
from accounts.tasks import expire_approvals
from accounts.testing import login_with_mfa

from .conftest import expire_now

pytestmark = pytest.mark.django_db

QUEUE = "/admin/practitioners/"
APPROVED = "/admin/practitioners/approved/"


@pytest.fixture
def admin_client(client, administrator):
    return login_with_mfa(client, administrator)


def test_queue_lists_verified_pending_accounts_with_organisation_and_role(
    admin_client, pending_user, make_user
):
    make_user("unverified@school.example", verified=False)
    html = admin_client.get(QUEUE).content.decode()
    assert "pat@school.example" in html
    assert "Northbridge Primary" in html
    assert "Designated safeguarding lead" in html
    assert "unverified@school.example" not in html


def test_queue_needs_the_approve_permission(client, make_user, pending_user):
    editor = make_user("ed@test-valley.example")
    editor.groups.add(Group.objects.get(name="Editors"))
    login_with_mfa(client, editor)
    assert client.get(QUEUE).status_code in (302, 403)
    assert client.post(QUEUE, {"user": pending_user.pk}).status_code in (302, 403)
    pending_user.refresh_from_db()
    assert pending_user.approval_status == ApprovalStatus.PENDING


def test_pending_account_sees_only_what_the_public_sees(client, pending_user, restricted_page):
    anonymous = client.get("/briefing/")
    client.force_login(pending_user)
    response = client.get("/briefing/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    # Signed in already, so refused rather than sent to sign in (which sent them back).
    assert response.status_code == 403
    assert "Briefing" not in response.content.decode()
    assert "Briefing" not in client.get("/").content.decode()
    # Page for page, the same as an anonymous visitor gets, but for the "Signed in as" bar
    # (which ends with the notice that the account awaits approval).
    for path in ("/", "/worried/"):
        own_page = client.get(path).content.decode()
        assert "Signed in as <strong>pat@school.example</strong>" in own_page
        without_bar = re.sub(
            r'<div class="account-bar">.*?</p>\s*</div>\s*</div>', "", own_page, flags=re.S
        ).replace('<link rel="stylesheet" href="/static/accounts/accounts.css">', "")
        assert without_bar == Client().get(path).content.decode(), path


def test_approval_adds_the_group_sends_mail_and_opens_the_material(
    admin_client, pending_user, practitioners, restricted_page
):
    response = admin_client.post(QUEUE, {"user": pending_user.pk})
    assert response.status_code == 302

    pending_user.refresh_from_db()
    assert pending_user.approval_status == ApprovalStatus.APPROVED
    assert list(pending_user.groups.all()) == [practitioners]
    period = pending_user.approval_expires_at - pending_user.approval_decided_at
    assert period.days == 360  # the default 12 months, as set in the admin
    assert [m.to for m in mail.outbox] == [["pat@school.example"]]
    assert "approved" in mail.outbox[0].subject

    practitioner = Client()
    practitioner.force_login(pending_user)
    assert practitioner.get("/briefing/").status_code == 200
    html = practitioner.get("/accounts/profile/").content.decode()
    assert "Test Valley practitioners" in html


def test_decline_needs_a_reason_and_sends_it(admin_client, pending_user):
    url = f"{QUEUE}{pending_user.pk}/decline/"
    assert admin_client.post(url, {"reason": ""}).status_code == 200
    admin_client.post(url, {"reason": "Please use your school email address."})
    pending_user.refresh_from_db()
    assert pending_user.approval_status == ApprovalStatus.DECLINED
    assert not pending_user.groups.exists()
    assert "Please use your school email address." in mail.outbox[0].body
    assert "<td>pat@school.example</td>" not in admin_client.get(QUEUE).content.decode()


def test_expire_approvals_command_removes_lapsed_users_from_the_group(approved_user):
    expire_now(approved_user)
    call_command("expire_approvals", stdout=io.StringIO())
    approved_user.refresh_from_db()
    assert approved_user.approval_status == ApprovalStatus.EXPIRED
    assert not approved_user.groups.exists()
    assert mail.outbox[0].to == [approved_user.email]


def test_lapsed_approval_admits_nothing_before_the_scheduled_job_runs(
    client, approved_user, restricted_page
):
    client.force_login(approved_user)
    assert client.get("/briefing/").status_code == 200
    expire_now(approved_user)
    assert client.get("/briefing/").status_code == 403
    # The request neither recorded the lapse nor sent mail: the scheduled job does both.
    approved_user.refresh_from_db()
    assert approved_user.approval_status == ApprovalStatus.APPROVED
    assert approved_user.groups.exists()
    assert mail.outbox == []
    assert client.get("/accounts/logout/").status_code == 200

    expire_approvals.call()
    approved_user.refresh_from_db()
    assert approved_user.approval_status == ApprovalStatus.EXPIRED
    assert not approved_user.groups.exists()
    assert mail.outbox[0].to == [approved_user.email]
    assert client.get("/briefing/").status_code == 403


def test_leavers_are_removed_in_one_action(admin_client, approved_user, make_user, practitioners):
    second = approval.approve(
        make_user("sam@nhs.net"),
        practitioners,
        approved_user.approval_expires_at - approved_user.approval_decided_at,
        notify=False,
    )
    assert "sam@nhs.net" in admin_client.get(APPROVED).content.decode()
    admin_client.post(APPROVED, {"action": "remove", "users": [approved_user.pk, second.pk]})
    for user in (approved_user, second):
        user.refresh_from_db()
        assert user.approval_status == ApprovalStatus.REMOVED
        assert not user.groups.exists()


def test_renewal_extends_the_approval(admin_client, approved_user, account_settings):
    before = approved_user.approval_expires_at
    admin_client.post(APPROVED, {"action": "renew", "users": [approved_user.pk]})
    approved_user.refresh_from_db()
    assert approved_user.approval_expires_at > before
    assert approved_user.is_approved


def test_other_partnerships_group_does_not_open_this_material(client, make_user, restricted_page):
    other = make_user("olu@school.example")
    other.groups.add(Group.objects.create(name="Other Partnership practitioners"))
    client.force_login(other)
    assert client.get("/briefing/").status_code == 403


def test_administrators_edit_the_allow_list_in_the_admin(admin_client, account_settings, site):
    url = f"/admin/settings/accounts/accountsettings/{site.pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {
            "allowed_domains": "school.example\nnewtrust.example",
            "access_contact": account_settings.access_contact,
            "practitioner_group": account_settings.practitioner_group.pk,
            "approval_months": 6,
        },
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    account_settings.refresh_from_db()
    assert account_settings.allows("sam@newtrust.example")
    assert account_settings.approval_period().days == 180


MALFORMED_IDS = ["abc", "", "2.5", "1\x00", "-1", "99999999999999999999999999"]


@pytest.mark.parametrize("value", MALFORMED_IDS)
def test_approving_a_malformed_id_is_refused_cleanly(admin_client, pending_user, value):
    response = admin_client.post(QUEUE, {"user": value})
    assert response.status_code in (400, 404)
    pending_user.refresh_from_db()
    assert pending_user.approval_status == ApprovalStatus.PENDING


@pytest.mark.parametrize("value", MALFORMED_IDS)
@pytest.mark.parametrize("action", ["renew", "remove"])
def test_renewing_or_removing_malformed_ids_is_a_bad_request(
    admin_client, approved_user, value, action
):
    expires = approved_user.approval_expires_at
    response = admin_client.post(APPROVED, {"users": [approved_user.pk, value], "action": action})
    assert response.status_code == 400
    approved_user.refresh_from_db()
    assert approved_user.approval_status == ApprovalStatus.APPROVED
    assert approved_user.approval_expires_at == expires


def test_a_selection_that_is_no_longer_on_the_list_changes_nothing(
    admin_client, approved_user, pending_user
):
    response = admin_client.post(
        APPROVED, {"users": [approved_user.pk, pending_user.pk], "action": "remove"}
    )
    assert response.status_code == 302
    html = admin_client.get(response["Location"]).content.decode()
    assert "The list changed since you opened it, so nothing was done" in html
    approved_user.refresh_from_db()
    assert approved_user.approval_status == ApprovalStatus.APPROVED


@pytest.mark.parametrize("action", ["", "delete", "renew\x00"])
def test_an_unknown_action_is_refused(admin_client, approved_user, action):
    response = admin_client.post(APPROVED, {"users": [approved_user.pk], "action": action})
    assert response.status_code == 400
    approved_user.refresh_from_db()
    assert approved_user.approval_status == ApprovalStatus.APPROVED


@pytest.mark.parametrize("value", ["abc", "2.5", "%00", "99999999999999999999999999"])
def test_declining_a_malformed_id_is_not_found(admin_client, pending_user, value):
    assert admin_client.get(f"/admin/practitioners/{value}/decline/").status_code == 404
    response = admin_client.post(f"/admin/practitioners/{value}/decline/", {"reason": "No."})
    assert response.status_code == 404
