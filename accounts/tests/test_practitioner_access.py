"""The practitioners' way in to shared material: what the block says to each visitor."""

import pytest
from django.utils import timezone

from accounts.models import ApprovalStatus
from safeguarding.testing.fixtures import PASSWORD
from safeguarding.testing.streams import practitioner_access

pytestmark = pytest.mark.django_db

TEXT = "Police material is shared with approved practitioners only."
AWAITING = "Your account is awaiting approval by the partnership"


@pytest.fixture
def landing(topic_index, account_settings):
    topic_index.body = [practitioner_access("Material for partner agencies", TEXT)]
    topic_index.save_revision().publish()
    return topic_index


def signed_in_page(client, user, url):
    assert client.login(username=user.email, password=PASSWORD)
    return client.get(url).content.decode()


def test_a_visitor_not_signed_in_is_offered_sign_in_back_to_the_page_and_sign_up(client, landing):
    response = client.get(landing.url)
    html = response.content.decode()
    assert '<h2 id="material-for-partner-agencies">Material for partner agencies</h2>' in html
    assert TEXT in html
    assert '<a href="/accounts/login/?next=/practitioners/">Sign in</a>' in html
    assert '<a href="/accounts/signup/">Create an account with your work email address</a>' in html
    # Still a page the shared cache may keep: no cookie, no form (but the header's search
    # box, which needs no token), not varying by cookie.
    assert not response.cookies and "<form" not in html.split("<main", 1)[1]
    assert "Cookie" not in response.get("Vary", "")


def test_a_pending_practitioner_is_told_who_approves_and_whom_to_ask(client, landing, pending_user):
    html = signed_in_page(client, pending_user, landing.url)
    assert "Your account is awaiting approval by the partnership" in html
    assert "To ask about it, contact the business unit at access@test-valley.example." in html
    assert ">Sign in</a>" not in html


def test_a_pending_practitioner_is_told_once_on_the_page_with_the_block(
    client, landing, pending_user, home_page
):
    """The block says it in full, so the signed-in bar leaves out its short notice."""
    html = signed_in_page(client, pending_user, landing.url)
    assert html.count(AWAITING) == 1
    assert "account-bar__notice" not in html
    assert "Until then you see what the public sees" in html
    # A page without the block: the bar's short notice.
    html = client.get(home_page.url).content.decode()
    assert html.count(AWAITING) == 1
    assert 'class="awaiting-approval account-bar__notice"' in html


def test_an_approved_practitioner_is_told_until_when(client, landing, approved_user):
    html = signed_in_page(client, approved_user, landing.url)
    expires = timezone.localtime(approved_user.approval_expires_at).strftime("%-d %B %Y")
    assert f"You are signed in as priya@school.example and approved until {expires}." in html


def test_a_declined_practitioner_is_told_the_account_gives_no_access(client, landing, pending_user):
    pending_user.approval_status = ApprovalStatus.DECLINED
    pending_user.save()
    html = signed_in_page(client, pending_user, landing.url)
    assert "Your account does not give access to this material (declined)." in html
    assert "waiting for approval" not in html
