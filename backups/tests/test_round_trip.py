"""The demo site, backed up and restored into an empty database and media folder.

The backup is made in the test process from the test database (SQLite, or PostgreSQL
when DATABASE_URL names it), and restored by `manage.py restore` in a process of its
own into a fresh database of the same engine: a SQLite file, or a throwaway PostgreSQL
database beside the test one.
"""

import io
import json
import os
import shutil
import subprocess
import tarfile

import pytest
from django.core.management import call_command
from django.db import connection

from backups.tests.helpers import SNAPSHOT_COMMAND, snapshot
from safeguarding.testing.demo_server import ThrowawayPostgres, manage, run_command

COMMAND_TIMEOUT = 300  # seconds


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def empty_target(tmp_path):
    """(environment for manage.py, media folder) of an empty database and media folder."""
    media = tmp_path / "restored-media"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "safeguarding.settings.test",
        "MEDIA_ROOT": str(media),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        yield env, media
        return
    throwaway = ThrowawayPostgres(os.environ["DATABASE_URL"])
    throwaway.create()
    try:
        env["DATABASE_URL"] = throwaway.url
        yield env, media
    finally:
        throwaway.drop()


def failing_command(args, env):
    """Run a manage.py command that should fail; return what it printed."""
    process = manage(args, env, subprocess.PIPE, subprocess.PIPE)
    stdout, stderr = process.communicate(timeout=COMMAND_TIMEOUT)
    assert process.returncode != 0, f"manage.py {' '.join(args)} succeeded:\n{stdout}"
    return stderr


def shell_json(code, env):
    """What `code`, run by `manage.py shell`, printed as JSON on its last line."""
    return json.loads(run_command(["shell", "-c", code], env).splitlines()[-1])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_demo_site_comes_back_whole(media_root, empty_target, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    original = snapshot()
    for kind in ("pages", "revisions", "contacts", "documents", "users"):
        assert len(original[kind]) > 3, f"the demo has {kind} to restore"
    archive = tmp_path / "demo.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    assert archive.stat().st_mode & 0o777 == 0o600, "only its owner may read a backup"
    with tarfile.open(archive) as tar:
        assert len([name for name in tar.getnames() if name.startswith("media/")]) == len(
            original["documents"]
        )

    env, media = empty_target
    # A file left in the media folder is content too: the restore refuses and changes nothing.
    media.mkdir()
    (media / "left-behind.txt").write_text("an earlier site's upload")
    error = failing_command(["restore", str(archive)], env)
    assert "Refusing to restore: the media folder" in error
    assert "Nothing was changed." in error
    shutil.rmtree(media)

    # Only into an empty database does it go ahead: so the refusal left it empty.
    output = run_command(["restore", str(archive)], env, timeout=COMMAND_TIMEOUT)
    assert f"Restored {archive}" in output
    assert shell_json(SNAPSHOT_COMMAND, env) == original

    # Over itself, with --force, it replaces everything and still comes back the same.
    (media / "stray.txt").write_text("not in the backup")
    run_command(["restore", "--force", str(archive)], env, timeout=COMMAND_TIMEOUT)
    assert shell_json(SNAPSHOT_COMMAND, env) == original
    assert not (media / "stray.txt").exists()
