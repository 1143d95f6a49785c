"""The background-task worker and scheduler of the production stack, for real.

`make serve` with no mail server: a new practitioner signs up, and the verification
email arrives as soon as a mail server starts listening. A worker that is stopped,
or killed in the middle of a task, loses nothing.
"""

import json
import os
import signal
import time
import urllib.parse
from pathlib import Path

import pytest

from background.testing import SmtpSink
from deploy.stack import free_port
from deploy.tests.helpers import ask, cookie_from

pytestmark = pytest.mark.server

ALLOW_SIGN_UP = """
from django.contrib.auth.models import Group
from wagtail.models import Site
from accounts.models import AccountSettings
settings = AccountSettings.for_site(Site.objects.get(is_default_site=True))
settings.allowed_domains = "school.example"
settings.practitioner_group = Group.objects.get(name="Demo Valley practitioners")
settings.save()
"""

ENQUEUE = """
from background.tests.tasks import slow_the_first_time
slow_the_first_time.enqueue({path!r}, {seconds})
"""

TASK_STATUS = """
from django_tasks_db.models import DBTaskResult
print(DBTaskResult.objects.filter(task_path__endswith="slow_the_first_time").latest("enqueued_at").status)
"""


def wait_until(check, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    pytest.fail(f"{what} did not happen within {timeout} s")


def sign_up(base_url, email):
    form = ask(base_url, "/accounts/signup/")
    csrf = cookie_from(form, "csrftoken")
    token = form.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    password = "a long and unguessable passphrase"
    return ask(
        base_url,
        "/accounts/signup/",
        method="POST",
        body=urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "email": email,
                "first_name": "Sam",
                "last_name": "Signer",
                "organisation": "Northbridge Primary",
                "job_role": "Designated safeguarding lead",
                "password1": password,
                "password2": password,
            }
        ),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Origin": base_url,
        },
    )


def test_sign_up_with_no_mail_server_and_the_mail_arrives_once_one_listens(make_stack):
    port = free_port()
    stack = make_stack(
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        EMAIL_USE_TLS="false",
        TASK_FIRST_RETRY_DELAY="1",
        TASK_MAX_RETRY_DELAY="1",
    )
    stack.manage("shell", "-c", ALLOW_SIGN_UP)

    answer = sign_up(stack.url, "sam@school.example")
    assert answer.status == 302, answer.text[:2000]
    assert answer.headers["Location"] == "/accounts/confirm-email/"

    health = json.loads(ask(stack.app_url(), "/healthz").text)
    assert health["status"] == "ok"

    with SmtpSink(port) as sink:
        [(recipients, message)] = sink.wait_for(1, timeout=60)
    assert recipients == ["sam@school.example"]
    link = message.get_content().split("/accounts/confirm-email/", 1)[1].split()[0]
    assert ask(stack.url, f"/accounts/confirm-email/{link}").status == 200


def test_a_task_survives_its_worker_being_stopped_or_killed(make_stack, tmp_path):
    stack = make_stack(TASK_TIMEOUT="1")
    done = tmp_path / "done.txt"

    # Queued while no worker runs: it waits, and runs when a worker starts.
    stack.stop_worker()
    stack.manage("shell", "-c", ENQUEUE.format(path=str(done), seconds=0))
    time.sleep(2)
    assert not done.exists()
    stack.start_worker()
    wait_until(done.exists, "the queued task running on the new worker")

    # Killed in the middle of a task: the next worker runs it again.
    done.unlink()
    started = Path(f"{done}.started")
    started.unlink()
    stack.manage("shell", "-c", ENQUEUE.format(path=str(done), seconds=600))
    wait_until(started.exists, "the worker starting the task")
    os.kill(stack.worker.pid, signal.SIGKILL)
    stack.worker.wait(timeout=10)
    assert not done.exists()
    assert stack.manage("shell", "-c", TASK_STATUS).strip().endswith("RUNNING")
    time.sleep(1.5)  # past TASK_TIMEOUT: the task counts as abandoned
    stack.start_worker()
    wait_until(done.exists, "the abandoned task running on the new worker")
    wait_until(
        lambda: stack.manage("shell", "-c", TASK_STATUS).strip().endswith("SUCCESSFUL"),
        "the task recorded as done",
    )
