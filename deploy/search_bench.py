"""The search section of `make bench`: the search view on a full-size library, on PostgreSQL.

It makes a PostgreSQL database of its own, on the server DATABASE_URL names when that is
PostgreSQL, else on 127.0.0.1:5432 as user postgres, and drops it at the end; with no
PostgreSQL there, the section is skipped and says so. Into that database go the demo and
the search corpus (`manage.py load_search_corpus`: 10,000 articles on four sites and 2,000
documents with text, one in ten restricted), under production settings. Then each of
QUERIES is posted to the search view ROUNDS times (after one round to warm up), one request
at a time, by an anonymous visitor and by a practitioner approved into the group of the
default site's restricted material, and the table shows the median and 95th percentile.

The searches go over HTTP straight to gunicorn, like the page section's "1 conn" way: a
search is posted and never cached, so Varnish would only pass it on, and one request at a
time measures one visitor's wait, which is what the target (p95 under TARGET_P95_MS) is
about. Varnish, the worker and the scheduler are not started.

    python -m deploy.bench --search-only [--search-rounds 10]
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql

from deploy.stack import BASE_DIR, Stack, production_environment

# Typical searches by practitioners and parents, a misspelling among them ("trafficing",
# "safegaurding") and the abbreviations areas use.
QUERIES = [
    "neglect",
    "county lines",
    "MASH",
    "trafficing",
    "child sexual exploitation",
    "early help",
    "LADO",
    "domestic abuse",
    "private fostering",
    "female genital mutilation",
    "self-harm",
    "radicalisation",
    "missing from home",
    "bruising",
    "modern slavery",
    "referral",
    "strategy meeting",
    "designated safeguarding lead",
    "safegaurding",
    "online grooming",
]
ROUNDS = 10
TARGET_P95_MS = 150
LOCAL_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
CONNECT_TIMEOUT = 5  # seconds
COMMAND_TIMEOUT = 1800  # seconds for each set-up command: the corpus takes minutes
REQUEST_TIMEOUT = 30

# A practitioner approved into the default site's corpus group, signed in: the session
# cookie, printed by `manage.py shell`. Made here, as an approver and a sign-in would make it.
PRACTITIONER_SESSION = """
import datetime
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from accounts import approval
user = get_user_model().objects.create_user(
    username="bench@school.example", email="bench@school.example", organisation="Bench Primary"
)
group = Group.objects.filter(name__endswith="(search corpus)").order_by("pk").first()
approval.approve(user, group, datetime.timedelta(days=1), notify=False)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
"""


def postgresql_server():
    """The URL of the PostgreSQL server to make the database on: DATABASE_URL's, or local."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else LOCAL_SERVER


def with_database(url, name):
    return urllib.parse.urlsplit(url)._replace(path=f"/{name}").geturl()


def maintenance_connection(server):
    return psycopg.connect(
        with_database(server, "postgres"), autocommit=True, connect_timeout=CONNECT_TIMEOUT
    )


@contextmanager
def bench_database(server):
    """A new, empty database on `server` for this run (its URL), dropped afterwards."""
    name = f"safeguarding_search_bench_{os.getpid()}"
    with maintenance_connection(server) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield with_database(server, name)
    finally:
        with maintenance_connection(server) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def manage(args, env, log, capture=False):
    """Run `manage.py *args` to the end; its output to the log, or returned when `capture`."""
    log.write(f"\n$ manage.py {' '.join(args[:1])}\n")
    log.flush()
    completed = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, timeout=COMMAND_TIMEOUT,
        stdout=subprocess.PIPE if capture else log, stderr=log, text=True, check=False,
    )  # fmt: skip
    if completed.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed: see {log.name}")
    return completed.stdout


def prepare_corpus(env, log):
    """The demo and the corpus, with every queued task (index updates, document text) run."""
    for args in (
        ["migrate", "--no-input", "-v", "0"],
        ["collectstatic", "--no-input", "-v", "0"],
        ["load_demo"],
        ["load_search_corpus"],
        ["run_worker", "--batch", "--no-reload", "--no-startup-delay", "--queue-name", "*"],
    ):
        print(f"  manage.py {args[0]} ...", flush=True)
        manage(args, env, log)
    return manage(["shell", "-c", PRACTITIONER_SESSION], env, log, capture=True).split()[-1]


