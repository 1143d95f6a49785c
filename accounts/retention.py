"""How long accounts that never gave anyone access are kept: 30 days.

A declined applicant's account goes 30 days after the decision (long enough to
ask about it); a sign-up that never confirmed its address goes 30 days after it
was made. Anyone in a group, staff, a superuser or approved at any point is kept:
those accounts leave by an administrator's decision or the person's own.
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import ApprovalStatus

KEEP_FOR = datetime.timedelta(days=30)


def stale_accounts(now=None):
    cutoff = (now or timezone.now()) - KEEP_FOR
    users = get_user_model().objects.filter(is_staff=False, is_superuser=False, groups=None)
    declined = users.filter(approval_status=ApprovalStatus.DECLINED, approval_decided_at__lt=cutoff)
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    never_verified = users.filter(
        approval_status=ApprovalStatus.PENDING, date_joined__lt=cutoff
    ).exclude(pk__in=verified)
    return declined | never_verified


def delete_stale_accounts(now=None):
    """Delete them; return how many accounts went."""
    stale = get_user_model().objects.filter(pk__in=stale_accounts(now).values("pk"))
    count = stale.count()
    for user in stale:
        user.delete()
    return count
