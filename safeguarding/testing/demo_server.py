"""Pytest plugin: the demo site, built and served in a subprocess for browser tests.

Loaded from the root conftest.py. Only tests that ask for `demo_site` (directly or
through `page`) start the server, so ordinary tests stay fast and never touch it.

- `demo_site` (session): the demo partnership, built by `migrate` and `load_demo` into
  a database of its own (a temporary SQLite file, or a throwaway PostgreSQL database
  next to the one DATABASE_URL names) and served by `runserver` on a free port.
  Yields the base URL, for example "http://127.0.0.1:41234".
- `demo_manage` (session): runs manage.py commands against the served site's database.
- `demo_mail_dir` (function): the folder where the served site writes the mail it
  sends (Django's file backend), e.g. to follow an email verification link.

Every manage.py command, here and in tests that start a site of their own, goes
through `manage()`; `finished()` waits for one that should end, `run_command()` runs one
to the end and returns its output. Other helpers:
`wait_until_serving`, `tail` and `sitemap_paths`, and from deploy.stack, `free_port` and `stop`.
"""

import os
import secrets
import shutil
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

from deploy.stack import free_port, stop

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SETTINGS_MODULE = "safeguarding.settings.test"
SERVER_START_TIMEOUT = 60  # seconds
SETUP_TIMEOUT = 600  # seconds, for migrate and load_demo each
COMMAND_TIMEOUT = 120  # seconds, for a command a test runs
LOG_TAIL = 12_000  # characters of the server log shown with a failure

_server_log_key = pytest.StashKey[Path]()
_kept_log_key = pytest.StashKey[str]()
_mail_dir_key = pytest.StashKey[Path]()
_server_env_key = pytest.StashKey[dict]()


# Reporting hooks ------------------------------------------------------------


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
        report.sections.append(("demo server log (tail)", tail(log_path)))
    return report


def pytest_terminal_summary(terminalreporter, config):
    kept = config.stash.get(_kept_log_key, None)
    if kept:
        terminalreporter.write_line(f"Demo server log kept at {kept}")


# Running manage.py ------------------------------------------------------------


def manage(args, env, stdout, stderr=subprocess.STDOUT):
    """Start `manage.py *args` in the project with `env`; return the process.

    `stdout` is an open log file (a line naming the command is written to it first)
    or subprocess.PIPE; stderr joins it unless given.
    """
    if stdout is not subprocess.PIPE:
        stdout.write(f"\n$ manage.py {' '.join(args)}\n")
        stdout.flush()
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        text=True,
    )


def finished(process, timeout=SETUP_TIMEOUT):
    """Wait for a manage.py command; return None if it succeeded, else what went wrong."""
    command = " ".join(process.args[1:])
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop(process)
        return f"{command} did not finish within {timeout} s"
    if process.returncode:
        return f"{command} exited with {process.returncode}"
    return None


def run_command(args, env, timeout=COMMAND_TIMEOUT):
    """Run `manage.py *args` to the end and return its output; fail the test if it fails."""
    process = manage(args, env, subprocess.PIPE, subprocess.PIPE)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop(process)
        pytest.fail(f"manage.py {' '.join(args)} did not finish within {timeout} s")
    if process.returncode:
        pytest.fail(
            f"manage.py {' '.join(args)} exited with {process.returncode}:\n"
            f"{stdout[-LOG_TAIL:]}\n{stderr[-LOG_TAIL:]}",
            pytrace=False,
        )
    return stdout


def tail(path, limit=LOG_TAIL):
    try:
        text = Path(path).read_text(errors="replace")
    except OSError as error:
        return f"(no log: {error})"
    return text if len(text) <= limit else "[…]\n" + text[-limit:]


def wait_until_serving(process, base_url, timeout=SERVER_START_TIMEOUT):
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


# The demo site's database -------------------------------------------------------


def is_postgres(url):
    return urllib.parse.urlsplit(url).scheme in {"postgres", "postgresql", "pgsql"}


MAX_BASE_NAME = 40  # of a throwaway database's name: 40 + 17 stays under PostgreSQL's 63


class ThrowawayPostgres:
    """A database created beside the one in DATABASE_URL, and dropped afterwards."""

    def __init__(self, url):
        import dj_database_url

        self.source_url = url
        self.source = dj_database_url.parse(url)
        base_name = self.source["NAME"] or "safeguarding"
        # PostgreSQL cuts names at 63 bytes: cut the base, never the random part.
        self.name = f"{base_name[:MAX_BASE_NAME]}_browser_{secrets.token_hex(4)}"
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

    def create(self, template=None):
        """Create the database, empty or as a copy of the database named `template`."""
        from psycopg import sql

        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        with self._admin_connection() as conn:
            conn.execute(statement)

    def drop(self):
        from psycopg import sql

        with self._admin_connection() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.name))
            )


# Fixtures -----------------------------------------------------------------------


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
    throwaway = ThrowawayPostgres(database_url) if is_postgres(database_url) else None
    port = free_port()
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
            problem = finished(manage(["migrate", "--no-input", "-v", "0"], env, log)) or finished(
                manage(["load_demo"], env, log)
            )
            if problem is None:
                runserver = ["runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"]
                process = manage(runserver, env, log)
                problem = wait_until_serving(process, base_url)
        if problem:
            pytest.fail(
                f"The demo site could not be served: {problem}.\n"
                f"Log ({log_path}):\n{tail(log_path)}",
                pytrace=False,
            )
        served = True
        yield base_url
        if process.poll() is not None:
            served = False  # Keep the log.
            pytest.fail(
                f"The demo server died during the tests (exit code {process.returncode}).\n"
                f"Log ({log_path}):\n{tail(log_path)}",
                pytrace=False,
            )
    finally:
        try:
            if process is not None:
                stop(process)
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


@pytest.fixture(scope="session")
def demo_manage(demo_site, request):
    """Run a manage.py command against the served demo site's database.

    Returns a function: `demo_manage("shell", "-c", code)` gives the command's output
    and fails the test when the command fails.
    """
    env = request.config.stash[_server_env_key]

    def run(*args, timeout=COMMAND_TIMEOUT):
        return run_command(args, env, timeout)

    return run


@pytest.fixture
def demo_mail_dir(demo_site, request):
    """The folder the served demo site writes its mail into, one file per message."""
    return request.config.stash[_mail_dir_key]
