"""Tasks that the queue's tests enqueue (importable by path, as the worker needs)."""

import time

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
def sleep_then_write(path, seconds):
    """Sleep, then write the file: a task that a test can kill its worker in the middle of."""
    time.sleep(seconds)
    with open(path, "a") as file:
        file.write("done\n")
