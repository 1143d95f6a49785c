"""Pytest plugin for browser tests: a served demo site, Debian Chromium and axe-core.

Loaded from the root conftest.py. Only tests that ask for `demo_site` (directly or
through `page`) start the server, so ordinary tests stay fast and never touch it.

- `demo_site` (session): the demo partnership, built by `migrate` and `load_demo` into
  a database of its own (a temporary SQLite file, or a throwaway PostgreSQL database
  next to the one DATABASE_URL names) and served by `runserver` on a free port.
  Yields the base URL, for example "http://127.0.0.1:41234".
- `browser` (session): Debian's Chromium through Playwright. Missing Chromium fails,
  it never skips: CI must not go green without running these tests.
- `page` (function): a page in a fresh browser context, so no cookies are shared.
- `demo_mail_dir` (function): the folder where the served site writes the mail it
  sends (Django's file backend), e.g. to follow an email verification link.

Helpers: `sitemap_paths`, `axe_violations` and `format_violations`.

For the quick-exit tests (quick-exit.md 3.0, H1–H3; see the "Quick exit" section):
- `demo_manage` (session): runs manage.py commands against the served site's database.
- `neutral_site` (session): the stub neutral site (quickexit/tests/neutral_stub.py).
- `exit_browser`, `exit_browser_bfcache` (session): Chromium that resolves the neutral
  hosts to the stub, with the back/forward cache off (Playwright's default) and on;
  `history_browser` runs a test with each.
- `exit_contexts` (function): a factory of contexts with EXIT_PROBE_SCRIPT installed;
  `exit_page`: one page in such a context.
- Helpers for the exit control, the real history (CDP) and paint reports.

Browser tests are marked `@pytest.mark.browser` and run after every other test:
Playwright's sync API keeps an asyncio loop running in the test thread while the
browser is open, and Django refuses ORM calls from such a thread.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import weakref
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent
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
SETTINGS_MODULE = "safeguarding.settings.test"
SERVER_START_TIMEOUT = 60  # seconds
SETUP_TIMEOUT = 600  # seconds, for migrate and load_demo each
LOG_TAIL = 12_000  # characters of the server log shown with a failure

_server_log_key = pytest.StashKey[Path]()
_kept_log_key = pytest.StashKey[str]()
_mail_dir_key = pytest.StashKey[Path]()
_server_env_key = pytest.StashKey[dict]()


# Ordering and reporting hooks ---------------------------------------------


def pytest_collection_modifyitems(config, items):
    """Run browser tests last, keeping the order of each group otherwise."""
    items[:] = sorted(items, key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the demo server's log to a failing test that used the server."""
    report = yield
    log_path = item.config.stash.get(_server_log_key, None)
    if (
        report.failed
        and call.when == "call"
        and log_path is not None
        and "demo_site" in item.fixturenames
    ):
        report.sections.append(("demo server log (tail)", _tail(log_path)))
    return report


def pytest_terminal_summary(terminalreporter, config):
    kept = config.stash.get(_kept_log_key, None)
    if kept:
        terminalreporter.write_line(f"Demo server log kept at {kept}")


# The demo site ------------------------------------------------------------


def _tail(path, limit=LOG_TAIL):
    try:
        text = Path(path).read_text(errors="replace")
    except OSError as error:
        return f"(no log: {error})"
    return text if len(text) <= limit else "[…]\n" + text[-limit:]


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _is_postgres(url):
    return urllib.parse.urlsplit(url).scheme in {"postgres", "postgresql", "pgsql"}


class _ThrowawayPostgres:
    """A database created beside the one in DATABASE_URL, and dropped afterwards."""

    def __init__(self, url):
        import dj_database_url

        self.source = dj_database_url.parse(url)
        base_name = self.source["NAME"] or "safeguarding"
        self.name = f"{base_name}_browser_{secrets.token_hex(4)}"
        parts = urllib.parse.urlsplit(url)
        self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.name))

    def _admin_connection(self):
        import psycopg

        return psycopg.connect(
            dbname="postgres",
            user=self.source["USER"] or None,
            password=self.source["PASSWORD"] or None,
            host=self.source["HOST"] or None,
            port=self.source["PORT"] or None,
            autocommit=True,
            connect_timeout=10,
        )

    def create(self):
        from psycopg import sql

        with self._admin_connection() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))

    def drop(self):
        from psycopg import sql

        with self._admin_connection() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.name))
            )


