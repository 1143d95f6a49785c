"""Scheduled jobs of the core layer, enqueued by `manage.py crontask`, run by the worker."""

from crontask import cron
from django.tasks import task
from wagtail_periodic_review.utils import get_periodic_review_models

from core import reminders


def pages_due(today=None):
    """Live pages whose review date has passed or falls within the reminder window."""
    due_by = reminders.due_by(today)
    pages = []
    for model in get_periodic_review_models():
        pages += model.objects.live().filter(next_review_date__lte=due_by)
    return sorted(pages, key=lambda page: page.next_review_date)


@cron("0 7 * * Mon")
@task
def remind_pages_due_review():
    return reminders.send_reminder(reminders.publishers(), "core/email/pages_due", pages_due())