def open_url(url, cookie="", data=None):
    headers = {"Accept-Encoding": "gzip", **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, data=data, headers=headers)
    return urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT)


def signed_in(app_url, cookie):
    """Whether the cookie's session is signed in: the profile page answers, not the login."""
    with open_url(app_url + "/accounts/profile/", cookie) as response:
        return not urllib.parse.urlsplit(response.url).path.startswith("/accounts/login")


def search_ms(app_url, query, cookie):
    """The time, in milliseconds, for the search view to answer one search in full."""
    data = urllib.parse.urlencode({"query": query}).encode()
    started = time.perf_counter()
    with open_url(app_url + "/search/", cookie, data) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"search for {query!r} answered {response.status}")
    return (time.perf_counter() - started) * 1000


def measure(app_url, visitors, rounds):
    """{(visitor, query): [ms, ...]}: a round to warm up, then `rounds` rounds measured."""
    times = {}
    for round_number in range(rounds + 1):
        print(f"  search round {round_number}/{rounds}", flush=True)
        for visitor, cookie in visitors.items():
            for query in QUERIES:
                elapsed = search_ms(app_url, query, cookie)
                if round_number:
                    times.setdefault((visitor, query), []).append(elapsed)
    return times


def p95(samples):
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def samples_of(times, visitor, query=None):
    """One query's times for the visitor, or all of the visitor's times."""
    return [
        ms for (who, asked), values in times.items() if who == visitor and query in (None, asked)
        for ms in values
    ]  # fmt: skip


def report(times, visitors):
    lines = [f"{'query':30}" + "".join(f" {visitor:>14} p50 {'p95':>7}" for visitor in visitors)]
    for query in [*QUERIES, None]:
        cells = [
            f" {statistics.median(samples):18.1f} {p95(samples):7.1f}"
            for samples in (samples_of(times, visitor, query) for visitor in visitors)
        ]
        lines.append(f"{query or f'all {len(QUERIES)} queries':30}" + "".join(cells))
    overall = {visitor: p95(samples_of(times, visitor)) for visitor in visitors}
    verdict = "met" if max(overall.values()) < TARGET_P95_MS else "MISSED"
    worst = ", ".join(f"{visitor} {ms:.0f} ms" for visitor, ms in overall.items())
    lines.append(f"search p95 target {TARGET_P95_MS} ms: {verdict} ({worst})")
    return "\n".join(lines)


def run(rounds=ROUNDS):
    """The section's table, or why it was skipped."""
    server = postgresql_server()
    try:
        maintenance_connection(server).close()
    except psycopg.OperationalError:
        return (
            "Search section skipped: it needs PostgreSQL, from DATABASE_URL or on "
            "127.0.0.1:5432 (user postgres), and none answered."
        )
    folder = Path(tempfile.mkdtemp(prefix="safeguarding-search-bench-"))
    log_path = folder.with_suffix(".log")
    stack = None
    try:
        with open(log_path, "w") as log, bench_database(server) as database_url:
            print(f"Preparing the search corpus on PostgreSQL (log: {log_path}) ...", flush=True)
            env = production_environment(folder, database_url)
            env.pop("REDIS_URL", None)
            cookie = prepare_corpus(env, log)
            # gunicorn alone: search is never cached, and nothing is left on the queue.
            stack = Stack(workers=2, env=env, log=log)
            stack.start_app(0)
            app_url = stack.app_url()
            if not signed_in(app_url, cookie):
                raise RuntimeError("The practitioner's session was not accepted.")
            visitors = {"anonymous": "", "practitioner": cookie}
            times = measure(app_url, visitors, rounds)
            stack.stop()
    finally:
        if stack is not None:
            stack.stop()
        shutil.rmtree(folder, ignore_errors=True)
    log_path.unlink(missing_ok=True)
    return report(times, visitors)
