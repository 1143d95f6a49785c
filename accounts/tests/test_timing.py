"""Sign-up and password reset take as long for a known address as for an unknown one.

The answer is the same page either way; how long it takes must not tell either. The
test settings hash with MD5, which costs nothing, so these tests put the real
hasher back: the difference they guard against is the cost of hashing a password.
Tries of both kinds alternate after one of each to warm up, and the difference of
their fastest tries is compared with the fastest hash measured in the same run, never
with absolute times: a busy machine only ever adds time, so the fastest try is the
one nearest to the work itself.
"""

import itertools
import time

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail

from .conftest import PASSWORD, signup_data

pytestmark = pytest.mark.django_db

TRIES = 5
# The fastest tries may differ by at most this share of one hash. Without the equal work,
# sign-up with a known address answered a whole hash faster than with a new one.
TOLERANCE = 0.5

fresh_address = (f"new{n}@school.example" for n in itertools.count())


@pytest.fixture(autouse=True)
def real_hasher_and_no_limits(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    settings.ACCOUNT_RATE_LIMITS = False


def timed(work):
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def answer_time(post):
    elapsed, response = timed(post)
    assert response.status_code == 302
    mail.outbox.clear()
    return elapsed


def assert_alike(known, unknown):
    answer_time(known), answer_time(unknown)
    times = {"known": [], "unknown": [], "hash": []}
    for _ in range(TRIES):
        times["known"].append(answer_time(known))
        times["unknown"].append(answer_time(unknown))
        times["hash"].append(timed(lambda: make_password(PASSWORD))[0])
    fastest = {kind: min(values) for kind, values in times.items()}
    assert abs(fastest["known"] - fastest["unknown"]) < TOLERANCE * fastest["hash"], times


def test_signup_takes_as_long_for_an_address_that_has_an_account(client, pending_user):
    assert_alike(
        lambda: client.post("/accounts/signup/", signup_data(pending_user.email)),
        lambda: client.post("/accounts/signup/", signup_data(next(fresh_address))),
    )


def test_password_reset_takes_as_long_for_an_unknown_address(client, pending_user):
    assert_alike(
        lambda: client.post("/accounts/password/reset/", {"email": pending_user.email}),
        lambda: client.post("/accounts/password/reset/", {"email": "nobody@school.example"}),
    )
