"""Every public page of the served demo site, and every error page, checked in Chromium
with axe-core and for reflow.

Each test loops over all pages and collects the failures, so one bad page never hides
another; the sitemap must list the demo pages, so an empty sitemap cannot pass.
"""

import re

import pytest

from safeguarding.testing.browser import axe_violations, format_violations
from safeguarding.testing.demo_server import sitemap_paths
from safeguarding.testing.urls import ERROR_PAGES

pytestmark = pytest.mark.browser

DEMO_PATHS = [
    "/",
    "/practitioners/",
    "/practitioners/child-trafficking/",
    "/worried-about-a-child/",
    "/children-and-young-people/",
    "/accessibility-statement/",
    "/privacy-notice/",
]
NOT_FOUND_PATH = "/no-such-page/"


@pytest.fixture(scope="module")
def site_paths(demo_site):
    return sitemap_paths(demo_site)


def assert_sitemap_lists_demo_pages(paths):
    missing = [path for path in DEMO_PATHS if path not in paths]
    assert not missing, f"The sitemap does not list {missing}; it lists {paths}"


def pages_to_check(site_paths):
    """(path, expected status) for every sitemap page and every error page."""
    assert_sitemap_lists_demo_pages(site_paths)
    error_pages = [(f"/__test__/{name}/", status) for name, status in ERROR_PAGES.items()]
    return [(path, 200) for path in site_paths] + [(NOT_FOUND_PATH, 404), *error_pages]


def visit(page, path, status):
    """Open `path`; return a problem to report, or None."""
    response = page.goto(path)
    if response is None or response.status != status:
        got = response.status if response else "no response"
        return f"{path}: HTTP {got}, expected {status}"
    return None


def test_sitemap_lists_the_demo_pages(site_paths):
    assert_sitemap_lists_demo_pages(site_paths)


def test_no_wcag_a_or_aa_violations_on_any_page(page, site_paths):
    failures = []
    for path, status in pages_to_check(site_paths):
        problem = visit(page, path, status)
        if problem:
            failures.append(problem)
            continue
        violations = axe_violations(page)
        if violations:
            failures.append(format_violations(violations, where=path))
    assert not failures, "axe-core found WCAG 2.0/2.1/2.2 A/AA violations:\n" + "\n".join(failures)


# WCAG 1.4.10 Reflow. A 1280 CSS px wide window zoomed to 400% lays pages out in
# 1280 / 4 = 320 CSS px, exactly as a 320 px viewport at 100% does (browser zoom scales
# the CSS pixel, so media queries and layout see 320 px either way). This one check at
# 320 x 256 px (1280 x 1024 at 400%) is therefore the proof for 400% zoom as well.
REFLOW_VIEWPORT = {"width": 320, "height": 256}


def reflow_problems(page, path):
    problems = []
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if widths[0] > widths[1]:
        problems.append(
            f"{path}: scrolls sideways at 320 px (scrollWidth {widths[0]} > innerWidth {widths[1]})"
        )
    banner = page.get_by_role("banner")
    worried = banner.get_by_role("link", name="Worried about a child?")
    # Pages for young people speak to the young person.
    emergency = banner.get_by_text(
        re.compile(r"If (a child is in immediate danger|you are in danger now), call 999")
    )
    for name, locator in [('"Worried about a child?" link', worried), ("999 line", emergency)]:
        if locator.count() != 1 or not locator.is_visible():
            problems.append(f"{path}: the {name} is not visible in the header at 320 px")
            continue
        box = locator.bounding_box()
        if box["x"] < 0 or box["x"] + box["width"] > widths[1] + 0.5:
            problems.append(f"{path}: the {name} runs off the side of the screen ({box})")
    return problems


def test_every_page_reflows_at_320_css_pixels(page, site_paths):
    page.set_viewport_size(REFLOW_VIEWPORT)
    failures = []
    for path, status in pages_to_check(site_paths):
        problem = visit(page, path, status)
        if problem:
            failures.append(problem)
            continue
        failures.extend(reflow_problems(page, path))
    assert not failures, "Pages that do not reflow at 320 CSS px:\n" + "\n".join(failures)
