"""One log record per request and per task, with ids and no personal data."""

import logging

import pytest
from django.tasks import task

from core.logs import REQUEST_LOGGER, TASK_LOGGER

pytestmark = pytest.mark.django_db


def records(caplog, logger):
    return [record for record in caplog.records if record.name == logger]


def test_each_request_is_logged_once_with_its_route_and_status(client, caplog):
    caplog.set_level(logging.INFO, logger=REQUEST_LOGGER)
    client.get("/robots.txt?utm_source=newsletter")
    [record] = records(caplog, REQUEST_LOGGER)
    assert record.event == "request"
    assert (record.method, record.status, record.view) == ("GET", 200, "robots_txt")
    assert record.route == "robots.txt"
    assert record.duration_ms >= 0
    assert "newsletter" not in str(vars(record))


def test_a_key_in_a_link_is_never_logged(client, caplog):
    caplog.set_level(logging.INFO, logger=REQUEST_LOGGER)
    client.get("/accounts/password/reset/key/1-secretkey/")
    client.get("/accounts/confirm-email/secretkey/")
    logged = records(caplog, REQUEST_LOGGER)
    assert len(logged) == 2
    assert all("secretkey" not in str(vars(record)) for record in logged)
    assert logged[1].view == "account_confirm_email"
    assert logged[1].route.startswith("accounts/confirm-email/")


def test_a_page_is_logged_by_its_path(client, caplog):
    caplog.set_level(logging.INFO, logger=REQUEST_LOGGER)
    client.get("/no-such-page/")
    [record] = records(caplog, REQUEST_LOGGER)
    assert (record.view, record.path, record.status) == ("wagtail_serve", "/no-such-page/", 404)


def test_a_signed_in_visitor_is_logged_by_id_only(client, caplog, django_user_model):
    user = django_user_model.objects.create_user(
        username="logged@example.org", email="logged@example.org", password=None
    )
    client.force_login(user)
    caplog.set_level(logging.INFO, logger=REQUEST_LOGGER)
    client.get("/robots.txt")
    [record] = records(caplog, REQUEST_LOGGER)
    assert record.user_id == user.pk
    assert "logged@example.org" not in str(vars(record))


@task
def add(a, b):
    return a + b


@task
def refuse(address):
    raise ValueError(f"mail to {address} refused")


def test_each_task_is_logged_with_its_name_id_status_and_duration(caplog):
    caplog.set_level(logging.INFO, logger=TASK_LOGGER)
    result = add.enqueue(2, 3)
    [record] = records(caplog, TASK_LOGGER)
    assert record.levelno == logging.INFO
    assert (record.event, record.task, record.task_id) == (
        "task",
        "core.tests.test_logs.add",
        str(result.id),
    )
    assert record.status == "SUCCESSFUL"
    assert record.duration_ms >= 0


def test_a_failed_task_is_logged_as_an_error_by_its_class_alone(caplog):
    caplog.set_level(logging.INFO, logger=TASK_LOGGER)
    refuse.enqueue("someone@example.org")
    [record] = records(caplog, TASK_LOGGER)
    assert record.levelno == logging.ERROR
    assert (record.status, record.error) == ("FAILED", "builtins.ValueError")
    assert "someone@example.org" not in str(vars(record))
