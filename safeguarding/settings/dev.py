"""Local development: `make run`. Never used in production."""

import os

from .base import *  # noqa: F403

DEBUG = True
# Made at random on the first run and kept in the ignored var/ folder (as `make serve`
# does): a published key would let anyone forge sign-in and confirmation links on a
# development server that others can reach.
SECRET_KEY = os.environ.get("SECRET_KEY") or secret_key_from(BASE_DIR / "var" / "secret_key")  # noqa: F405
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# Tasks on the database queue, run by the worker that `make run` starts beside the
# server. Mail goes through it too, and is then printed on the console and written to
# var/mail/ (one .log file per message) for a developer to open.
TASKS = DATABASE_TASKS  # noqa: F405
MAILERS = {
    "default": {"BACKEND": "background.mail.QueuedEmailBackend"},
    "delivery": {
        "BACKEND": "background.mail.DevelopmentEmailBackend",
        "OPTIONS": {"file_path": str(BASE_DIR / "var" / "mail")},  # noqa: F405
    },
}

# Serve static files straight from the apps, no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# load_demo creates the demo users only where this is on.
DEMO_USERS_ENABLED = True
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-valley-2026")
