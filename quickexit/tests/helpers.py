"""Helpers shared by the quick-exit browser tests (REQUIREMENTS.md, H1–H5).

The fixtures (the neutral stub, the quick-exit browsers and contexts) are in
conftest.py; this module holds what tests call:

- the pages under test (H5) and the neutral destination the stub stands for (H1);
- the probe (exit_probe.js, installed in every quick-exit context) and its readers:
  `exit_log`, `navigations`, `freeze_exit`, `PaintWatch`;
- the real history through CDP (H2): `navigation_history`, `history_back`,
  `wait_for_history`, `wait_for_document`;
- ways to trigger an exit and to check that one happened, or did not.
"""

import functools
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import weakref
from pathlib import Path

from quickexit.messages import MESSAGES

PROBE_SCRIPT_PATH = Path(__file__).with_name("exit_probe.js")

# The neutral site (H1): the quick-exit browsers resolve these hosts to the stub.
DEFAULT_HOST = "www.bbc.co.uk"
OTHER_HOST = "neutral.example.net"  # a destination an editor might save instead
STUB_HOSTS = (DEFAULT_HOST, OTHER_HOST)
NEUTRAL = f"https://{DEFAULT_HOST}/weather"  # the default destination (quickexit.models)
NEUTRAL_TITLE = "Neutral"

EXIT_CONTROL = "[data-quick-exit-control]"
CONTROL_NAME = f"{MESSAGES['hidden_prefix']} {MESSAGES['label']}"
FLAG_KEY = "qx"

# Pages (H5).
HOME = "/"
SECTION = "/practitioners/"
ARTICLE = "/practitioners/child-trafficking/"
NOT_FOUND = "/no-such-page/"
# Served only with ROOT_URLCONF = "safeguarding.testing.urls" in the test settings.
SERVER_ERROR = "/__test__/server-error/"
# Pages the server renders, with the status each must answer.
SERVER_PAGES = [(HOME, 200), (ARTICLE, 200), (NOT_FOUND, 404), (SERVER_ERROR, 500)]

INJECT_FORM = """() => {
  const form = document.createElement("form");
  form.setAttribute("data-test-form", "");
  form.innerHTML = '<label for="qx-name">Your name</label> <input id="qx-name" type="text">' +
    '<label for="qx-message">Message</label> <textarea id="qx-message"></textarea>' +
    '<button type="button">Send</button>';
  document.querySelector("main").prepend(form);
}"""
INJECT_OPEN_DIALOG = """() => {
  const dialog = document.createElement("dialog");
  dialog.setAttribute("open", "");
  dialog.innerHTML = "<p>A dialog</p><button type='button'>Close</button>";
  document.body.append(dialog);
}"""


@functools.cache
def probe_script():
    """The probe's source, read from exit_probe.js."""
    return PROBE_SCRIPT_PATH.read_text(encoding="utf-8")


def site_url(base, path):
    return urllib.parse.urljoin(base, path)


@functools.cache
def server_error_status(base_url):
    """The status the served site answers for the deliberate-error page."""
    try:
        with urllib.request.urlopen(site_url(base_url, SERVER_ERROR), timeout=15) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def served(pages, base_url):
    """`pages` without the 500 page while the served site cannot produce it.

    Its absence fails test_h5_the_500_page_is_served, once, with the fix, rather than
    every loop over the pages.
    """
    if server_error_status(base_url) == 500:
        return pages
    return [entry for entry in pages if SERVER_ERROR not in entry]


def open_page(page, path, status, inject=None):
    """Open a page under test; return a problem to report, or None."""
    response = page.goto(path)
    got = response.status if response else None
    if got != status:
        return f"{path}: HTTP {got}, expected {status}"
    for script in [inject] if isinstance(inject, str) else inject or []:
        page.evaluate(script)
    return None


def control(page):
    """The exit controls by their accessible name, whether exposed as button or link."""
    return page.get_by_role("button", name=CONTROL_NAME, exact=True).or_(
        page.get_by_role("link", name=CONTROL_NAME, exact=True)
    )


def flag(page):
    return page.evaluate(f"sessionStorage.getItem('{FLAG_KEY}')")


# Triggers ---------------------------------------------------------------------


def control_centre(page, index=0):
    """The viewport coordinates of the centre of an exit control."""
    box = page.locator(EXIT_CONTROL).nth(index).bounding_box()
    assert box, "The exit control has no box on screen"
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def click_control(page, index=0):
    """A real mouse click on the exit control. Unlike locator.click it does not wait
    for the navigation it starts, so it also works while the exit is frozen."""
    page.mouse.click(*control_centre(page, index))


def press_shift(page, times=3, key="Shift"):
    for _ in range(times):
        page.keyboard.press(key)


# The probe --------------------------------------------------------------------


def freeze_exit(page):
    """From now on, cancel this page's navigations to other origins (see exit_probe.js)."""
    page.evaluate("window.__qxTest.freeze = true")


def exit_log(page):
    return page.evaluate("window.__qxTest.log")


