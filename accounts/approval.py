"""Approving, declining, renewing, expiring and removing practitioners.

Approval is nothing more than membership of the partnership's practitioner group
(plus the dates that say when it lapses): every restriction on the site names a
group, so taking someone out of the group is all it takes to close their access.
Each function here is the one place its change happens, whichever view, command
or middleware calls it.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import ApprovalStatus


def pending_users():
    """Verified accounts waiting for a decision, oldest first.

    Unverified sign-ups are left out: nobody should approve an address that has
    not shown it can receive mail.
    """
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    return (
        get_user_model()
        .objects.filter(approval_status=ApprovalStatus.PENDING, is_active=True, pk__in=verified)
        .order_by("date_joined")
    )


def approved_users():
    return (
        get_user_model()
        .objects.filter(approval_status=ApprovalStatus.APPROVED)
        .select_related("approved_group")
        .order_by("approval_expires_at", "email")
    )


def _notify(user, template, **context):
    """Plain-text mail from templates in accounts/email/.

    Not allauth's adapter.send_mail: that needs a request, and expiry runs from a
    management command.
    """
    context = {"user": user, "site_name": settings.WAGTAIL_SITE_NAME, **context}
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
    body = render_to_string(f"accounts/email/{template}_message.txt", context)
    send_mail(" ".join(subject.split()), body.strip(), None, [user.email])


@transaction.atomic
def approve(user, group, period, by=None, notify=True):
    """Put the user in the group until `period` from now, and tell them."""
    now = timezone.now()
    user.groups.add(group)
    user.approval_status = ApprovalStatus.APPROVED
    user.approved_group = group
    user.approval_decided_at = now
    user.approval_decided_by = by
    user.approval_expires_at = now + period
    user.decision_reason = ""
    user.save()
    if notify:
        _notify(user, "approved", group=group, expires=user.approval_expires_at)
    return user


def renew(user, period, by=None):
    """Extend a current approval by another period from today (no email)."""
    user.approval_expires_at = timezone.now() + period
    user.approval_decided_by = by
    user.save(update_fields=["approval_expires_at", "approval_decided_by"])
    return user


@transaction.atomic
def decline(user, reason, by=None):
    """Record the decision and the reason, and send the reason to the person."""
    user.approval_status = ApprovalStatus.DECLINED
    user.approval_decided_at = timezone.now()
    user.approval_decided_by = by
    user.decision_reason = reason
    user.save()
    _notify(user, "declined", reason=reason)
    return user


def _withdraw(user, status, by=None):
    if user.approved_group_id:
        user.groups.remove(user.approved_group_id)
    user.approval_status = status
    user.approval_decided_at = timezone.now()
    if by is not None:
        user.approval_decided_by = by
    user.save()
    return user


@transaction.atomic
def remove(users, by=None):
    """Leavers, in one action: out of the group; the account itself stays until deleted."""
    return [_withdraw(user, ApprovalStatus.REMOVED, by) for user in users]


def has_lapsed(user, now=None):
    now = now or timezone.now()
    return (
        user.approval_status == ApprovalStatus.APPROVED
        and user.approval_expires_at is not None
        and user.approval_expires_at <= now
    )


def withhold_lapsed_group(user):
    """Take the group of a lapsed approval out of `user` for this request only.

    The scheduled job (`expire_overdue`) takes the person out of the group and tells
    them; until it has run, every view restriction still sees them outside the group,
    because Wagtail's check reads `user.groups.all()`, which this answers from the
    list given here. Nothing is written, and no mail is sent, inside the request.
    """
    cache = getattr(user, "_prefetched_objects_cache", {})
    user._prefetched_objects_cache = {
        **cache,
        "groups": user.groups.exclude(pk=user.approved_group_id),
    }


@transaction.atomic
def expire(user):
    _withdraw(user, ApprovalStatus.EXPIRED)
    _notify(user, "expired")
    return user


def expire_overdue(now=None):
    """Expire every approval past its date; return how many. Run by a scheduler."""
    now = now or timezone.now()
    overdue = approved_users().filter(approval_expires_at__lte=now)
    return len([expire(user) for user in overdue])
