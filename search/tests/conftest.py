import pytest

from safeguarding.testing.browser import fresh_page, launch_chromium
from search.tests.test_search import BODY_WORD, MEMBER_TITLE, OTHER_TITLE, restrict, standard_page


@pytest.fixture(scope="session")
def browser_with_bfcache(browser):
    """Chromium as a visitor's behaves: without Playwright's switch that turns off the
    back/forward cache."""
    chromium = launch_chromium(
        browser.browser_type, ignore_default_args=["--disable-back-forward-cache"]
    )
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture
def page_with_bfcache(browser_with_bfcache, demo_site):
    with fresh_page(browser_with_bfcache, demo_site) as page:
        yield page


@pytest.fixture
def group_pages(home_page, partnership, practitioners, other_group):
    """Two pages holding the same word in their body: one for each partnership's group."""
    text = f"Notes on {BODY_WORD} for partner agencies."
    mine = standard_page(home_page, MEMBER_TITLE, "review-a", text)
    theirs = standard_page(home_page, OTHER_TITLE, "review-b", text)
    return restrict(mine, practitioners), restrict(theirs, other_group)
