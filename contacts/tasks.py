"""Scheduled jobs of the contact registry, enqueued by `manage.py crontask`, run by the worker."""

from crontask import cron
from django.contrib.auth import get_user_model
from django.tasks import task

from contacts.reports import contacts_to_check
from core import reminders


def checkers():
    """Active users who may change contacts."""
    return get_user_model().objects.with_perm(
        "help.change_contact", backend="django.contrib.auth.backends.ModelBackend"
    )


@cron("0 7 * * Mon")
@task
def remind_contacts_due_check():
    return reminders.send_reminder(checkers(), "contacts/email/contacts_due", contacts_to_check())