def clear_exit_log(page):
    page.evaluate("window.__qxTest.log.length = 0")


def navigations(log):
    """The navigations a page started, from its exit log: [(type, url)]."""
    return [tuple(entry.split(":", 2)[1:]) for entry in log if entry.startswith("navigate:")]


def wait_until(condition, timeout=5.0, interval=0.01, page=None):
    """Poll `condition()` until it returns something truthy; return that, or the last
    value once `timeout` seconds have passed.

    Pass `page` when the condition depends on Playwright events (such as PaintWatch
    reports): the sync API delivers events only while it is called, so the wait then
    goes through Playwright instead of time.sleep.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() >= deadline:
            return value
        if page is None:
            time.sleep(interval)
        else:
            page.wait_for_timeout(interval * 1000)


# The real history (H2) ------------------------------------------------------------

_cdp_sessions = weakref.WeakKeyDictionary()


def cdp_session(page):
    """One CDP session per page, kept for the page's life.

    A session follows the tab across navigations, process swaps and back/forward cache
    restores. Detaching one waits for any pending navigation to commit, so sessions
    are never detached here; they close with their context.
    """
    session = _cdp_sessions.get(page)
    if session is None:
        session = _cdp_sessions[page] = page.context.new_cdp_session(page)
    return session


def cdp_send(page, method, params=None, attempts=50):
    """Send a CDP command, retrying while the tab is between two documents."""
    for attempt in range(attempts):
        try:
            return cdp_session(page).send(method, params or {})
        except Exception as error:  # "Not attached to an active page" during a swap
            if attempt == attempts - 1 or "attached" not in str(error):
                raise
            time.sleep(0.02)


def navigation_history(page):
    """The tab's real back/forward list through CDP (H2): (current index, [(url, title)]).

    The about:blank entry a new tab starts with is left out.
    """
    history = cdp_send(page, "Page.getNavigationHistory")
    entries = [(entry["url"], entry["title"]) for entry in history["entries"]]
    skip = 0
    while skip < len(entries) - 1 and entries[skip][0] == "about:blank":
        skip += 1
    return history["currentIndex"] - skip, entries[skip:]


def history_back(page):
    """history.back() from the page, as H3 asks (not page.go_back)."""
    try:
        page.evaluate("history.back()")
    except Exception as error:  # The page may already be navigating away.
        if "destroyed" not in str(error) and "navigat" not in str(error):
            raise


def wait_for_history(page, index, url, timeout=5.0):
    """Wait until the tab's current entry is `index` and shows `url`; return the history."""
    history = wait_until(
        lambda: (lambda h: h if h[0] == index and h[1][index][0] == url else None)(
            navigation_history(page)
        ),
        timeout,
    )
    return history or navigation_history(page)


def wait_for_document(page, url, timeout=5.0):
    """Wait until the page's document is `url` and has loaded (read through CDP, H2)."""

    def loaded():
        try:
            result = cdp_send(
                page,
                "Runtime.evaluate",
                {"expression": "[location.href, document.readyState]", "returnByValue": True},
            )
        except Exception:
            return None
        value = result.get("result", {}).get("value")
        return value if value == [url, "complete"] else None

    return wait_until(loaded, timeout, interval=0.02)


class PaintWatch:
    """Collects the probe's reports ("qx-probe …") for one page through CDP.

    A CDP session keeps receiving console messages across navigations and back/forward
    cache restores, which Playwright's own page events do not (PW-41872).
    """

    def __init__(self, page):
        self.reports = []
        self.session = cdp_session(page)
        self.session.on("Runtime.consoleAPICalled", self._on_console)
        self.session.send("Runtime.enable")

    def _on_console(self, event):
        args = event.get("args") or []
        text = args[0].get("value") if args else None
        if isinstance(text, str) and text.startswith("qx-probe "):
            self.reports.append(json.loads(text.removeprefix("qx-probe ")))

    def mark(self):
        return len(self.reports)

    def since(self, mark):
        return list(self.reports[mark:])


# Did it exit? -----------------------------------------------------------------------


def wait_for_exit(page, stub, mark, how, destination=NEUTRAL):
    """Wait for an exit started after `mark`: the stub serves the tab one page.

    Returns the stub's page requests since `mark` (exactly one is asserted).
    """
    pages = stub.wait_for_pages(mark, 1)
    assert pages, f"{how}: the neutral site received no request"
    assert wait_for_document(page, destination), (
        f"{how}: the tab did not end on {destination}; history: {navigation_history(page)}"
    )
    pages = stub.pages_since(mark)
    assert len(pages) == 1, f"{how}: the neutral site received {len(pages)} requests: {pages}"
    return pages


def assert_no_exit(page, stub, mark, how):
    """Nothing started an exit: no navigation, no flag, the title intact, no request."""
    started = navigations(exit_log(page))
    assert not started, f"{how}: the page navigated: {started}"
    assert flag(page) is None, f"{how}: the exit flag was set"
    assert page.title(), f"{how}: the title was blanked"
    assert not stub.pages_since(mark), f"{how}: the neutral site was requested"
