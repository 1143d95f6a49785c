"""The header search box, and Back from a result to the same results, in a real
Chromium: the words typed are in no URL, title, history entry, cookie or storage."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 800}
WORDS = "modern slavery"  # found through its synonym, so no result URL or title holds it
RESULT = "Child trafficking"

TRACES = """() => ({
    url: location.href,
    title: document.title,
    navigations: performance.getEntriesByType("navigation").map((entry) => entry.name),
    local: JSON.stringify(Object.entries(localStorage)),
    session: JSON.stringify(Object.entries(sessionStorage)),
    state: JSON.stringify(history.state),
})"""


def search_from_the_header(page):
    page.set_viewport_size(WIDE)
    page.goto("/practitioners/")
    box = page.get_by_role("search").get_by_label("Search this site")
    box.fill(WORDS)
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search results")
    expect(page.get_by_role("link", name=RESULT, exact=True)).to_be_visible()


def open_the_result_and_go_back(page):
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("link", name=RESULT, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(RESULT)
    page.evaluate("history.back()")  # as the browser's Back button does (not page.go_back)


def assert_no_trace(page):
    traces = page.evaluate(TRACES)
    history = page.context.new_cdp_session(page).send("Page.getNavigationHistory")
    entries = [(entry["url"], entry["title"]) for entry in history["entries"]]
    found = [(name, value) for name, value in traces.items() if WORDS in str(value).lower()]
    found += [entry for entry in entries if WORDS in " ".join(entry).lower()]
    assert not found, f"The words were kept: {found}"
    assert page.context.cookies() == []


def test_back_from_a_result_shows_the_same_results_and_keeps_no_trace(page_with_bfcache):
    page = page_with_bfcache
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    search_from_the_header(page)
    open_the_result_and_go_back(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Search results")
    expect(page.get_by_role("link", name=RESULT, exact=True)).to_be_visible()
    expect(page.get_by_label("Search this site")).to_have_value(WORDS)
    assert page.evaluate("window.stillTheSamePage === true"), "Not restored from the bfcache"
    assert page.url.endswith("/search/")
    assert not dialogs
    assert_no_trace(page)


def test_without_the_bfcache_back_shows_an_empty_search_without_a_resubmission_prompt(page):
    search_from_the_header(page)
    open_the_result_and_go_back(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Search this site")
    expect(page.get_by_label("Search this site")).to_have_value("")
    assert page.url.endswith("/search/")
    assert_no_trace(page)


def test_the_header_box_is_a_link_to_the_search_page_on_a_small_screen(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/practitioners/")
    expect(page.get_by_role("search")).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("link", name="Search", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search this site")


def test_after_a_quick_exit_back_does_not_show_the_results(page_with_bfcache):
    page = page_with_bfcache
    search_from_the_header(page)
    page.get_by_role("link", name=RESULT, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(RESULT)
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url(lambda url: "/practitioners/" not in url)
    page.evaluate("history.back()")
    page.wait_for_timeout(2000)  # time for the results page to show, if it were going to
    history = page.context.new_cdp_session(page).send("Page.getNavigationHistory")
    index, entries = history["currentIndex"], history["entries"]
    assert index == len(entries) - 2, f"Back did not move to the results' entry: {entries}"
    assert "/search/" not in entries[index]["url"] and "/search/" not in page.url
    assert WORDS not in page.content()
