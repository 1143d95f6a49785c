"""Retry with back-off, and recovery of tasks whose worker died, for the database queue.

django-tasks-db runs a task once and records it as FAILED when it raises. Here a
failed task goes back on the queue, to run again after a delay that doubles with
each attempt up to a ceiling (BACKGROUND_TASKS: FIRST_RETRY_DELAY, MAX_RETRY_DELAY,
in seconds), until it has been tried ATTEMPTS times; then it stays FAILED, for an
administrator to see (*Reports → Failed tasks*) and for /healthz to count. The row
is the same throughout: its `worker_ids` lists one worker per attempt, and its
traceback is the last failure's.

A task whose worker was killed stays RUNNING forever; `requeue_abandoned` puts any
task that has been running longer than TASK_TIMEOUT back on the queue. Tasks here are
short (a mail, an index update, a purge), so a task still running after that long
has lost its worker.
"""

import datetime

from django.conf import settings
from django.db.models import F
from django.tasks import TaskResultStatus
from django.tasks.signals import task_finished
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

DEFAULTS = {
    "ATTEMPTS": 20,
    "FIRST_RETRY_DELAY": 10,
    "MAX_RETRY_DELAY": 600,
    "TASK_TIMEOUT": 15 * 60,
}


def option(name):
    return {**DEFAULTS, **getattr(settings, "BACKGROUND_TASKS", {})}[name]


def retry_delay(attempts):
    """Seconds to wait after the `attempts`-th failed attempt: 10, 20, 40 ... up to the ceiling."""
    return min(option("FIRST_RETRY_DELAY") * 2 ** (attempts - 1), option("MAX_RETRY_DELAY"))


def retry_failed(sender, task_result, **kwargs):
    """Put a failed task from the database queue back on it, unless it has had its tries."""
    row = getattr(task_result, "db_result", None)
    if row is None or task_result.status != TaskResultStatus.FAILED:
        return
    attempts = len(row.worker_ids)
    if attempts >= option("ATTEMPTS"):
        return
    run_after = timezone.now() + datetime.timedelta(seconds=retry_delay(attempts))
    DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )


def run_again(queryset):
    """Put the tasks back on the queue now, with a fresh set of tries (an administrator's retry)."""
    return queryset.update(
        status=TaskResultStatus.READY,
        run_after=timezone.now(),
        finished_at=None,
        worker_ids=[],
    )


def requeue_abandoned(now=None):
    """Put back on the queue every task that has been RUNNING longer than TASK_TIMEOUT."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=option("TASK_TIMEOUT"))
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=cutoff
    ).update(status=TaskResultStatus.READY, run_after=F("started_at"))


def connect():
    task_finished.connect(retry_failed, dispatch_uid="background-retry")
