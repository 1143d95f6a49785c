"""Test helpers: sign a user in as if they had passed MFA.

Anyone with admin access needs an authenticator and an MFA step in their session
before an /admin/ page opens (accounts.middleware). HTTP tests that are about
something else use `login_with_mfa` instead of `client.force_login`.
"""

from allauth.mfa.models import Authenticator

from accounts.allauth_internals import enrol_totp, record_password_and_mfa

# For tests only (base32): the authenticator secret of users enrolled here.
TOTP_SECRET = "TESTVALLEYTOTPSECRETONLY23456723"


def login_with_mfa(client, user, secret=TOTP_SECRET):
    """Enrol `user` with a TOTP `secret` (if not yet) and sign in with MFA passed."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        enrol_totp(user, secret, recovery_codes=False)
    client.force_login(user)
    session = client.session
    record_password_and_mfa(session, user)
    session.save()
    return client
