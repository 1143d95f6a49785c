"""The queue's own scheduled jobs (run by `manage.py crontask`, enqueued for the worker)."""

import datetime

from crontask import cron
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background import retry

# Finished tasks hold their arguments (a queued mail holds the whole message, reset
# links included), so they are kept only this long. Failed tasks stay until an
# administrator runs them again or deletes them (Reports → Failed tasks).
KEEP_SUCCESSFUL = datetime.timedelta(days=1)


@cron("*/5 * * * *")
@task
def requeue_abandoned_tasks():
    return retry.requeue_abandoned()


@cron("20 3 * * *")
@task
def prune_finished_tasks(now=None):
    cutoff = (now or timezone.now()) - KEEP_SUCCESSFUL
    deleted, _ = DBTaskResult.objects.filter(
        status=TaskResultStatus.SUCCESSFUL, finished_at__lt=cutoff
    ).delete()
    return deleted
