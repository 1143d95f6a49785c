"""Keyboard only: the skip link, a visible focus indicator on every link, and a route
from the home page to an article with Tab and Enter. No mouse is used anywhere."""

import pytest
from playwright.sync_api import expect

from safeguarding.testing.keyboard import (
    RECORD_UNFOCUSED,
    focus_problems,
    tab,
    tab_to_link,
    walk_every_link,
)

pytestmark = pytest.mark.browser

ARTICLE_PATH = "/practitioners/child-trafficking/"


def test_skip_link_comes_first_and_moves_focus_to_main(page):
    page.goto("/")
    page.evaluate(RECORD_UNFOCUSED)
    state = tab(page)
    assert state is not None, "The first Tab focused nothing"
    assert state["href"] == "#main-content", f"The first Tab focused {state['description']}"
    assert "Skip to main content" in state["description"]
    assert not focus_problems(state), focus_problems(state)
    expect(page.get_by_role("link", name="Skip to main content")).to_be_visible()

    page.keyboard.press("Enter")
    focused = page.evaluate("() => [document.activeElement.tagName, document.activeElement.id]")
    assert focused == ["MAIN", "main-content"], f"Enter on the skip link focused {focused}"


def test_every_link_on_the_home_page_shows_focus(page):
    page.goto("/")
    walk_every_link(page, "/")


def test_keyboard_route_from_home_to_the_child_trafficking_article(page):
    page.goto("/")
    page.evaluate(RECORD_UNFOCUSED)
    tab_to_link(page, "/practitioners/", "/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/practitioners/")

    page.evaluate(RECORD_UNFOCUSED)
    tab_to_link(page, ARTICLE_PATH, "/practitioners/")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + ARTICLE_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Child trafficking")

    walk_every_link(page, ARTICLE_PATH)
