"""The 'Worried about a child?' journey in a real browser: keyboard only, 320 px, axe."""

import pytest

from safeguarding.testing.browser import axe_violations, format_violations

pytestmark = pytest.mark.browser


def tab_to(page, text, limit=60):
    """Press Tab until the focused element reads `text`; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == text:
            return
    pytest.fail(f"never reached {text!r} by Tab")


def test_keyboard_user_finds_the_number_for_their_area(page, demo_site):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(demo_site + "/")
    # From the header link to the answer, with the keyboard alone.
    tab_to(page, "Worried about a child?")
    page.keyboard.press("Enter")
    page.wait_for_url("**/worried-about-a-child/")
    tab_to(page, "Riverside")
    page.keyboard.press("Enter")
    page.wait_for_url("**/worried-about-a-child/?area=riverside#answer")

    answer = page.locator("#answer")
    assert answer.is_visible()
    heading = answer.get_by_role("heading", name="If the child lives in Riverside")
    assert heading.is_visible()
    # Whatever the time, the first number offered is one to call now or the front door.
    first_number = answer.locator('a[href^="tel:"]').first.get_attribute("href")
    assert first_number in {"tel:01184960300", "tel:01184960900"}
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The answer is not hidden under the sticky exit bar.
    bar = page.locator(".quick-exit").bounding_box()
    box = heading.bounding_box()
    assert box["y"] >= bar["y"] + bar["height"] - 1


@pytest.mark.parametrize("area", ["northbridge", "somewhere-else"])
def test_answered_page_has_no_accessibility_violations(page, demo_site, area):
    page.goto(f"{demo_site}/worried-about-a-child/?area={area}#answer")
    violations = axe_violations(page)
    assert not violations, format_violations(violations, f"worried page, area={area}")
