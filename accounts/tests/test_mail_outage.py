"""With the mail server down, every account action still succeeds, and its mail goes out
once the server answers: sign-up, password reset, approval, decline and a lapsed approval.

Mail is queued as in production (background/mail.py) and sent by SMTP to a port where
nothing listens until the test starts a sink there.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.tasks import TaskResultStatus
from django.utils import timezone

from accounts.models import ApprovalStatus
from accounts.tasks import expire_approvals
from accounts.testing import login_with_mfa
from background.testing import SmtpSink, smtp_delivery

from .conftest import expire_now, signup_data

pytestmark = pytest.mark.django_db

QUEUE = "/admin/practitioners/"


@pytest.fixture
def mail_server_down(settings, database_queue, mail_port):
    smtp_delivery(settings, mail_port)
    settings.BACKGROUND_TASKS = {"FIRST_RETRY_DELAY": 10, "MAX_RETRY_DELAY": 10}
    return mail_port


def test_account_mail_waits_for_the_mail_server_and_nothing_fails(
    client, mail_server_down, database_queue, account_settings, make_user, administrator,
    approved_user,
):  # fmt: skip
    response = client.post("/accounts/signup/", signup_data("sam@school.example"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert get_user_model().objects.filter(email="sam@school.example").exists()

    forgetful = make_user("rob@school.example")
    response = client.post("/accounts/password/reset/", {"email": forgetful.email})
    assert response.status_code == 302

    to_approve = make_user("ann@school.example")
    to_decline = make_user("dee@school.example")
    admin = login_with_mfa(client.__class__(), administrator)
    assert admin.post(QUEUE, {"user": to_approve.pk}).status_code == 302
    decline = admin.post(f"{QUEUE}{to_decline.pk}/decline/", {"reason": "Use your work address."})
    assert decline.status_code == 302
    to_approve.refresh_from_db()
    to_decline.refresh_from_db()
    assert to_approve.approval_status == ApprovalStatus.APPROVED
    assert to_decline.approval_status == ApprovalStatus.DECLINED

    expire_now(approved_user)
    lapsed = client.__class__()
    lapsed.force_login(approved_user)
    assert lapsed.get("/accounts/profile/").status_code == 200
    assert lapsed.post("/accounts/logout/").status_code == 302
    assert expire_approvals.call() == 1
    approved_user.refresh_from_db()
    assert approved_user.approval_status == ApprovalStatus.EXPIRED

    # Every send failed while nothing listened; all of it is still queued.
    assert set(database_queue()) == {TaskResultStatus.READY}

    with SmtpSink(mail_server_down) as sink:
        later = timezone.now() + datetime.timedelta(seconds=11)
        assert set(database_queue(now=later)) == {TaskResultStatus.SUCCESSFUL}
    sent = {tuple(recipients): message for recipients, message in sink.received}
    assert set(sent) == {
        ("sam@school.example",),
        ("rob@school.example",),
        ("ann@school.example",),
        ("dee@school.example",),
        (approved_user.email,),
    }
    assert "/accounts/confirm-email/" in sent[("sam@school.example",)].get_content()
    assert "/accounts/password/reset/key/" in sent[("rob@school.example",)].get_content()
    assert "Use your work address." in sent[("dee@school.example",)].get_content()