def _manage(args, env, log, timeout=SETUP_TIMEOUT):
    """Run one manage.py command for the demo site, its output going to the log."""
    log.write(f"\n$ manage.py {' '.join(args)}\n")
    log.flush()
    try:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return f"manage.py {' '.join(args)} did not finish within {timeout} s"
    if result.returncode:
        return f"manage.py {' '.join(args)} exited with {result.returncode}"
    return None


def _wait_until_serving(process, base_url, timeout=SERVER_START_TIMEOUT):
    """Return None once the server answers any HTTP request, else why it never did."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return f"the server exited with {process.returncode} before answering"
        try:
            with urllib.request.urlopen(base_url + "/robots.txt", timeout=5):
                return None
        except urllib.error.HTTPError:
            return None  # It answered, even if with an error page.
        except OSError:
            time.sleep(0.2)
    return f"the server did not answer at {base_url} within {timeout} s"


def _stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def demo_site(request):
    """Serve the demo site from its own database; yield its base URL."""
    workdir = Path(tempfile.mkdtemp(prefix="safeguarding-browser-"))
    # The log lives outside workdir: it is kept when anything failed.
    handle, log_name = tempfile.mkstemp(prefix="safeguarding-demo-server-", suffix=".log")
    os.close(handle)
    log_path = Path(log_name)
    request.config.stash[_server_log_key] = log_path
    request.config.stash[_mail_dir_key] = workdir / "mail"
    database_url = os.environ.get("DATABASE_URL", "")
    throwaway = _ThrowawayPostgres(database_url) if _is_postgres(database_url) else None
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DATABASE_URL": throwaway.url if throwaway else f"sqlite:///{workdir / 'demo.sqlite3'}",
        # The served site's mail goes to files here (safeguarding/settings/test.py).
        "TEST_EMAIL_DIR": str(workdir / "mail"),
        "WAGTAILADMIN_BASE_URL": base_url,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    request.config.stash[_server_env_key] = env
    process = None
    created = False
    served = False
    try:
        with open(log_path, "w") as log:
            if throwaway:
                throwaway.create()
                created = True
                log.write(f"PostgreSQL database {throwaway.name} created for the demo site\n")
            problem = _manage(["migrate", "--no-input", "-v", "0"], env, log) or _manage(
                ["load_demo"], env, log
            )
            if problem is None:
                args = ["runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"]
                log.write(f"\n$ manage.py {' '.join(args)}\n")
                log.flush()
                process = subprocess.Popen(
                    [sys.executable, "manage.py", *args],
                    cwd=BASE_DIR,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
                problem = _wait_until_serving(process, base_url)
        if problem:
            pytest.fail(
                f"The demo site could not be served: {problem}.\n"
                f"Log ({log_path}):\n{_tail(log_path)}",
                pytrace=False,
            )
        served = True
        yield base_url
        if process.poll() is not None:
            served = False  # Keep the log.
            pytest.fail(
                f"The demo server died during the tests (exit code {process.returncode}).\n"
                f"Log ({log_path}):\n{_tail(log_path)}",
                pytrace=False,
            )
    finally:
        try:
            if process is not None:
                _stop(process)
            if created:
                throwaway.drop()
        finally:
            del request.config.stash[_server_log_key]
            del request.config.stash[_server_env_key]
            if served and not request.session.testsfailed:
                log_path.unlink(missing_ok=True)
            else:
                request.config.stash[_kept_log_key] = str(log_path)
            shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def demo_mail_dir(demo_site, request):
    """The folder the served demo site writes its mail into, one file per message."""
    return request.config.stash[_mail_dir_key]


# The browser --------------------------------------------------------------


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
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, demo_site):
    """A page in a fresh context (no shared cookies), with the demo site as base URL."""
    context = browser.new_context(base_url=demo_site)
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


# Helpers ------------------------------------------------------------------


def sitemap_paths(base_url):
    """The paths of every URL listed in the site's /sitemap.xml, in order."""
    with urllib.request.urlopen(base_url.rstrip("/") + "/sitemap.xml", timeout=15) as response:
        tree = ET.parse(response)
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    paths = []
    for loc in tree.getroot().iter(f"{namespace}loc"):
        path = urllib.parse.urlsplit((loc.text or "").strip()).path or "/"
        if path not in paths:
            paths.append(path)
    return paths


