"""Production keeps its cache where every worker sees it, and `migrate` makes its table."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from core.shared_state import require_shared_cache

DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "test_shared_cache",
    }
}


def production_with(tmp_path, extra_settings="", **env):
    """Start Django with the production settings plus `extra_settings`; print the cache."""
    (tmp_path / "derived_settings.py").write_text(
        f"from safeguarding.settings.production import *  # noqa: F403\n{extra_settings}\n"
    )
    environment = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "derived_settings",
        "PYTHONPATH": str(tmp_path),
        "SECRET_KEY": "s" * 50,
        "ALLOWED_HOSTS": "a.example",
        "WAGTAILADMIN_BASE_URL": "https://a.example",
    } | env
    cache = 'settings.CACHES["default"]'
    shown = (
        f'{cache}["BACKEND"], {cache}["KEY_PREFIX"], '
        f'{cache}.get("OPTIONS", {{}}).get("MAX_ENTRIES", "")'
    )
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; print({shown})",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_shares_the_database_cache_without_redis(tmp_path):
    result = production_with(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.db.DatabaseCache",
        "safeguarding",
        "100000",
    ]


def test_production_shares_redis_when_it_is_named(tmp_path):
    result = production_with(
        tmp_path, REDIS_URL="redis://127.0.0.1:6379/0", CACHE_KEY_PREFIX="site-two"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.core.cache.backends.redis.RedisCache", "site-two"]


def test_production_refuses_to_start_with_a_cache_of_each_process(tmp_path):
    result = production_with(
        tmp_path,
        'CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}',
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "is not shared by every worker" in result.stderr


@pytest.mark.parametrize(
    ("backend", "refused"),
    [
        ("locmem.LocMemCache", True),
        ("dummy.DummyCache", True),
        ("filebased.FileBasedCache", True),
        ("db.DatabaseCache", False),
        ("redis.RedisCache", False),
    ],
)
def test_only_caches_that_every_worker_shares_are_accepted(tmp_path, backend, refused):
    cache = {"BACKEND": f"django.core.cache.backends.{backend}", "LOCATION": str(tmp_path)}
    with override_settings(REQUIRE_SHARED_CACHE=True, CACHES={"default": cache}):
        if refused:
            with pytest.raises(ImproperlyConfigured, match="not shared by every worker"):
                require_shared_cache()
        else:
            require_shared_cache()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrate_creates_the_database_cache_table():
    assert "test_shared_cache" not in connection.introspection.table_names()
    with override_settings(CACHES=DATABASE_CACHE):
        try:
            call_command("migrate", verbosity=0)
            assert "test_shared_cache" in connection.introspection.table_names()
            assert caches["default"].add("code", "used")
            assert not caches["default"].add("code", "used")
        finally:
            with connection.schema_editor() as editor:
                editor.execute(editor.sql_delete_table % {"table": "test_shared_cache"})
