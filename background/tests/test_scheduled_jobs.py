"""The scheduled jobs: each is on the scheduler, and each does its work when run.

`manage.py crontask` imports every app's tasks.py and enqueues each job on its cron
schedule; the worker runs it. Here each job runs in the test (`.call()`).
"""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts import approval
from accounts.models import ApprovalStatus
from accounts.tasks import delete_stale_accounts, expire_approvals
from background.tasks import prune_finished_tasks, requeue_abandoned_tasks
from background.tests.tasks import record
from comments.tasks import remove_comment_personal_data
from contacts.tasks import remind_contacts_due_check
from core.tasks import remind_pages_due_review

pytestmark = pytest.mark.django_db

JOBS = {
    "expire_approvals": "*/5 * * * *",
    "delete_stale_accounts": "40 2 * * *",
    "prune_finished_tasks": "20 3 * * *",
    "requeue_abandoned_tasks": "*/5 * * * *",
    "remind_contacts_due_check": "0 7 * * Mon",
    "remind_pages_due_review": "0 7 * * Mon",
    "remove_comment_personal_data": "50 2 * * *",
}


def test_every_job_is_on_the_scheduler():
    from crontask import scheduler

    scheduled = {job.name for job in scheduler.get_jobs()}
    assert set(JOBS) <= scheduled
    # Imported, hence registered.
    assert expire_approvals and requeue_abandoned_tasks and remove_comment_personal_data


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_declined_and_never_verified_accounts_go_after_30_days(make_user, practitioners):
    old_declined = make_user("old.declined@school.example")
    approval.decline(old_declined, "Not a partner agency.")
    get_user_model().objects.filter(pk=old_declined.pk).update(approval_decided_at=days_ago(31))
    new_declined = make_user("new.declined@school.example")
    approval.decline(new_declined, "Not a partner agency.")

    old_unverified = make_user("old.unverified@school.example", verified=False)
    old_verified = make_user("old.verified@school.example")
    approved = approval.approve(
        make_user("old.approved@school.example"), practitioners, datetime.timedelta(days=9)
    )
    staff = make_user("old.staff@school.example", verified=False, is_staff=True)
    get_user_model().objects.filter(
        pk__in=[old_unverified.pk, old_verified.pk, approved.pk, staff.pk]
    ).update(date_joined=days_ago(31))
    new_unverified = make_user("new.unverified@school.example", verified=False)

    assert delete_stale_accounts.call() == 2
    remaining = set(get_user_model().objects.values_list("email", flat=True))
    assert "old.declined@school.example" not in remaining
    assert "old.unverified@school.example" not in remaining
    assert {
        new_declined.email,
        old_verified.email,
        approved.email,
        staff.email,
        new_unverified.email,
    } <= remaining
    assert not EmailAddress.objects.filter(email="old.unverified@school.example").exists()


def test_lapsed_approvals_are_recorded_and_mailed(make_user, practitioners):
    user = approval.approve(
        make_user("lapsing@school.example"), practitioners, datetime.timedelta(days=1), notify=False
    )
    assert expire_approvals.call() == 0
    get_user_model().objects.filter(pk=user.pk).update(approval_expires_at=days_ago(0))
    assert expire_approvals.call() == 1
    user.refresh_from_db()
    assert user.approval_status == ApprovalStatus.EXPIRED
    assert [message.to for message in mail.outbox] == [[user.email]]


def test_finished_tasks_are_pruned_after_a_day_and_failed_ones_kept(database_queue, settings):
    record.enqueue("old")
    record.enqueue("new")
    database_queue()
    DBTaskResult.objects.filter(args_kwargs__args=["old"]).update(finished_at=days_ago(2))
    failed = DBTaskResult.objects.create(
        task_path="background.tests.tasks.always_fails",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        status=TaskResultStatus.FAILED,
        finished_at=days_ago(30),
    )
    assert prune_finished_tasks.call() == 1
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {
        DBTaskResult.objects.get(args_kwargs__args=["new"]).pk,
        failed.pk,
    }


def test_contacts_due_a_check_are_sent_to_those_who_can_change_them(make_contact, make_user):
    today = timezone.localdate()
    make_contact(service="Overdue line", last_verified=today - datetime.timedelta(days=200))
    make_contact(service="Fresh line", last_verified=today)
    checker = make_user("checker@test-valley.example", first_name="Cara")
    group = Group.objects.create(name="Contact editors")
    group.permissions.add(Permission.objects.get(codename="change_contact"))
    checker.groups.add(group)
    make_user("someone@school.example")

    assert remind_contacts_due_check.call() == 1
    [message] = mail.outbox
    assert message.to == [checker.email]
    assert "Overdue line" in message.body
    assert "Fresh line" not in message.body
    assert "1 contact due a re-check" in message.subject


def test_pages_due_a_review_are_sent_to_those_who_publish(make_article, make_user):
    overdue = make_article("Overdue guidance")
    type(overdue).objects.filter(pk=overdue.pk).update(
        next_review_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    make_article("Fresh guidance")
    publisher = make_user("pub@test-valley.example", is_superuser=True)

    assert remind_pages_due_review.call() == 1
    [message] = mail.outbox
    assert message.to == [publisher.email]
    assert "Overdue guidance" in message.body
    assert "Fresh guidance" not in message.body


def test_no_reminder_when_nothing_is_due(make_user):
    make_user("pub@test-valley.example", is_superuser=True)
    assert remind_pages_due_review.call() == 0
    assert mail.outbox == []
