"""The whole path in a browser: sign up, verify by email, wait, get approved in the
admin, and see the approval and the group on the account page.

What the group's material then shows is checked with the resource library's own
browser test (resources/tests/test_browser_download_audit.py).
"""

import email
import email.policy
import re
import secrets
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import expect

from demo.facts import unused_totp_code
from safeguarding.testing.browser import axe_violations, format_violations, sign_in

pytestmark = pytest.mark.browser

PASSWORD = "a-long-browser-test-password"
ADMIN = "admin@demo.example"


def mail_to(mail_dir, address):
    """Plain-text bodies of the messages the served site sent to `address`."""
    bodies = []
    for path in sorted(mail_dir.glob("*.log")) if mail_dir.exists() else []:
        for raw in re.split(r"\n-{79}\n", path.read_text()):
            if not raw.strip():
                continue
            message = email.message_from_string(raw.lstrip(), policy=email.policy.default)
            if address in str(message["To"]):
                bodies.append(message.get_body(("plain",)).get_content())
    return bodies


def sign_up(page, address):
    page.goto("/accounts/signup/")
    page.get_by_label("Work email address").fill(address)
    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Last name").fill("Browser")
    page.get_by_label("Organisation").fill("Riverside Academy")
    page.get_by_label("Role").fill("Designated safeguarding lead")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()


def verify(page, mail_dir, address):
    bodies = mail_to(mail_dir, address)
    assert bodies, f"no mail to {address} in {mail_dir}"
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", bodies[-1]).group(0)
    page.goto(urlsplit(link).path)
    page.get_by_role("button", name="Confirm my email address").click()


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, format_violations(violations, page.url)


def test_sign_up_verify_wait_and_get_approved(browser, demo_site, page, demo_mail_dir):
    address = f"sam.{secrets.token_hex(3)}@school.demo.example"
    # The account pages live under the public Content-Security-Policy: nothing inline.
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    page.goto("/accounts/signup/")
    assert_accessible(page)
    sign_up(page, address)
    verify(page, demo_mail_dir, address)
    sign_in(page, address, PASSWORD)
    page.goto("/accounts/profile/")
    expect(page.locator(".account-status")).to_have_text(re.compile("Waiting for approval"))
    assert_accessible(page)

    admin_context = browser.new_context(base_url=demo_site)
    try:
        admin = admin_context.new_page()
        admin_password = getattr(settings, "DEMO_PASSWORD", "demo-valley-2026")
        sign_in(admin, ADMIN, admin_password, code=unused_totp_code())
        admin.goto("/admin/practitioners/")
        row = admin.get_by_role("row").filter(has_text=address)
        expect(row).to_contain_text("Riverside Academy")
        expect(row).to_contain_text("Designated safeguarding lead")
        row.get_by_role("button", name=f"Approve {address}").click()
        expect(
            admin.get_by_text(f"{address} approved into Demo Valley practitioners")
        ).to_be_visible()
    finally:
        admin_context.close()

    assert any("approved" in body for body in mail_to(demo_mail_dir, address))
    page.goto("/accounts/profile/")
    expect(page.locator(".account-status")).to_contain_text(
        "you can read material shared with Demo Valley practitioners"
    )
    assert csp_errors == []


def test_signing_out_leaves_no_cookie_in_the_browser(page):
    practitioner_password = getattr(settings, "DEMO_PASSWORD", "demo-valley-2026")
    sign_in(page, "practitioner@demo.example", practitioner_password)
    assert {cookie["name"] for cookie in page.context.cookies()} >= {"sessionid", "csrftoken"}
    page.goto("/accounts/profile/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign out").click()
    page.get_by_role("main").get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    page.goto("/practitioners/child-trafficking/")
    assert page.context.cookies() == []
