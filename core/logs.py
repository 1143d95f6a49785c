"""One log record per request and per background task, for the JSON lines of production.

Each record carries its fields as `extra` attributes (production's formatter writes
them out as JSON; settings/production.py). Nothing personal goes in beyond ids: no
email address, no IP address, no query string, and no path that can carry a key
(those of a sign-in or confirmation link): a request names its route, the page's path
only for Wagtail's page view.
"""

import logging
import time

from django.tasks.base import TaskResultStatus
from django.tasks.signals import task_finished

REQUEST_LOGGER = "safeguarding.requests"
TASK_LOGGER = "safeguarding.tasks"
PAGE_VIEW = "wagtail_serve"

request_logger = logging.getLogger(REQUEST_LOGGER)
task_logger = logging.getLogger(TASK_LOGGER)


def request_fields(request, response, seconds):
    match = getattr(request, "resolver_match", None)
    fields = {
        "event": "request",
        "method": request.method,
        "status": response.status_code,
        "duration_ms": round(seconds * 1000, 1),
        "view": match.view_name if match else None,
        "route": match.route if match else None,
    }
    if match and match.url_name == PAGE_VIEW:
        fields["path"] = request.path
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        fields["user_id"] = user.pk
    return fields


class RequestLogMiddleware:
    """Log each request once it is answered. First in MIDDLEWARE, so that it times the
    whole answer and sees its final status."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if request_logger.isEnabledFor(logging.INFO):
            fields = request_fields(request, response, time.perf_counter() - started)
            request_logger.info("request", extra=fields)
        return response


def log_finished_task(sender, task_result, **kwargs):
    """One record per task run: its name and id, how it ended and how long it took. The
    error's class only: an exception's message may quote an address."""
    fields = {
        "event": "task",
        "task": task_result.task.module_path,
        "task_id": str(task_result.id),
        "status": task_result.status.value,
        "backend": task_result.backend,
        "duration_ms": None,
    }
    if task_result.started_at and task_result.finished_at:
        elapsed = task_result.finished_at - task_result.started_at
        fields["duration_ms"] = round(elapsed.total_seconds() * 1000, 1)
    if task_result.errors:
        fields["error"] = task_result.errors[-1].exception_class_path
    level = logging.ERROR if task_result.status == TaskResultStatus.FAILED else logging.INFO
    task_logger.log(level, "task", extra=fields)


def connect():
    task_finished.connect(log_finished_task, dispatch_uid="core.logs.log_finished_task")
