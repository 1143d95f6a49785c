"""Scheduled account jobs, enqueued by `manage.py crontask` and run by the worker."""

from crontask import cron
from django.tasks import task

from accounts import approval, retention


@cron("*/5 * * * *")
@task
def expire_approvals():
    """Record lapsed approvals and tell each person (the site has withheld access since)."""
    return approval.expire_overdue()


@cron("40 2 * * *")
@task
def delete_stale_accounts():
    """Declined and never-verified accounts, 30 days on."""
    return retention.delete_stale_accounts()
