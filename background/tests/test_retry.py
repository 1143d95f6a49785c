"""A failed task is tried again with back-off; one that keeps failing is shown and counted."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.testing import login_with_mfa
from background import retry

from .tasks import CALLS, always_fails, record

pytestmark = pytest.mark.django_db

REPORT = "/admin/failed-tasks/"


@pytest.fixture
def three_tries(settings):
    settings.BACKGROUND_TASKS = {"ATTEMPTS": 3, "FIRST_RETRY_DELAY": 10, "MAX_RETRY_DELAY": 15}


def test_delays_double_up_to_the_ceiling(settings):
    settings.BACKGROUND_TASKS = {"FIRST_RETRY_DELAY": 10, "MAX_RETRY_DELAY": 600}
    assert [retry.retry_delay(n) for n in (1, 2, 3, 6, 7, 20)] == [10, 20, 40, 320, 600, 600]


def test_a_failing_task_is_retried_later_then_given_up(database_queue, three_tries):
    always_fails.enqueue()
    waits = []
    for _attempt in range(3):
        task = DBTaskResult.objects.get()
        before = timezone.now()
        [status] = database_queue(
            now=max(task.run_after, before) if task.run_after.year < 9999 else None
        )
        task.refresh_from_db()
        if status == TaskResultStatus.READY:
            waits.append((task.run_after - before).total_seconds())
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.FAILED
    assert len(task.worker_ids) == 3
    assert "ConnectionRefusedError" in task.traceback
    # Ten seconds after the first failure, fifteen (the ceiling) after the second.
    assert [round(wait) for wait in waits] == [10, 15]


def test_a_task_that_succeeds_on_a_later_try_is_not_retried_again(database_queue, three_tries):
    CALLS.clear()
    record.enqueue("once")
    assert database_queue() == [TaskResultStatus.SUCCESSFUL]
    assert CALLS == ["once"]


def test_health_check_counts_the_backlog_and_the_failed_tasks(client, database_queue, settings):
    settings.BACKGROUND_TASKS = {"ATTEMPTS": 1}
    always_fails.enqueue()
    database_queue()
    record.enqueue("waiting")
    record.enqueue("waiting too")
    record.using(run_after=timezone.now() + datetime.timedelta(hours=1)).enqueue("later")

    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    body = json.loads(response.content)
    assert body["checks"]["queue"] == {"status": "ok", "backlog": 2, "failed": 1}
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["cache"] == {"status": "ok"}


def test_health_check_fails_when_the_queue_cannot_be_read(client, monkeypatch):
    def broken():
        raise RuntimeError("no table")

    monkeypatch.setattr("core.views.queue_counts", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["queue"] == {"status": "failing"}


@pytest.fixture
def operator(make_user):
    """Admin access and the right to see and retry failed tasks; nothing else."""
    user = make_user("ops@test-valley.example")
    group = Group.objects.create(name="Operators")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(codename="view_dbtaskresult"),
        Permission.objects.get(codename="change_dbtaskresult"),
    )
    user.groups.add(group)
    return login_with_mfa_client(user)


def login_with_mfa_client(user):
    from django.test import Client

    return login_with_mfa(Client(), user)


def test_failed_tasks_are_listed_for_administrators_and_can_run_again(
    operator, database_queue, settings
):
    settings.BACKGROUND_TASKS = {"ATTEMPTS": 1}
    always_fails.enqueue()
    record.enqueue("fine")
    database_queue()
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)

    response = operator.get(REPORT)
    html = response.content.decode()
    assert "always_fails" in html
    assert "builtins.ConnectionRefusedError" in html
    assert ">record<" not in html  # a task that succeeded is not a failure

    response = operator.post(REPORT, {"action": "retry", "tasks": [failed.pk]})
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == TaskResultStatus.READY
    assert failed.worker_ids == []
    assert "No task has failed" in operator.get(REPORT).content.decode()


def test_the_report_is_closed_to_editors_without_the_permission(client, make_user):
    editor = make_user("ed@test-valley.example")
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    login_with_mfa(client, editor)
    assert client.get(REPORT).status_code in (302, 403)
    response = client.post(REPORT, {"action": "delete", "tasks": []})
    assert response.status_code in (302, 403)
    assert "Failed tasks" not in client.get("/admin/").content.decode()


def test_a_task_left_running_by_a_dead_worker_goes_back_on_the_queue(database_queue, settings):
    settings.BACKGROUND_TASKS = {"TASK_TIMEOUT": 60}
    CALLS.clear()
    record.enqueue("again")
    task = DBTaskResult.objects.get()
    task.claim("worker-that-died")
    assert retry.requeue_abandoned() == 0  # still within its time
    assert retry.requeue_abandoned(now=timezone.now() + datetime.timedelta(seconds=61)) == 1
    assert database_queue() == [TaskResultStatus.SUCCESSFUL]
    assert CALLS == ["again"]
