"""Every email goes on the queue and is sent by a task, through the real mailer."""

import datetime

import pytest
from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background.testing import SmtpSink, smtp_delivery

pytestmark = pytest.mark.django_db

QUEUED_TO_LOCMEM = {
    "default": {"BACKEND": "background.mail.QueuedEmailBackend"},
    "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}


def test_mail_waits_on_the_queue_until_the_worker_sends_it(settings, database_queue):
    settings.MAILERS = QUEUED_TO_LOCMEM
    message = EmailMessage(
        "Your account", "Body text, café.", None, ["to@example.org"], bcc=["bcc@example.org"]
    )
    message.attach("note.txt", "An attachment", "text/plain")
    assert message.send() == 1
    assert mail.outbox == []
    assert DBTaskResult.objects.get().task_path == "background.mail.send_email"

    assert database_queue() == [TaskResultStatus.SUCCESSFUL]
    [sent] = mail.outbox
    assert sent.recipients() == ["to@example.org", "bcc@example.org"]
    parsed = sent.message()
    assert parsed["Subject"] == "Your account"
    assert parsed["To"] == "to@example.org"
    assert "Bcc" not in parsed  # Bcc is in the envelope only
    body, attachment = parsed.iter_parts()
    assert body.get_content().strip() == "Body text, café."
    assert attachment.get_filename() == "note.txt"


def test_mail_is_kept_while_the_mail_server_is_down_and_sent_when_it_answers(
    settings, database_queue, mail_port
):
    smtp_delivery(settings, mail_port)
    settings.BACKGROUND_TASKS = {"FIRST_RETRY_DELAY": 10, "MAX_RETRY_DELAY": 600}
    send_mail("Verify your address", "Follow the link.", "site@example.org", ["sam@example.org"])

    # Nothing listens: the task fails, and goes back on the queue for a later try.
    assert database_queue() == [TaskResultStatus.READY]
    task = DBTaskResult.objects.get()
    assert "ConnectionRefusedError" in task.traceback
    assert task.run_after > timezone.now()

    with SmtpSink(mail_port) as sink:
        later = timezone.now() + datetime.timedelta(seconds=11)
        assert database_queue(now=later) == [TaskResultStatus.SUCCESSFUL]
        [(recipients, message)] = sink.received
    assert recipients == ["sam@example.org"]
    assert message["Subject"] == "Verify your address"
    assert message.get_content().strip() == "Follow the link."


def test_a_rolled_back_change_sends_no_mail(settings, database_queue):
    from django.db import transaction

    settings.MAILERS = QUEUED_TO_LOCMEM
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Approved", "You are approved.", None, ["sam@example.org"])
        raise RuntimeError("The approval failed after its mail was queued.")
    assert database_queue() == []
    assert mail.outbox == []


def test_development_mail_goes_to_the_console_and_to_a_file(settings, tmp_path, capsys):
    settings.MAILERS = {
        "default": {
            "BACKEND": "background.mail.DevelopmentEmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    send_mail("Confirm your address", "Open the link.", None, ["dev@example.org"])
    [written] = tmp_path.iterdir()
    assert "Subject: Confirm your address" in written.read_text()
    assert "Open the link." in capsys.readouterr().out
