"""Production: `make serve` and real deployments.

Secrets and hosts come from the environment. The site refuses to start
without SECRET_KEY, ALLOWED_HOSTS and WAGTAILADMIN_BASE_URL rather than fall back
to an unsafe or wrong value, and without a cache that every worker shares.
"""

import os

from django.core.exceptions import ImproperlyConfigured
from pythonjsonlogger.core import RESERVED_ATTRS

from .base import *  # noqa: F403


def require_env(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


def env_flag(name, default):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")
# The site's public address, for links in the emails the admin sends.
WAGTAILADMIN_BASE_URL = require_env("WAGTAILADMIN_BASE_URL")

# Persistent database connections: a request reuses its worker's connection for up to
# DATABASE_CONN_MAX_AGE seconds (10 minutes unless set; 0 opens one per request) instead of
# connecting again, and a connection that went away is noticed before it is used.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", 600))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
ALLOWED_HOSTS = [host.strip() for host in require_env("ALLOWED_HOSTS").split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = [
    origin.strip() for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]

# HTTPS everywhere. `make serve` on a laptop turns SECURE_SSL_REDIRECT off
# because it has no certificate; behind a real proxy it stays on.
# Proxies in front of the app servers that add the visitor's address to X-Forwarded-For
# (1 behind the stack's Varnish). allauth counts sign-in attempts per address from it;
# 0, the default, trusts no header and takes the address of the connection, which
# behind a proxy is the proxy's own, shared by every visitor.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))

SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
# Subdomains and the browsers' preload list are opt-in: both bind every host under the
# domain to HTTPS for as long as the header says, and preloading cannot be undone
# quickly. Django's deploy check warns while either is off; that choice is deliberate.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
SESSION_COOKIE_SECURE = env_flag("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_flag("SECURE_COOKIES", True)
SESSION_COOKIE_HTTPONLY = True

# One cache for every worker and app server: used authenticator codes and rate-limit
# counts live there, so a cache private to each process would let one code sign in
# once per worker and multiply every limit. Redis when REDIS_URL is set, else a table
# in the database, which `migrate` creates (core/apps.py). core refuses to start
# with a cache of the process's own (REQUIRE_SHARED_CACHE).
if not os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "safeguarding_cache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,  # noqa: F405
            # Past this many entries Django deletes a third of them, used codes and
            # rate-limit counts included; its default of 300 is soon reached.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
        "fragments": FRAGMENTS_CACHE,  # noqa: F405
    }
REQUIRE_SHARED_CACHE = True


# Every task on the database queue, run by `manage.py run_worker` (`make serve` starts
# one beside the app servers), with scheduled jobs from `manage.py crontask`.
TASKS = DATABASE_TASKS  # noqa: F405

# Mail is queued in the request and sent by the worker (background/mail.py), with
# retries while the mail server is away. Without EMAIL_HOST it goes to this machine's
# own mail server (localhost:25, plain SMTP); with it, port 587 and STARTTLS unless
# EMAIL_PORT and EMAIL_USE_TLS say otherwise.
mail_host = os.environ.get("EMAIL_HOST", "").strip()
MAILERS = {
    "default": {"BACKEND": "background.mail.QueuedEmailBackend"},
    "delivery": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": mail_host or "localhost",
            "port": int(os.environ.get("EMAIL_PORT", 587 if mail_host else 25)),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_flag("EMAIL_USE_TLS", bool(mail_host)),
            "timeout": int(os.environ.get("EMAIL_TIMEOUT", 30)),
        },
    },
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

DEMO_USERS_ENABLED = False

# One JSON object per line on standard error, for every record: `time`, `level`, `logger`,
# `message` and the record's fields. Each request and each background task writes one
# (core/logs.py, loggers "safeguarding.requests" and "safeguarding.tasks"). Django hangs
# the request on some records; it is left out, as its text carries the query string.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "{levelname}{name}{message}",
            "style": "{",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
            "reserved_attrs": [*RESERVED_ATTRS, "request"],
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # The scheduler's own bookkeeping (a line every few seconds) only when it goes wrong;
    # core/logs.py writes one record per task, so Django's own would repeat it.
    "loggers": {"apscheduler": {"level": "WARNING"}, "django.tasks": {"level": "WARNING"}},
}
