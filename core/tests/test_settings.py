"""Production settings refuse to start without their secrets."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION = "safeguarding.settings.production"
# Taken out of the environment that production settings are imported with.
UNSET = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "WAGTAILADMIN_BASE_URL",
    "DATABASE_CONN_MAX_AGE",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_USE_TLS",
    "TRUSTED_PROXY_COUNT",
}


REQUIRED = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "a.example",
    "WAGTAILADMIN_BASE_URL": "https://a.example",
}


def import_production_settings(
    shown="settings.DEBUG, settings.ALLOWED_HOSTS, settings.SECURE_SSL_REDIRECT",
    before="pass",
    **env,
):
    environment = {k: v for k, v in os.environ.items() if k not in UNSET}
    environment |= {"DJANGO_SETTINGS_MODULE": PRODUCTION} | env
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); {before}; "
            f"from django.conf import settings; print({shown})",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        (REQUIRED | {"SECRET_KEY": ""}, "SECRET_KEY"),
        (REQUIRED | {"SECRET_KEY": " "}, "SECRET_KEY"),
        (REQUIRED | {"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        (REQUIRED | {"WAGTAILADMIN_BASE_URL": ""}, "WAGTAILADMIN_BASE_URL"),
    ],
)
def test_production_refuses_to_start_without_secrets(env, missing):
    result = import_production_settings(**env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable for production." in result.stderr


def test_production_starts_with_secrets_and_is_secure_by_default():
    result = import_production_settings(**REQUIRED | {"ALLOWED_HOSTS": "a.example, b.example"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['a.example', 'b.example'] True"


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_database_url_selects_postgresql_for_both_schemes(scheme):
    import dj_database_url

    config = dj_database_url.parse(f"{scheme}://user@127.0.0.1:5432/safeguarding")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert "django.contrib.postgres" in settings.INSTALLED_APPS


DATABASE_CONNECTION = (
    'settings.DATABASES["default"]["CONN_MAX_AGE"], '
    'settings.DATABASES["default"]["CONN_HEALTH_CHECKS"]'
)


@pytest.mark.parametrize(
    ("env", "shown"), [({}, "600 True"), ({"DATABASE_CONN_MAX_AGE": "0"}, "0 True")]
)
def test_production_keeps_database_connections_open_and_checks_them(env, shown):
    result = import_production_settings(DATABASE_CONNECTION, **REQUIRED | env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == shown


HSTS = (
    "settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
    "settings.SECURE_HSTS_PRELOAD"
)
DEPLOY_CHECK = (
    "from django.core.management import call_command; "
    "call_command('check', deploy=True, fail_level='WARNING')"
)


@pytest.mark.parametrize(
    ("flags", "shown"),
    [
        ({}, "31536000 False False"),
        (
            {"SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "SECURE_HSTS_PRELOAD": "true"},
            "31536000 True True",
        ),
    ],
)
def test_hsts_subdomains_and_preload_are_opt_in_and_the_deploy_check_passes(flags, shown):
    result = import_production_settings(HSTS, before=DEPLOY_CHECK, **REQUIRED | flags)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == shown


@pytest.mark.parametrize(
    ("database_url", "shown"),
    [("sqlite:///site.sqlite3", "IMMEDIATE 20"), ("postgresql://u@127.0.0.1/site", "None None")],
)
def test_production_sqlite_writers_wait_for_each_other(database_url, shown):
    options = 'settings.DATABASES["default"].get("OPTIONS", {})'
    result = import_production_settings(
        f'{options}.get("transaction_mode"), {options}.get("timeout")',
        **REQUIRED | {"DATABASE_URL": database_url},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == shown


MAIL_AND_TASKS = (
    'settings.MAILERS["default"]["BACKEND"], '
    '[settings.MAILERS["delivery"]["OPTIONS"][key] for key in ("host", "port", "use_tls")], '
    'settings.TASKS["default"]["BACKEND"]'
)


@pytest.mark.parametrize(
    ("env", "delivery"),
    [
        ({}, "['localhost', 25, False]"),
        ({"EMAIL_HOST": "smtp.example.org"}, "['smtp.example.org', 587, True]"),
        (
            {"EMAIL_HOST": "relay.example.org", "EMAIL_PORT": "25", "EMAIL_USE_TLS": "false"},
            "['relay.example.org', 25, False]",
        ),
    ],
)
def test_production_queues_mail_and_sends_it_by_smtp(env, delivery):
    """Without EMAIL_HOST, the machine's own mail server; with it, STARTTLS on 587 by default."""
    result = import_production_settings(MAIL_AND_TASKS, **REQUIRED, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"background.mail.QueuedEmailBackend {delivery} django_tasks_db.DatabaseBackend"
    )


@pytest.mark.parametrize(("count", "address"), [(None, "127.0.0.1"), ("1", "203.0.113.9")])
def test_sign_in_limits_count_the_visitor_behind_a_trusted_proxy(count, address):
    """Behind Varnish every connection comes from 127.0.0.1: unless the proxy is trusted,
    all visitors would share one count of sign-in attempts."""
    before = (
        "from django.test import RequestFactory; "
        "from allauth.core.internal.httpkit import get_client_ip; "
        "request = RequestFactory().get('/', REMOTE_ADDR='127.0.0.1', "
        "HTTP_X_FORWARDED_FOR='198.51.100.7, 203.0.113.9')"
    )
    env = REQUIRED | ({"TRUSTED_PROXY_COUNT": count} if count else {})
    result = import_production_settings(shown="get_client_ip(request)", before=before, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == address
