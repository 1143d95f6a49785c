"""The page for young people in a real browser: Childline's number on the first screen of a
phone or a desktop, and nothing for axe to find."""

import pytest

from safeguarding.testing.browser import axe_violations, format_violations

pytestmark = pytest.mark.browser

PAGE = "/children-and-young-people/"


@pytest.mark.parametrize(
    "viewport",
    [{"width": 320, "height": 568}, {"width": 390, "height": 844}, {"width": 1280, "height": 800}],
    ids=["320", "390", "1280"],
)
def test_childlines_number_is_on_the_first_screen(page, viewport):
    page.set_viewport_size(viewport)
    page.goto(PAGE)
    number = page.locator(".helpline-lead__number")
    assert number.get_attribute("href") == "tel:08001111"
    box = number.bounding_box()
    assert box["y"] + box["height"] <= viewport["height"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_no_accessibility_violations(page):
    page.goto(PAGE)
    violations = axe_violations(page)
    assert not violations, format_violations(violations, PAGE)
