"""The main menu and the signed-in bar in a real browser: a phone, a desktop, the keyboard."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from safeguarding.testing.browser import sign_in
from safeguarding.testing.keyboard import RECORD_UNFOCUSED, focus_problems, tab

pytestmark = pytest.mark.browser

ARTICLE_PATH = "/practitioners/child-trafficking/"
MENU_LINKS = ["Help for young people", "Practitioners", "Resources", "Search"]


def main_menu(page):
    return page.get_by_role("navigation", name="Main")


def test_on_a_phone_the_menu_folds_and_opens_with_the_keyboard(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(ARTICLE_PATH)
    menu = main_menu(page)
    expect(menu.get_by_role("link", name="Worried about a child?")).to_be_visible()
    for name in MENU_LINKS:
        expect(menu.get_by_role("link", name=name)).to_be_hidden()

    page.evaluate(RECORD_UNFOCUSED)
    for _ in range(30):
        state = tab(page)
        if state and state["tag"] == "summary":
            break
    else:
        pytest.fail("Tab never reached the Menu button")
    assert not focus_problems(state), focus_problems(state)
    page.keyboard.press("Enter")
    for name in MENU_LINKS:
        expect(menu.get_by_role("link", name=name)).to_be_visible()
    expect(menu.get_by_role("link", name="Practitioners")).to_have_attribute("aria-current", "page")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the open menu makes the page scroll sideways: {widths}"

    state = tab(page)
    assert state["description"].endswith('"Help for young people"'), state["description"]
    state = tab(page)
    assert state["path"] == "/practitioners/" and not focus_problems(state)
    page.keyboard.press("Enter")
    page.wait_for_url("**/practitioners/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Guidance for practitioners")


def test_on_a_desktop_every_menu_link_shows_without_opening_anything(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    menu = main_menu(page)
    expect(menu.get_by_text("Menu", exact=True)).to_be_hidden()
    for name in ["Worried about a child?", *MENU_LINKS[:-1]]:
        expect(menu.get_by_role("link", name=name)).to_be_visible()
    # The header's search box takes the place of the menu's "Search" link.
    expect(menu.get_by_role("link", name="Search")).to_be_hidden()
    expect(page.get_by_role("search").get_by_label("Search this site")).to_be_visible()
    menu.get_by_role("link", name="Resources").click()
    page.wait_for_url("**/resources/")
    expect(main_menu(page).get_by_role("link", name="Resources")).to_have_attribute(
        "aria-current", "page"
    )


def test_a_practitioner_sees_they_are_signed_in_everywhere_and_signs_out_by_keyboard(page):
    password = getattr(settings, "DEMO_PASSWORD", "demo-valley-2026")
    sign_in(page, "practitioner@demo.example", password)
    for path in ["/", ARTICLE_PATH, "/resources/", "/no-such-page/"]:
        page.goto(path)
        expect(page.get_by_text("Signed in as practitioner@demo.example")).to_be_visible()

    page.goto("/")
    page.evaluate(RECORD_UNFOCUSED)
    for _ in range(30):
        state = tab(page)
        if state and state["tag"] == "button" and "Sign out" in state["description"]:
            break
    else:
        pytest.fail("Tab never reached the Sign out button")
    assert not focus_problems(state), focus_problems(state)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto(ARTICLE_PATH)
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    assert page.context.cookies() == []
