"""Tasks that the queue's tests enqueue (importable by path, as the worker needs)."""

import time
from pathlib import Path

from django.tasks import task

CALLS = []


@task
def record(value):
    CALLS.append(value)
    return value


@task
def always_fails():
    raise ConnectionRefusedError("The far end is down.")


@task
def slow_the_first_time(path, seconds):
    """Write `path`, after sleeping `seconds` on the first run only (marked by `path`.started):
    a task that a test can kill its worker in the middle of, and see run again."""
    started = Path(f"{path}.started")
    if not started.exists():
        started.touch()
        time.sleep(seconds)
    with open(path, "a") as file:
        file.write("done\n")
