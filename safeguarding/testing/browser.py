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

Helpers: `sitemap_paths`, `axe_violations` and `format_violations`.

Browser tests are marked `@pytest.mark.browser` and run after every other test:
Playwright's sync API keeps an asyncio loop running in the test thread while the
browser is open, and Django refuses ORM calls from such a thread.
"""

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
    database_url = os.environ.get("DATABASE_URL", "")
    throwaway = _ThrowawayPostgres(database_url) if _is_postgres(database_url) else None
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DATABASE_URL": throwaway.url if throwaway else f"sqlite:///{workdir / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "WAGTAILADMIN_BASE_URL": base_url,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
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
            if served and not request.session.testsfailed:
                log_path.unlink(missing_ok=True)
            else:
                request.config.stash[_kept_log_key] = str(log_path)
            shutil.rmtree(workdir, ignore_errors=True)


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
