"""The one place that imports allauth internals.

allauth has no public API to record an authentication step in a session, to enrol an
authenticator without a request, or to compute the code an authenticator app shows. What
the accounts app, the demo users and the tests need of those is here, in one module to check
against an allauth upgrade.
"""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
    record_authentication,
)
from allauth.mfa.app_settings import TOTP_PERIOD
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

__all__ = [
    "current_totp_code",
    "enrol_totp",
    "record_authentication",
    "record_password_and_mfa",
    "unused_totp_code",
]


def enrol_totp(user, secret, recovery_codes=True):
    """Give `user` a TOTP authenticator holding `secret` (and recovery codes)."""
    TOTP.activate(user, secret)
    if recovery_codes:
        RecoveryCodes.activate(user)


def record_password_and_mfa(session, user):
    """Mark `session` as signed in by `user` with a password and then MFA, just now."""
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)


def current_totp_code(secret, margin=5):
    """The code an authenticator app holding `secret` shows now.

    With fewer than `margin` seconds of the period left it waits for the next code,
    so that a test never sends one that turns stale on its way to the server.
    """
    now = time.time()
    if TOTP_PERIOD - now % TOTP_PERIOD < margin:
        time.sleep(TOTP_PERIOD - now % TOTP_PERIOD + 0.1)
        now = time.time()
    return format_hotp_value(hotp_value(secret, int(now) // TOTP_PERIOD))


# The time step whose code was last handed out, per secret (see unused_totp_code).
_last_step = {}


def unused_totp_code(secret):
    """A current code that no earlier call returned.

    allauth accepts each code only once, so two sign-ins to one long-running server
    (the browser tests' demo site) within the same 30 seconds need different codes:
    the second waits for the next one.
    """
    if _last_step.get(secret) == int(time.time()) // TOTP_PERIOD:
        time.sleep(TOTP_PERIOD - time.time() % TOTP_PERIOD + 0.1)
    code = current_totp_code(secret)
    _last_step[secret] = int(time.time()) // TOTP_PERIOD
    return code
