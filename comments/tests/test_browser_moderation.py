"""A moderator passes a comment on as a possible disclosure in the admin; the safeguarding
lead is emailed and reads it in the list only they can open.

The test changes the shared demo database, so it deletes what it made before it ends.
"""

import secrets
import time

import pytest
from django.conf import settings
from playwright.sync_api import expect

from comments.models import TOO_FAST_SECONDS
from demo.facts import unused_totp_code

pytestmark = pytest.mark.browser

ARTICLE = "/practitioners/child-criminal-exploitation/"


def sign_in(page, address):
    page.goto("/admin/login/")
    page.get_by_label("Email").fill(address)
    page.get_by_label("Password").fill(getattr(settings, "DEMO_PASSWORD", "demo-valley-2026"))
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code").fill(unused_totp_code())
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith("/admin"), page.url


@pytest.fixture
def marker(demo_manage):
    words = f"worried-words-{secrets.token_hex(4)}"
    yield words
    demo_manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from comments.models import Comment, Disclosure\n"
        "Comment.objects.filter(status='disclosure').delete()\n"
        f"Comment.objects.filter(body__contains='{words}').delete()\n"
        f"Disclosure.objects.filter(body__contains='{words}').delete()\n",
    )


def test_a_possible_disclosure_reaches_the_lead_only(
    browser, demo_site, page, marker, demo_mail_dir
):
    visitor = browser.new_context(base_url=demo_site).new_page()
    visitor.goto(ARTICLE)
    visitor.get_by_role("link", name="Have your say on Child criminal exploitation").click()
    visitor.get_by_label("Your comment").fill(f"{marker}: my uncle makes me carry bags")
    time.sleep(TOO_FAST_SECONDS + 0.5)
    visitor.get_by_role("button", name="Send your comment").click()
    expect(visitor.get_by_role("heading", name="Thank you for your comment")).to_be_visible()
    visitor.context.close()

    sign_in(page, "editor@demo.example")
    page.goto("/admin/snippets/comments/comment/?status=pending")
    row = page.get_by_role("row").filter(has_text=marker)
    row.get_by_role("button", name="More options").click()
    row.get_by_role("link", name="Possible disclosure").click()
    expect(page.get_by_text(marker)).to_be_visible()
    page.get_by_role("button", name="Possible disclosure").click()
    expect(page.get_by_text("passed to the safeguarding lead, and hidden for good")).to_be_visible()
    assert marker not in page.content()
    # The moderator cannot open the lead's list.
    page.goto("/admin/disclosures/")
    assert marker not in page.content()

    lead = browser.new_context(base_url=demo_site).new_page()
    sign_in(lead, "lead@demo.example")
    lead.goto("/admin/disclosures/")
    lead.get_by_role(
        "link", name="Possible disclosure on 'Child criminal exploitation"
    ).first.click()
    expect(lead.get_by_text(marker)).to_be_visible()
    lead.context.close()

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        mails = [p.read_text() for p in demo_mail_dir.glob("*") if p.is_file()]
        told = [m for m in mails if "lead@demo.example" in m and "may be a disclosure" in m]
        if told:
            break
        time.sleep(0.5)
    assert told, "the lead was not emailed"
    assert marker not in told[-1]
