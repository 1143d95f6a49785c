"""Test helpers: sign a user in as if they had passed MFA.

Anyone with admin access needs an authenticator and an MFA step in their session
before an /admin/ page opens (accounts.middleware). HTTP tests that are about
something else use `login_with_mfa` instead of `client.force_login`.
"""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from accounts.demo import DEMO_TOTP_SECRET


def login_with_mfa(client, user, secret=DEMO_TOTP_SECRET):
    """Enrol `user` with a TOTP `secret` (if not yet) and sign in with MFA passed."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
    client.force_login(user)
    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()
    return client
