"""The queue's state for /healthz: two counts on indexed columns, cheap enough for every second."""

from django.db.models import Count, Q
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max


def queue_counts():
    """Tasks waiting to run now (the backlog) and tasks that failed every try."""
    waiting = Q(status=TaskResultStatus.READY) & (
        Q(run_after__lte=timezone.now()) | Q(run_after=get_date_max())
    )
    failed = Q(status=TaskResultStatus.FAILED)
    return DBTaskResult.objects.filter(waiting | failed).aggregate(
        backlog=Count("pk", filter=waiting), failed=Count("pk", filter=failed)
    )
