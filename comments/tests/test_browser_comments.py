"""Comments in a real browser: what a visitor types is shown as text and never run, the
form page and an article with comments have no accessibility violations, and the form's
error summary takes focus."""

import json
import time

import pytest
from playwright.sync_api import expect

from comments.models import TOO_FAST_SECONDS
from safeguarding.testing.browser import axe_violations, format_violations

pytestmark = pytest.mark.browser

ARTICLE = "/practitioners/child-criminal-exploitation/"
MARK = "xss-probe-7f3a"
PAYLOADS = [
    f"{MARK} <script>window.xssRan = 1; alert(1)</script>",
    '<img src="x" onerror="window.xssRan = 2; alert(2)">',
    '<a href="javascript:window.xssRan = 3">click me</a>',
    '"><svg onload="window.xssRan = 4">',
    "<iframe src=\"javascript:alert(5)\"></iframe> {{ 7*7 }} {% now 'Y' %}",
]

APPROVE = f"""
from comments.models import Comment
from comments import moderation
moderation.approve(list(Comment.objects.filter(body__contains="{MARK}")), None)
print(Comment.objects.filter(body__contains="{MARK}", status="approved").count())
"""
DELETE = f"""
from comments.models import Comment
Comment.objects.filter(body__contains="{MARK}").delete()
"""


def open_form(page):
    page.goto(ARTICLE)
    page.get_by_role("link", name="Have your say on Child criminal exploitation").click()
    page.wait_for_url("**/have-your-say/*/")


@pytest.fixture
def approved_payloads(page, demo_manage):
    """The payloads sent through the form, as a visitor would, then approved."""
    try:
        open_form(page)
        page.get_by_label("Your comment").fill("\n".join(PAYLOADS))
        page.get_by_label("Your name (optional)").fill('<b onmouseover="window.xssRan = 6">Jo</b>')
        time.sleep(TOO_FAST_SECONDS + 0.5)  # a person's pace; faster is refused as spam
        page.get_by_role("button", name="Send your comment").click()
        page.wait_for_url("**/sent/")
        assert page.get_by_role("heading", name="Thank you for your comment").is_visible()
        assert demo_manage("shell", "-v", "0", "-c", APPROVE).strip().endswith("1")
        yield
    finally:
        demo_manage("shell", "-v", "0", "-c", DELETE)


def test_what_a_visitor_types_is_shown_as_text_and_never_run(page, approved_payloads):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(ARTICLE)
    comment = page.locator(".comment", has_text=MARK)
    body = comment.locator(".comment__body")
    # Every line shows exactly as typed, each on its own line.
    assert body.inner_text().splitlines() == PAYLOADS
    assert (
        comment.locator(".comment__name").inner_text()
        == '<b onmouseover="window.xssRan = 6">Jo</b>'
    )
    # Nothing became markup: no element inside but the paragraphs and line breaks.
    tags = json.loads(
        body.evaluate("b => JSON.stringify([...b.querySelectorAll('*')].map(e => e.tagName))")
    )
    assert set(tags) <= {"P", "BR"}
    comment.hover()
    body.click()
    page.wait_for_timeout(500)
    assert page.evaluate("window.xssRan") is None
    assert dialogs == []


def test_an_article_with_comments_has_no_accessibility_violations(page, approved_payloads):
    page.goto(ARTICLE)
    violations = axe_violations(page)
    assert not violations, format_violations(violations, "article with comments")
    page.goto("/practitioners/child-trafficking/")  # closed, with the demo's comments
    assert page.get_by_text("Comments are closed for this article").is_visible()
    violations = axe_violations(page)
    assert not violations, format_violations(violations, "closed article with comments")


def test_the_form_page_has_no_accessibility_violations_before_and_after_an_error(page):
    open_form(page)
    violations = axe_violations(page)
    assert not violations, format_violations(violations, "comment form")
    # The trap field is out of sight and out of the tab order.
    assert not page.get_by_label("Leave this field empty").is_visible() or (
        page.get_by_label("Leave this field empty").bounding_box()["x"] < 0
    )
    page.get_by_label("Your name (optional)").fill("Jo")
    page.get_by_role("button", name="Send your comment").click()
    page.wait_for_load_state()
    assert (
        page.get_by_role("alert").get_by_text("Write your comment before you send it.").is_visible()
    )
    assert page.get_by_label("Your name (optional)").input_value() == "Jo"
    violations = axe_violations(page)
    assert not violations, format_violations(violations, "comment form with an error")


def test_the_error_summary_takes_focus_and_its_link_moves_focus_to_the_comment_box(page):
    open_form(page)
    page.get_by_role("button", name="Send your comment").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Write your comment before you send it.").click()
    expect(page.get_by_label("Your comment")).to_be_focused()
