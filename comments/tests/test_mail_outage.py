"""With the mail server down, moderating still succeeds; the mail to the safeguarding lead and
to the writer is queued, as in production, and goes out once the server answers."""

import datetime

import pytest
from django.tasks import TaskResultStatus
from django.utils import timezone

from background.testing import SmtpSink, smtp_delivery
from comments.models import Comment, Disclosure
from comments.tests.test_moderation import bulk


@pytest.fixture
def mail_server_down(settings, database_queue, mail_port):
    smtp_delivery(settings, mail_port)
    settings.BACKGROUND_TASKS = {"FIRST_RETRY_DELAY": 10, "MAX_RETRY_DELAY": 10}
    return mail_port


def test_moderation_mail_is_queued_and_sent_when_the_server_answers(
    moderator_client, lead, open_article, make_comment, mail_server_down, database_queue
):
    told = make_comment(open_article, "A good page", email="writer@example.com")
    passed_on = make_comment(open_article, "Please help me")
    assert moderator_client.post(bulk("approve", told)).status_code == 302
    assert moderator_client.post(bulk("disclosure", passed_on)).status_code == 302
    assert Comment.objects.get(pk=told.pk).status == "approved"
    assert Disclosure.objects.count() == 1

    # Nothing listens yet: both messages wait on the queue.
    assert set(database_queue()) == {TaskResultStatus.READY}
    with SmtpSink(mail_server_down) as sink:
        later = timezone.now() + datetime.timedelta(seconds=11)
        assert set(database_queue(now=later)) == {TaskResultStatus.SUCCESSFUL}
    sent = {tuple(recipients): message for recipients, message in sink.received}
    assert set(sent) == {("writer@example.com",), (lead.email,)}
    assert "Please help me" not in sent[(lead.email,)].get_content()
