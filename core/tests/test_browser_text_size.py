"""Every public page, the signed-out account pages and every error page at 320 CSS px
with text at 200% (WCAG 1.4.4 and 1.4.10 together): nothing scrolls the page sideways. Long
words and addresses wrap; a wide table scrolls inside its own focusable box.

Text at 200% is the root font size doubled, as a browser's text-size setting does. Every
<details> is opened first, so the tables and text they fold away are measured too.
"""

import pytest

from core.tests.test_browser_accessibility import pages_to_check, visit
from safeguarding.testing.demo_server import sitemap_paths

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 568}
# Public pages the sitemap does not list.
UNLISTED = ["/search/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
DOUBLE_TEXT_AND_OPEN = """() => {
  document.documentElement.style.fontSize = "200%";
  document.querySelectorAll("details").forEach((details) => { details.open = true; });
}"""
# The page's width, and the last few elements that reach past its right edge (for the message).
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".visually-hidden, .table-scroll")) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 0.5) found.push(el.outerHTML.slice(0, 80));
  }
  return {scroll: document.documentElement.scrollWidth, width, found: found.slice(-3)};
}"""


def test_no_page_scrolls_sideways_at_320_px_with_text_at_200_percent(page, demo_site):
    page.set_viewport_size(PHONE)
    failures = []
    pages = pages_to_check(sitemap_paths(demo_site)) + [(path, 200) for path in UNLISTED]
    for path, status in pages:
        problem = visit(page, path, status)
        if problem:
            failures.append(problem)
            continue
        page.evaluate(DOUBLE_TEXT_AND_OPEN)
        state = page.evaluate(OVERFLOWING)
        if state["scroll"] > state["width"]:
            failures.append(
                f"{path}: {state['scroll']} px wide in {state['width']} px; {state['found']}"
            )
    assert not failures, "Pages that scroll sideways:\n" + "\n".join(failures)
