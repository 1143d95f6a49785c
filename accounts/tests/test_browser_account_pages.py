"""Every account page a person meets, in a browser: axe finds nothing, every link and
button is a target of at least 24 px, the error summary takes focus and its links move
focus to their fields, and signing in works with the keyboard alone."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from demo.facts import unused_totp_code
from safeguarding.testing.browser import axe_violations, format_violations, sign_in

pytestmark = pytest.mark.browser

DEMO_PASSWORD = getattr(settings, "DEMO_PASSWORD", "demo-valley-2026")
MIN_TARGET = 24  # px, WCAG 2.2 success criterion 2.5.8
# Links and buttons that fail 2.5.8: smaller than 24 px either way, and with a 24 px circle
# on their centre that reaches another target (or another small target's circle). Those of
# the account pages themselves (main content, account navigation, signed-in bar) must be
# 24 px whatever the spacing. Visually hidden ones (1 px, such as the skip link before it
# has focus) are left out.
SMALL_TARGETS = """(min) => {
  const own = "main, .account-nav, .account-bar";
  const targets = [...document.querySelectorAll("a[href], button")]
    .map((el) => ({el, box: el.getBoundingClientRect()}))
    .filter(({box}) => box.width > 1 && box.height > 1);
  const small = ({box}) => box.width < min || box.height < min;
  const centre = ({box}) => [box.x + box.width / 2, box.y + box.height / 2];
  const distanceToBox = ([x, y], {box}) => Math.hypot(
    Math.max(box.left - x, 0, x - box.right), Math.max(box.top - y, 0, y - box.bottom));
  const crowded = (target) => targets.some((other) => other !== target && (small(other)
    ? Math.hypot(...centre(target).map((c, i) => c - centre(other)[i])) < min
    : distanceToBox(centre(target), other) < min / 2));
  return targets
    .filter((target) => small(target) && (target.el.closest(own) || crowded(target)))
    .map(({el, box}) => `${el.tagName} "${el.innerText.trim()}" ${box.width}x${box.height}`);
}"""

SIGNED_OUT_PATHS = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/not-a-key/",
]
# In this order: the reauthentication page comes first, and its password then opens the
# pages that ask for it.
SIGNED_IN_PATHS = [
    "/accounts/profile/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/logout/",
]
NEEDS_REAUTHENTICATION = [
    "/accounts/2fa/recovery-codes/",
    "/accounts/2fa/recovery-codes/generate/",
    "/accounts/2fa/totp/deactivate/",
    "/accounts/delete/",
]


def assert_page_is_good(page):
    """axe finds nothing, and no link or button is too small to hit."""
    violations = axe_violations(page)
    assert not violations, format_violations(violations, page.url)
    small = page.evaluate(SMALL_TARGETS, MIN_TARGET)
    assert not small, f"{page.url}: targets under {MIN_TARGET} px: {small}"


def reauthenticate(page, path):
    """Open `path`, which asks for the password again first; check that page and answer it."""
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    assert_page_is_good(page)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"**{path}")


@pytest.mark.parametrize("path", SIGNED_OUT_PATHS)
def test_signed_out_pages(page, path):
    page.goto(path)
    assert_page_is_good(page)
    assert_no_sideways_scroll_on_a_small_phone(page)


def assert_no_sideways_scroll_on_a_small_phone(page):
    page.set_viewport_size({"width": 320, "height": 640})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width} px wide at 320 px"


def test_pages_of_a_user_with_two_factor_authentication(page):
    """The demo editor: the code page, then every page of the account and of MFA."""
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("editor@demo.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter the code from your authenticator app"
    )
    assert_page_is_good(page)
    assert_no_sideways_scroll_on_a_small_phone(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_page_is_good(page)
    page.get_by_label("Code").fill(unused_totp_code())
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".account-bar")).to_contain_text("editor@demo.example")
    for path in SIGNED_IN_PATHS:
        page.goto(path)
        assert_page_is_good(page)
    reauthenticate(page, NEEDS_REAUTHENTICATION[0])
    expect(page.locator(".recovery-codes li")).not_to_have_count(0)
    for path in NEEDS_REAUTHENTICATION:
        page.goto(path)
        assert_page_is_good(page)


def test_a_pending_practitioner_sets_up_nothing_but_sees_the_setup_and_whom_to_ask(page):
    sign_in(page, "pending@demo.example", DEMO_PASSWORD)
    notice = page.locator(".account-bar .awaiting-approval")
    expect(notice).to_contain_text("Your account is awaiting approval by the partnership")
    expect(notice).to_contain_text("access@demo.example")
    assert_page_is_good(page)
    reauthenticate(page, "/accounts/2fa/totp/activate/")
    expect(page.get_by_role("img", name="QR code for the authenticator app")).to_be_visible()
    assert_page_is_good(page)
    assert_no_sideways_scroll_on_a_small_phone(page)


def test_error_summary_takes_focus_and_its_links_move_focus_to_the_field(page):
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("There is a problem")
    assert_page_is_good(page)
    summary.get_by_role("link").nth(1).click()
    expect(page.locator("#id_password")).to_be_focused()
    summary.get_by_role("link").nth(0).click()
    expect(page.locator("#id_login")).to_be_focused()
    # The label is on screen above the field it names.
    label_top = page.locator("label[for=id_login]").bounding_box()["y"]
    assert 0 <= label_top < page.viewport_size["height"]


def test_signing_in_with_the_keyboard_alone(page):
    page.goto("/accounts/login/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_login":
            break
    else:
        pytest.fail("Tab never reached the email address field")
    page.keyboard.type("practitioner@demo.example")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator(".account-bar")).to_contain_text("practitioner@demo.example")
