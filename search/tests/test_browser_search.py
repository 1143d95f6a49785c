"""Searching in a real browser: nothing of the query in the address bar, the title or a
cookie, no axe-core violations at 320 px, and the whole
journey with the keyboard alone."""

import pytest
from playwright.sync_api import expect

from safeguarding.testing.browser import axe_violations, format_violations
from safeguarding.testing.keyboard import RECORD_UNFOCUSED, focus_problems, tab, tab_to_link

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
ARTICLE_PATH = "/practitioners/child-trafficking/"


def search_for(page, words):
    """Type `words` into the box and press the button; return the response to the POST."""
    page.get_by_label("Search this site").fill(words)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    return posted.value


def assert_accessible_at_320_px(page, where):
    violations = axe_violations(page)
    assert not violations, format_violations(violations, where=where)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        f"{where}: scrolls sideways at 320 px"
    )


def test_a_search_leaves_no_trace_and_every_state_is_accessible(page):
    page.set_viewport_size(NARROW)
    page.goto("/search/")
    assert_accessible_at_320_px(page, "search form")

    response = search_for(page, "xyzzy")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search results")
    expect(page.get_by_text("Nothing on this site matched your search.")).to_be_visible()
    assert "xyzzy" not in page.url
    assert "xyzzy" not in page.evaluate("location.href")
    assert "xyzzy" not in page.title()
    assert "set-cookie" not in response.all_headers()
    assert "no-store" in response.headers["cache-control"]
    assert page.context.cookies() == []
    assert_accessible_at_320_px(page, "no results")

    search_for(page, "trafficking")
    expect(page.get_by_role("link", name="Child trafficking", exact=True)).to_be_visible()
    assert_accessible_at_320_px(page, "results")

    search_for(page, "")
    expect(page.get_by_text("Enter a word or phrase to search for.")).to_be_visible()
    assert page.title().startswith("Error: ")
    assert_accessible_at_320_px(page, "empty query")

    assert page.context.cookies() == []


def test_search_works_with_the_keyboard_alone(page):
    page.goto("/")
    page.evaluate(RECORD_UNFOCUSED)
    tab_to_link(page, "/search/", "/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/")

    page.evaluate(RECORD_UNFOCUSED)
    for _ in range(40):
        state = tab(page)
        if state and state["id"] == "id_query":
            break
    else:
        pytest.fail("Tab never reached the search box")
    assert not focus_problems(state), focus_problems(state)
    page.keyboard.type("trafficking")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search results")

    page.evaluate(RECORD_UNFOCUSED)
    tab_to_link(page, ARTICLE_PATH, "search results")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + ARTICLE_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Child trafficking")


def test_the_header_box_and_the_message_to_the_editors_are_accessible(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(ARTICLE_PATH)
    page.screenshot(path="/tmp/srch/header.png")
    violations = axe_violations(page)
    assert not violations, format_violations(violations, where="header box")
    box = page.get_by_role("search").get_by_label("Search this site")
    box.fill("xyzzy")
    box.press("Enter")
    expect(page.get_by_text("Nothing on this site matched your search.")).to_be_visible()
    page.get_by_label("What were you looking for?").fill("A leaflet in Polish")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    violations = axe_violations(page)
    assert not violations, format_violations(violations, where="message sent")
    assert page.context.cookies() == []