_axe_source = None


def _axe_script():
    global _axe_source
    if _axe_source is None:
        import axe_playwright_python

        path = Path(axe_playwright_python.__file__).with_name("axe.min.js")
        _axe_source = path.read_text(encoding="utf-8")
    return _axe_source


def axe_violations(page, tags=WCAG_TAGS):
    """Run axe-core on the page as it is now and return its violations.

    axe is injected with `page.evaluate`, which the page's Content-Security-Policy
    does not govern (a script tag would need 'unsafe-inline' or a nonce).
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_script())
    results = page.evaluate(
        """(tags) => axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        list(tags),
    )
    return results["violations"]


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


# Quick exit ---------------------------------------------------------------
#
# quick-exit.md section 3.0. H1: a stub "neutral site" on a second origin (see
# quickexit/tests/neutral_stub.py), reached through the real, validated default
# destination https://www.bbc.co.uk/weather because the quick-exit browsers map that
# host onto the stub. H2: history read through CDP. H3: Chromium with Playwright's
# default switches (no back/forward cache, no popup blocking) and without them.

BFCACHE_BLOCKING_ARGS = ["--disable-back-forward-cache", "--disable-popup-blocking"]
EXIT_TIMEOUT = 10_000  # ms, Playwright's default timeout in quick-exit contexts

# Installed in every quick-exit context before any page script runs. It records, in
# order, in window.__qxTest.log:
# - calls of setTimeout, setInterval, fetch, XMLHttpRequest.send, sendBeacon and open;
# - "navigate:<type>:<url>" when the page starts a navigation to another document
#   (history.replaceState is left out). location.replace itself
#   cannot be wrapped (it is [LegacyUnforgeable]), but the Navigation API's `navigate`
#   event fires synchronously inside it, so this entry marks the moment of the call;
# - "input:<type>#<n>" when a click or key event starts, and "task-after:<type>#<n>"
#   from a task queued at that moment, so "in the same task" can be checked.
# With window.__qxTest.freeze set, a navigation to another origin is cancelled in its
# `navigate` event: the page stays exactly as the exit routine left it, as it would
# while a neutral site hangs, and can be inspected (see freeze_exit).
# It also reports, through console.debug("qx-probe …"), the state of <html> at the
# first animation frame of every document and of every back/forward cache restore:
# what would be painted (see PaintWatch).
EXIT_PROBE_SCRIPT = r"""
(() => {
  const state = window.__qxTest = {log: [], freeze: false};
  const note = (entry) => state.log.push(entry);
  const raf = window.requestAnimationFrame.bind(window);
  const report = (what) => {
    let flag = null;
    try { flag = sessionStorage.getItem("qx"); } catch (error) { flag = "unreadable"; }
    const root = document.documentElement;
    console.debug("qx-probe " + JSON.stringify({
      what, url: location.href, flag,
      display: root ? getComputedStyle(root).display : null,
      visibility: root ? getComputedStyle(root).visibility : null,
    }));
  };
  raf(() => report("first-frame"));
  addEventListener("pageshow", (event) => {
    if (event.persisted) { report("restored"); raf(() => report("restored-frame")); }
  });

  const wrap = (owner, name, label) => {
    const original = owner && owner[name];
    if (typeof original !== "function") { return; }
    owner[name] = function (...args) { note(label); return original.apply(this, args); };
  };
  wrap(window, "setTimeout", "setTimeout");
  wrap(window, "setInterval", "setInterval");
  wrap(window, "fetch", "fetch");
  wrap(window, "open", "open");
  wrap(Navigator.prototype, "sendBeacon", "sendBeacon");
  wrap(XMLHttpRequest.prototype, "send", "xhr");

  if (window.navigation) {
    navigation.addEventListener("navigate", (event) => {
      // history.replaceState (the exit script stamps each entry) is not a navigation
      // away from the page.
      if (event.destination.sameDocument && !event.hashChange) { return; }
      note(`navigate:${event.navigationType}:${event.destination.url}`);
      const elsewhere = new URL(event.destination.url).origin !== location.origin;
      if (state.freeze && elsewhere && event.cancelable) { event.preventDefault(); }
    });
  }

  const channel = new MessageChannel();
  channel.port1.onmessage = (message) => note(`task-after:${message.data}`);
  let inputs = 0;
  for (const type of ["click", "keydown", "keyup"]) {
    addEventListener(type, () => {
      inputs += 1;
      note(`input:${type}#${inputs}`);
      channel.port2.postMessage(`${type}#${inputs}`);
    }, true);
  }
})();
"""


