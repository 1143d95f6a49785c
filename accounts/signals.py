"""Enrolling counts as passing MFA for the session it happens in.

The person has just typed a code from the new authenticator, so asking for
another before the first admin page (accounts.middleware) would only annoy.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver

from accounts.allauth_internals import record_authentication


@receiver(authenticator_added)
def record_enrolment_as_mfa(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
