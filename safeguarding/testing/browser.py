"""Pytest plugin: Debian Chromium through Playwright, and axe-core, for browser tests.

Loaded from the root conftest.py, beside `safeguarding.testing.demo_server`, which
serves the site these pages open.

- `browser` (session): Debian's Chromium through Playwright. Missing Chromium fails,
  it never skips: CI must not go green without running these tests.
- `page` (function): a page in a fresh browser context (no cookies shared), with the
  demo site as base URL.
- `launch_chromium`: the same Chromium with extra switches or launch options, for
  tests that need a browser of their own (the quick-exit tests do).
- `sign_in`: through the site's sign-in form, with an authenticator code if asked.
- `axe_violations` and `format_violations`: axe-core's WCAG 2.2 AA check of a page.

Browser tests are marked `@pytest.mark.browser` and run after every other test:
Playwright's sync API keeps an asyncio loop running in the test thread while the
browser is open, and Django refuses ORM calls from such a thread.
"""

import os
from contextlib import contextmanager

import pytest

CHROMIUM = "/usr/bin/chromium"
# The network is closed: without the background-networking flags Chromium keeps
# trying to reach Google's services and floods the log with refused connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
PAGE_TIMEOUT = 15_000  # ms


def pytest_collection_modifyitems(config, items):
    """Run browser tests last, keeping the order of each group otherwise."""
    items[:] = sorted(items, key=lambda item: item.get_closest_marker("browser") is not None)


def launch_chromium(browser_type, extra_args=(), **options):
    """Launch Debian's Chromium, headless, with the harness's switches and `extra_args`."""
    return browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *extra_args], headless=True, **options
    )


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, for the whole session."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"{CHROMIUM} is missing, so the browser tests cannot run. "
            "Run `make test`, which installs Debian's chromium package.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread while the
    # browser is open; say that Django ORM calls from here are deliberate.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = launch_chromium(playwright.chromium)
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@contextmanager
def fresh_page(browser, base_url):
    """A page in a context of its own (no shared cookies), closed afterwards."""
    context = browser.new_context(base_url=base_url)
    context.set_default_timeout(PAGE_TIMEOUT)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser, demo_site):
    """A page in a fresh context (no shared cookies), with the demo site as base URL."""
    with fresh_page(browser, demo_site) as page:
        yield page


def sign_in(page, address, password, code=None):
    """Sign in through the site's form; `code` answers the authenticator step if asked."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(address)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if code:
        page.get_by_label("Code").fill(code)
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def axe_violations(page, tags=WCAG_TAGS):
    """Run axe-core on the page as it is now and return its violations.

    axe-core comes through axe-playwright-python's public API (`Axe`), whose version,
    and so axe-core's, requirements.lock pins. `Axe.run` injects it with
    `page.evaluate`, which the page's Content-Security-Policy does not govern (a
    script tag would need 'unsafe-inline' or a nonce).
    """
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def format_violations(violations, where=""):
    """Readable lines: rule id, impact, help, and the selectors of each failing node."""
    lines = []
    for violation in violations:
        lines.append(
            f"{where}{' ' if where else ''}[{violation.get('impact') or 'n/a'}] "
            f"{violation['id']}: {violation['help']} ({violation.get('helpUrl', '')})"
        )
        for node in violation.get("nodes", []):
            target = " ".join(str(part) for part in node.get("target", []))
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", " ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)
