"""The statistics page in Chromium: no axe violations with every table open, nothing
fetched from another host, and charts that fit a 320 px screen."""

from urllib.parse import urlsplit

import pytest

from safeguarding.testing.browser import axe_violations, format_violations

pytestmark = pytest.mark.browser

FIGURES_PAGE = "/practitioners/modern-slavery-figures/"
ARTICLE = "/practitioners/child-trafficking/"


def open_every_table(page):
    for summary in page.locator("details.chart__details > summary").all():
        summary.click()


@pytest.mark.parametrize("path", [FIGURES_PAGE, ARTICLE])
def test_no_axe_violations_with_tables_closed_and_open(page, path):
    assert page.goto(path).status == 200
    violations = axe_violations(page)
    assert not violations, format_violations(violations, where=path)
    open_every_table(page)
    violations = axe_violations(page)
    assert not violations, format_violations(violations, where=f"{path}, tables open")


def test_nothing_is_fetched_from_another_host(page, demo_site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    assert page.goto(FIGURES_PAGE).status == 200
    page.wait_for_load_state("networkidle")
    own = urlsplit(demo_site).netloc
    assert requested
    assert [url for url in requested if urlsplit(url).netloc != own] == []


def test_charts_fit_a_320_px_screen(page):
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.goto(FIGURES_PAGE).status == 200
    open_every_table(page)
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth,"
        " ...[...document.querySelectorAll('svg.chart__svg')]"
        ".map(svg => svg.getBoundingClientRect().width)]"
    )
    page_width, window_width, *charts = widths
    assert page_width <= window_width
    assert len(charts) == 7
    assert all(0 < width <= window_width for width in charts)
