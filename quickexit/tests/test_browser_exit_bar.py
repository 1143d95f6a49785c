"""The exit bar's layout in Chromium (REQUIREMENTS.md, items 11, 27 and 30; README.md,
"Layout"): how much of the screen the sticky button covers with large text and at 400%
zoom, that it lets go on very short viewports, and that the dots wait for a Shift press.

Browser zoom scales the CSS pixel, so 400% zoom of a 1280 x 720 window is a 320 x 180
CSS px viewport. Text at 200% is the root font size doubled, as a browser's text-size
setting does: everything sized in rem or em doubles, pixel sizes do not.
"""

import pytest

from quickexit.tests.helpers import ARTICLE, EXIT_CONTROL, HOME, NEUTRAL, wait_for_exit
from safeguarding.testing.browser import axe_violations, format_violations

pytestmark = pytest.mark.browser

MAX_SHARE = 0.15
DOTS = ".quick-exit__dots"
DOUBLE_TEXT = "() => { document.documentElement.style.fontSize = '200%'; }"

# What the sticky part of the bar covers once the page has scrolled to its end.
BAR_STATE = """() => {
  const control = document.querySelector("[data-quick-exit-control]");
  const bar = control.parentElement;
  const r = bar.getBoundingClientRect();
  const style = getComputedStyle(control);
  const content = control.clientHeight - parseFloat(style.paddingTop)
    - parseFloat(style.paddingBottom);
  return {
    position: getComputedStyle(bar).position,
    covered: Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)),
    viewport: innerHeight,
    lines: Math.floor(content / parseFloat(style.lineHeight) + 0.01),
    sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  };
}"""


def scrolled_bar(page, path, viewport, double_text):
    page.set_viewport_size(viewport)
    assert page.goto(path).status == 200
    if double_text:
        page.evaluate(DOUBLE_TEXT)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    return page.evaluate(BAR_STATE)


@pytest.mark.parametrize(
    ("viewport", "double_text"),
    [
        ({"width": 320, "height": 568}, True),  # a small phone, text at 200%
        ({"width": 390, "height": 844}, True),
        ({"width": 1280, "height": 720}, True),
        ({"width": 640, "height": 360}, False),  # 2560 x 1440 at 400% zoom
        ({"width": 320, "height": 640}, False),
    ],
)
def test_item27_the_sticky_button_covers_at_most_15_percent_on_one_line(
    page, viewport, double_text
):
    failures = []
    for path in (HOME, ARTICLE):
        state = scrolled_bar(page, path, viewport, double_text)
        where = f"{path} at {viewport['width']}x{viewport['height']}"
        if state["position"] != "sticky":
            failures.append(f"{where}: the bar is not sticky ({state})")
        if state["covered"] == 0 or state["covered"] > MAX_SHARE * state["viewport"]:
            failures.append(f"{where}: covers {state['covered']} of {state['viewport']} px")
        if state["lines"] != 1:
            failures.append(f"{where}: the label takes {state['lines']} lines")
        if state["sideways"]:
            failures.append(f"{where}: the page scrolls sideways")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("viewport", "double_text"),
    [
        ({"width": 320, "height": 180}, False),  # 1280 x 720 at 400% zoom
        ({"width": 320, "height": 200}, False),  # 1280 x 800 at 400% zoom
        ({"width": 320, "height": 256}, True),  # 1280 x 1024 at 400%, text at 200% too
    ],
)
def test_item27_on_a_very_short_viewport_the_bar_scrolls_away(page, viewport, double_text):
    for path in (HOME, ARTICLE):
        state = scrolled_bar(page, path, viewport, double_text)
        assert state["position"] == "static", f"{path}: {state}"
        assert state["covered"] == 0, f"{path}: still covers {state['covered']} px"
        assert not state["sideways"], f"{path}: scrolls sideways"


@pytest.mark.parametrize(
    ("viewport", "sticky"),
    [({"width": 320, "height": 568}, True), ({"width": 640, "height": 360}, False)],
)
def test_item27_with_the_browsers_own_text_size_at_200_percent(page, viewport, sticky):
    """The browser's text-size setting (not only the page's root size) also scales the
    height media query: a phone on its side with large text lets the button go."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    state = scrolled_bar(page, ARTICLE, viewport, double_text=False)
    assert (state["position"] == "sticky") is sticky, state
    assert state["covered"] <= MAX_SHARE * state["viewport"], state
    assert (state["covered"] > 0) is sticky, state
    assert state["lines"] == 1 and not state["sideways"], state


def test_item27_on_a_very_short_viewport_shift_still_leaves(
    exit_browser, exit_contexts, neutral_site
):
    page = exit_contexts(exit_browser, viewport={"width": 320, "height": 180}).new_page()
    page.goto(ARTICLE)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    mark = neutral_site.mark()
    for _ in range(3):
        page.keyboard.press("Shift")
    wait_for_exit(page, neutral_site, mark, "Shift x3, scrolled, at 320 x 180")
    assert page.evaluate("location.href") == NEUTRAL


def test_item11_the_dots_appear_only_after_the_first_shift_press(page):
    page.set_viewport_size({"width": 320, "height": 568})
    page.goto(ARTICLE)
    dots = page.locator(EXIT_CONTROL).first.locator(DOTS)
    assert dots.is_hidden(), "The dots show before any Shift press"
    page.keyboard.press("Tab")  # Shift as a modifier is not a press
    page.keyboard.press("Shift+Tab")
    assert dots.is_hidden(), "Shift used as a modifier showed the dots"
    page.keyboard.press("Shift")
    assert dots.is_visible(), "The dots are hidden after a Shift press"
    assert dots.locator("[data-lit]").count() == 1
    page.evaluate(DOUBLE_TEXT)
    violations = axe_violations(page)
    assert not violations, format_violations(violations, where="dots shown, text at 200%")


def test_item11_without_javascript_there_are_no_dots(browser, demo_site):
    context = browser.new_context(base_url=demo_site, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(ARTICLE)
        expect_hidden = page.locator(EXIT_CONTROL).first.locator(DOTS)
        assert expect_hidden.count() == 1 and expect_hidden.is_hidden()
    finally:
        context.close()
