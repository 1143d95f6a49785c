"""An editor changes an article's summary in the Wagtail admin, publishes it, and the
public page shows it to an anonymous visitor.

The test edits the shared demo database, so it puts the old summary back (through the
admin, the same way) before it ends, whatever happened in between.
"""

import re
import secrets

import pytest
from django.conf import settings
from playwright.sync_api import expect

from demo.facts import unused_totp_code

pytestmark = pytest.mark.browser

EDITOR = "editor@demo.example"
ARTICLE_TITLE = "Child trafficking"
ARTICLE_PATH = "/practitioners/child-trafficking/"


def demo_password():
    return getattr(settings, "DEMO_PASSWORD", "demo-valley-2026")


def sign_in(page):
    """Through allauth, as every admin user must: password, then the TOTP code
    (the demo editor's authenticator holds the demo-only secret in demo/data/users.toml)."""
    page.goto("/admin/login/")  # redirects to allauth's sign-in, keeping ?next=/admin/
    page.get_by_label("Email").fill(EDITOR)
    page.get_by_label("Password").fill(demo_password())
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code").fill(unused_totp_code())
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith("/admin"), (
        f"Signing in as {EDITOR} did not reach the dashboard: {page.url}\n"
        + page.locator("body").inner_text()[:1000]
    )


def open_article_editor(page):
    """Find the article with the admin's page search and open it in the editor."""
    page.goto(f"/admin/pages/search/?q={ARTICLE_TITLE.replace(' ', '+')}")
    page.get_by_role("main").get_by_role("link", name=ARTICLE_TITLE, exact=True).click()
    page.wait_for_url("**/admin/pages/*/edit/")
    return page.get_by_role("textbox", name=re.compile(r"^Summary\b"))


def publish_summary(page, text):
    summary = open_article_editor(page)
    summary.fill(text)
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text(f"Page '{ARTICLE_TITLE}' has been published.")).to_be_visible()


def public_summary(browser, base_url):
    """The summary an anonymous visitor sees, from a context with no cookies."""
    context = browser.new_context(base_url=base_url)
    try:
        visitor = context.new_page()
        response = visitor.goto(ARTICLE_PATH)
        assert response.status == 200, f"{ARTICLE_PATH} answered {response.status}"
        return visitor.get_by_role("main").locator("p.lead").inner_text().strip()
    finally:
        context.close()


def test_editor_publishes_a_new_summary_that_visitors_see(browser, demo_site, page):
    old_summary = public_summary(browser, demo_site)
    new_summary = f"Updated by the browser test {secrets.token_hex(4)}: what to do if worried."

    sign_in(page)
    try:
        publish_summary(page, new_summary)
        assert public_summary(browser, demo_site) == new_summary
    finally:
        # Put the demo content back for every other test, even after a failure.
        if public_summary(browser, demo_site) != old_summary:
            publish_summary(page, old_summary)
            assert public_summary(browser, demo_site) == old_summary
