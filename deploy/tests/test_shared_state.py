"""State that every app worker shares: one authenticator code signs in once, and rate
limits count every attempt, whichever worker answers it. And what the workers log.

Each case starts the production stack with two gunicorn workers and sends requests
at once, so that both workers answer some of them: with a cache of its own in each
worker, a code is accepted once per worker and every limit is doubled.
"""

import http.client
import json
import os
import re
import secrets
import threading
import urllib.parse
from pathlib import Path

import pytest

from accounts.allauth_internals import current_totp_code

pytestmark = pytest.mark.server

LOCAL_REDIS = "redis://127.0.0.1:6379/15"
SESSIONS = 4  # sessions that submit one code at once
# Wrong passwords sent for one address, in waves of WAVE: few enough that the limit per
# IP address (10 a minute) leaves room for the other tests' sign-ins.
FAILED_SIGN_INS = 8
WAVE = 4
ALLOWED_FAILURES = 5  # ACCOUNT_RATE_LIMITS["login_failed"]: 5 per address
TOO_MANY = "Too many failed login attempts"


def redis_answers(url):
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False


@pytest.fixture(scope="module", params=["database", "redis"])
def shared_stack(request, prepared_site):
    """The stack with two workers, on the database cache or on Redis where one answers."""
    if request.param == "redis":
        url = os.environ.get("REDIS_URL") or LOCAL_REDIS
        if not redis_answers(url):
            pytest.skip(f"no Redis answers at {url}")
        # Keys of their own, so that no other run or stack shares their counts.
        env = {"REDIS_URL": url, "CACHE_KEY_PREFIX": f"test-{secrets.token_hex(6)}"}
    else:
        env = {"REDIS_URL": ""}
    with prepared_site.stack(workers=2, **env) as stack:
        yield stack


class Visitor:
    """One browser: its own cookies, redirects not followed."""

    def __init__(self, base_url):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies = {}

    def send(self, method, path, form=None):
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
        finally:
            connection.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name] = value
        return response.status, response.headers.get("Location", ""), text

    def submit(self, path, fields):
        """Open the form at `path` and post `fields` with its CSRF token."""
        status, _, page = self.send("GET", path)
        assert status == 200, f"{path} answered {status}"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.send("POST", path, {"csrfmiddlewaretoken": token, **fields})


def all_at_once(calls):
    """Run each call in its own thread, released together; return their results in order."""
    start = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        start.wait(timeout=30)
        results[index] = call()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_one_authenticator_code_signs_in_once_across_workers(shared_stack):
    person = shared_stack.facts["two-step sign-in"]
    visitors = []
    for _ in range(SESSIONS):
        visitor = Visitor(shared_stack.app_url())
        status, location, _ = visitor.submit(
            "/accounts/login/", {"login": person["email"], "password": person["password"]}
        )
        assert (status, location) == (302, "/accounts/2fa/authenticate/")
        status, _, page = visitor.send("GET", location)
        assert status == 200
        visitor.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        visitors.append(visitor)

    code = current_totp_code(person["secret"])
    all_at_once(
        [
            lambda visitor=visitor: visitor.send(
                "POST",
                "/accounts/2fa/authenticate/",
                {"csrfmiddlewaretoken": visitor.token, "code": code},
            )
            for visitor in visitors
        ]
    )

    signed_in = [visitor.send("GET", "/accounts/profile/")[0] == 200 for visitor in visitors]
    assert signed_in.count(True) == 1, signed_in


def test_failed_sign_ins_are_limited_across_workers(shared_stack):
    email = shared_stack.facts["password sign-in"]["email"]

    def wrong_password():
        status, _, page = Visitor(shared_stack.app_url()).submit(
            "/accounts/login/", {"login": email, "password": secrets.token_urlsafe(12)}
        )
        assert status == 200, status
        return "blocked" if TOO_MANY in page else "refused"

    answers = []
    for _ in range(FAILED_SIGN_INS // WAVE):
        answers += all_at_once([wrong_password] * WAVE)
    assert answers.count("refused") == ALLOWED_FAILURES, answers


def test_the_app_logs_one_json_line_per_request_with_ids_only(shared_stack):
    member = Visitor(shared_stack.app_url())
    member.cookies["sessionid"] = shared_stack.facts["sessions"]["member"]
    assert member.send("GET", "/accounts/profile/")[0] == 200
    anyone = Visitor(shared_stack.app_url())
    anyone.send("GET", "/robots.txt?token=querysecret")
    anyone.send("GET", "/accounts/confirm-email/pathsecret/")
    shared_stack.log.flush()

    lines = [
        json.loads(line)
        for line in Path(shared_stack.log.name).read_text().splitlines()
        if line.startswith("{")
    ]
    requests = [
        line for line in lines if line.get("event") == "request" and line["view"] != "healthz"
    ]
    assert {"time", "level", "logger", "method", "status", "duration_ms", "route"} <= set(
        requests[-1]
    )
    profile, robots, confirm = requests[-3:]
    assert (profile["view"], profile["status"]) == ("accounts_profile", 200)
    assert isinstance(profile["user_id"], int)
    assert (robots["view"], robots["status"], robots.get("user_id")) == ("robots_txt", 200, None)
    assert confirm["view"] == "account_confirm_email"
    text = json.dumps(lines)
    for secret in ("querysecret", "pathsecret", "127.0.0.1", "@example.org"):
        assert secret not in text
