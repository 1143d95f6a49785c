"""Mail that is never lost: every message is put on the task queue, and a task sends it.

The `default` mailer (MAILERS) is `QueuedEmailBackend`. It turns each message into
its finished bytes (headers, body, attachments) plus its envelope (sender and every
recipient, Bcc included), and enqueues `send_email`. On the database queue that is
a row written in the request's own transaction: a request never waits for, or fails
because of, the mail server, and a change that rolls back takes its mail with it.
The task sends the bytes through the mailer named in its OPTIONS (`delivery`, the
real SMTP or console backend); when that fails, the task fails and is retried with
back-off (background/retry.py).
"""

import base64
import email
import email.policy
import sys

from django.core.mail import EmailMessage, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.tasks import task

DELIVERY_MAILER = "delivery"


class QueuedEmailBackend(BaseEmailBackend):
    def __init__(self, *, mailer=DELIVERY_MAILER, **kwargs):
        super().__init__(**kwargs)
        self.mailer = mailer

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            raw = message.message(policy=email.policy.SMTP).as_bytes()
            send_email.enqueue(
                self.mailer,
                message.from_email,
                recipients,
                base64.b64encode(raw).decode("ascii"),
            )
            sent += 1
        return sent


class StoredEmail(EmailMessage):
    """A message rebuilt from its finished bytes and envelope, for any mail backend."""

    def __init__(self, from_email, recipients, raw):
        self._stored = email.message_from_bytes(raw, policy=email.policy.SMTP)
        super().__init__(subject=self._stored["Subject"] or "", from_email=from_email)
        self._envelope = list(recipients)

    def recipients(self):
        return self._envelope

    def message(self, *, policy=email.policy.default):
        return email.message_from_bytes(self._stored.as_bytes(), policy=policy)


@task
def send_email(mailer, from_email, recipients, message):
    """Send one queued message through `mailer`; any failure fails the task (and retries it)."""
    stored = StoredEmail(from_email, recipients, base64.b64decode(message))
    with mailers[mailer] as connection:
        if connection.send_messages([stored]) != 1:
            raise RuntimeError(f"The {mailer!r} mailer did not send the message.")


class DevelopmentEmailBackend(FileBackend):
    """Each message to a file in `file_path` (one per message) and to the console."""

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        for message in email_messages:
            sys.stdout.write(message.message().as_string() + "\n" + "-" * 79 + "\n")
        sys.stdout.flush()
        return sent