@pytest.fixture(scope="session")
def demo_manage(demo_site, request):
    """Run a manage.py command against the served demo site's database.

    Returns a function: `demo_manage("shell", "-c", code)` gives the command's output
    and fails the test when the command fails.
    """
    env = request.config.stash[_server_env_key]

    def manage(*args, timeout=120):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            pytest.fail(
                f"manage.py {' '.join(args)} exited with {result.returncode}:\n"
                f"{result.stdout[-LOG_TAIL:]}\n{result.stderr[-LOG_TAIL:]}",
                pytrace=False,
            )
        return result.stdout

    return manage


@pytest.fixture(scope="session")
def neutral_site():
    """The stub neutral site (quickexit/tests/neutral_stub.py), for the whole session."""
    from quickexit.tests.neutral_stub import serve_neutral_stub

    with serve_neutral_stub() as stub:
        yield stub


def _launch_exit_browser(browser, stub, bfcache):
    from quickexit.tests.neutral_stub import host_resolver_rules

    options = {"ignore_default_args": BFCACHE_BLOCKING_ARGS} if bfcache else {}
    return browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[*CHROMIUM_ARGS, host_resolver_rules(stub.port), "--ignore-certificate-errors"],
        **options,
    )


@pytest.fixture(scope="session")
def exit_browser(browser, neutral_site):
    """Chromium with Playwright's defaults (no back/forward cache), neutral hosts on the stub."""
    chromium = _launch_exit_browser(browser, neutral_site, bfcache=False)
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(scope="session")
def exit_browser_bfcache(browser, neutral_site):
    """The same, launched without Playwright's switches that turn off the back/forward
    cache and popup blocking (H3): as a visitor's Chromium behaves."""
    chromium = _launch_exit_browser(browser, neutral_site, bfcache=True)
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(params=["bfcache-off", "bfcache-on"])
def history_browser(request):
    """Each history test runs twice (H3): bfcache off (Playwright's default), then on."""
    name = "exit_browser_bfcache" if request.param == "bfcache-on" else "exit_browser"
    return request.getfixturevalue(name)


@pytest.fixture
def exit_contexts(demo_site):
    """Open browser contexts for quick-exit tests; all are closed after the test.

    `exit_contexts(chromium, probe=True, **context_options)` returns a new context with
    the demo site as base URL, certificate errors ignored (the stub's certificate is
    self-signed) and, unless probe=False, EXIT_PROBE_SCRIPT installed.
    """
    contexts = []

    def new_context(chromium, probe=True, **options):
        context = chromium.new_context(
            **{"base_url": demo_site, "ignore_https_errors": True, **options}
        )
        context.set_default_timeout(EXIT_TIMEOUT)
        if probe:
            context.add_init_script(EXIT_PROBE_SCRIPT)
        contexts.append(context)
        return context

    yield new_context
    for context in contexts:
        context.close()


@pytest.fixture
def exit_page(exit_browser, exit_contexts):
    """A page in a fresh quick-exit context (bfcache off), probe installed."""
    return exit_contexts(exit_browser).new_page()


# Quick-exit helpers ---------------------------------------------------------

EXIT_CONTROL = "[data-quick-exit-control]"


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


def freeze_exit(page):
    """From now on, cancel this page's navigations to other origins (see EXIT_PROBE_SCRIPT)."""
    page.evaluate("window.__qxTest.freeze = true")


def exit_log(page):
    return page.evaluate("window.__qxTest.log")


def clear_exit_log(page):
    page.evaluate("window.__qxTest.log.length = 0")


def navigations(log):
    """The navigations a page started, from its exit log: [(type, url)]."""
    return [tuple(entry.split(":", 2)[1:]) for entry in log if entry.startswith("navigate:")]


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
