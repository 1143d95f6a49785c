"""Pytest plugin for tests of the task queue and of mail (loaded from the root conftest.py).

- `database_queue`: tasks go on the database queue (django-tasks-db), as in
  production, instead of running at once; `drain_queue()` then runs what is due,
  one task at a time, through django-tasks-db's own worker code. Only tasks made
  with Django's own `task` go on it: the backport's `task` (Wagtail's and
  modelsearch's) picks its Task class from the backend configured when the module
  is imported, which in the tests is the immediate one, and django-tasks-db
  refuses those. In development and production the database backend is configured
  from the start, so Wagtail's tasks are Django's and run on the queue.
- `mail_port`: a free loopback port with nothing listening: a mail server that is
  down. `SmtpSink(port)` starts listening there (aiosmtpd) and keeps what it is sent.
- `smtp_delivery(settings, port)`: mail queued as in production and delivered by
  plain SMTP to 127.0.0.1:`port`.
"""

import email
import email.policy
import time

import pytest
from aiosmtpd.controller import Controller
from django.tasks import TaskResultStatus
from django.utils import timezone

from deploy.stack import free_port

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def drain_queue(now=None):
    """Run every task that is due (READY, its time come), oldest first, until none is left.

    Tasks put back for a retry later than `now` stay queued. Returns the results' statuses.
    """
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    statuses = []
    while True:
        due = (
            DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
                run_after__lte=now or timezone.now()
            )
            | DBTaskResult.objects.ready()
        )
        row = due.order_by("enqueued_at").first()
        if row is None:
            return statuses
        row.claim("test-worker")
        worker.run_task(row)
        row.refresh_from_db()
        statuses.append(row.status)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_TASKS
    return drain_queue


@pytest.fixture
def mail_port():
    return free_port()


def smtp_delivery(settings, port):
    settings.MAILERS = {
        "default": {"BACKEND": "background.mail.QueuedEmailBackend"},
        "delivery": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        },
    }


class SmtpSink:
    """An SMTP server on 127.0.0.1:`port` that keeps every message. A context manager."""

    def __init__(self, port):
        self.port = port
        self.received = []  # (envelope recipients, parsed message)
        self.controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc_info):
        self.controller.stop()

    def wait_for(self, count, timeout=30):
        """The messages received, once there are at least `count` (fails after `timeout` s)."""
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(self.received) >= count, f"{len(self.received)} of {count} message(s) came"
        return self.received
