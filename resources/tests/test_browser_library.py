"""The demo resource library in Chromium: filters with the keyboard alone, axe at 320 px."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from safeguarding.testing.browser import axe_violations, format_violations

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
LIBRARY = "/resources/"
HEALTH_LEAFLET = "Child trafficking advice for frontline health professionals"
CARERS_LEAFLET = "Child trafficking advice for carers"
FOCUSED_ID = "document.activeElement.id"


def tab_until(page, condition, what, limit=80):
    """Press Tab until `condition` (a JavaScript expression) is true; fail if it never is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return
    pytest.fail(f"never reached {what} with Tab")


def focus_is_visible(page):
    """Whether the focused element draws an outline or a box shadow."""
    return page.evaluate(
        """() => {
            const s = getComputedStyle(document.activeElement);
            return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0)
                || s.boxShadow !== "none";
        }"""
    )


def listed(page):
    return page.locator(".library-results .resource-entry__title a").all_inner_texts()


def assert_accessible_and_reflows(page, where):
    violations = axe_violations(page)
    assert not violations, format_violations(violations, where)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        f"{where} scrolls sideways at 320 px"
    )


def test_filters_work_with_the_keyboard_alone(page):
    page.set_viewport_size(NARROW)
    page.goto(LIBRARY)
    everything = listed(page)
    assert HEALTH_LEAFLET in everything and CARERS_LEAFLET in everything

    tab_until(page, f"{FOCUSED_ID} === 'filter-audience-health'", "the Health checkbox")
    assert focus_is_visible(page)
    page.keyboard.press("Space")
    tab_until(page, "document.activeElement.textContent.trim() === 'Apply filters'", "Apply")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/resources/\?audience=health$"))

    narrowed = listed(page)
    assert HEALTH_LEAFLET in narrowed and CARERS_LEAFLET not in narrowed
    expect(page.locator("#filter-audience-health")).to_be_checked()
    assert_accessible_and_reflows(page, "filtered library")

    tab_until(page, "document.activeElement.textContent.trim() === 'Clear filters'", "Clear")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/resources/$"))
    assert listed(page) == everything


def test_library_and_a_resource_page_pass_axe_at_320_px(page):
    page.set_viewport_size(NARROW)
    page.goto(LIBRARY)
    assert_accessible_and_reflows(page, LIBRARY)
    page.get_by_role("link", name=CARERS_LEAFLET).click()
    page.wait_for_url(re.compile(r"/resources/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(CARERS_LEAFLET)
    expect(page.get_by_role("link", name=re.compile(r"^Download "))).to_be_visible()
    assert_accessible_and_reflows(page, page.url)


def test_a_sensitive_resource_page_passes_axe_at_320_px(page):
    page.set_viewport_size(NARROW)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("practitioner@demo.example")
    page.get_by_label("Password").fill(getattr(settings, "DEMO_PASSWORD", "demo-valley-2026"))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    page.goto(LIBRARY)
    sensitive = page.locator(".resource-entry").filter(
        has=page.locator(".resource-entry__marking--sensitive")
    )
    expect(sensitive.first).to_be_visible()
    sensitive.first.locator(".resource-entry__title a").click()
    page.wait_for_url(re.compile(r"/resources/\d+/$"))
    expect(page.locator(".marking-banner--sensitive")).to_have_count(2)
    assert_accessible_and_reflows(page, page.url)
