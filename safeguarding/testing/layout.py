"""Checks that a page is in the site layout: for HTTP tests of pages the site answers
outside Wagtail's page tree (errors, refusals, account pages)."""


def assert_in_site_layout(html):
    """The page has the skip link, the exit control, the 999 line and one main."""
    assert 'class="skip-link" href="#main-content"' in html, "no skip link"
    assert "data-quick-exit-control" in html, "no exit control"
    assert "If a child is in immediate danger, call" in html, "no 999 line"
    assert html.count("<main") == 1, "not exactly one main"
    assert html.count("<h1") == 1, "not exactly one heading"
