"""Restores that must not go ahead, and leave the database and media folder as they were."""

import gzip
import hashlib
import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import User
from backups import databases
from backups.archive import FORMAT, FORMAT_VERSION
from backups.errors import BackupError


@pytest.fixture
def media_root(settings, tmp_path):
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "existing.pdf").write_bytes(b"%PDF- an editor's upload")
    settings.MEDIA_ROOT = str(media)
    return media


@pytest.fixture
def site_state(db, media_root):
    """A function giving what a refused restore must leave as it was."""
    User.objects.create_user(email="stays@example.org", username="stays@example.org")

    def state():
        files = {
            path.relative_to(media_root).as_posix(): path.read_bytes()
            for path in sorted(media_root.rglob("*"))
            if path.is_file()
        }
        users = sorted(User.objects.values_list("email", flat=True))
        return files, users, databases.tables(connection)

    return state


def write_tar(path, members):
    """A gzip-compressed tar file holding `members` ({name: bytes}), in order."""
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def manifest(files, **changes):
    listed = {
        name: {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in files.items()
    }
    database_file = databases.DATABASE_FILES[connection.vendor]
    content = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": "2026-12-01T02:00:00+00:00",
        "database": {"engine": connection.vendor, "file": database_file},
        "files": listed,
        **changes,
    }
    return json.dumps(content).encode()


def sound_files():
    database_file = databases.DATABASE_FILES[connection.vendor]
    return {database_file: b"a database", "media/documents/backed-up.pdf": b"%PDF- backed up"}


def other_engine():
    return "postgresql" if connection.vendor == "sqlite" else "sqlite"


def unsound_archives(tmp_path):
    files = sound_files()
    sound = manifest(files)
    altered = {**files, "media/documents/backed-up.pdf": b"%PDF- altered"}
    valid = write_tar(tmp_path / "valid.tar.gz", {**files, "manifest.json": sound})
    return {
        "not gzip": (tmp_path / "a.tar.gz", b"PK\x03\x04 a zip file", "cannot be read"),
        "cut short": (
            tmp_path / "b.tar.gz",
            valid.read_bytes()[: valid.stat().st_size // 2],
            "cannot be read",
        ),
        "gzip but no tar": (tmp_path / "c.tar.gz", gzip.compress(b"hello"), "cannot be read"),
        "a path outside": (
            write_tar(tmp_path / "d.tar.gz", {"../escaped.txt": b"x", "manifest.json": sound}),
            None,
            "holds '../escaped.txt'",
        ),
        "another kind of file": (
            write_tar(tmp_path / "e.tar.gz", {"settings.py": b"x", "manifest.json": sound}),
            None,
            "holds 'settings.py'",
        ),
        "no manifest": (write_tar(tmp_path / "f.tar.gz", files), None, "has no manifest.json"),
        "a manifest of something else": (
            write_tar(tmp_path / "g.tar.gz", {**files, "manifest.json": b'{"format": "x"}'}),
            None,
            "unknown manifest",
        ),
        "a later format": (
            write_tar(
                tmp_path / "h.tar.gz",
                {**files, "manifest.json": manifest(files, format_version=FORMAT_VERSION + 1)},
            ),
            None,
            f"backup format version {FORMAT_VERSION + 1}",
        ),
        "a file that does not match its checksum": (
            write_tar(tmp_path / "i.tar.gz", {**altered, "manifest.json": sound}),
            None,
            "media/documents/backed-up.pdf does not match its checksum",
        ),
        "a listed file missing": (
            write_tar(tmp_path / "j.tar.gz", {"manifest.json": sound}),
            None,
            "is listed in its manifest but missing",
        ),
        "another engine": (
            write_tar(
                tmp_path / "k.tar.gz",
                {
                    **files,
                    "manifest.json": manifest(
                        files, database={"engine": other_engine(), "file": "database.x"}
                    ),
                },
            ),
            None,
            "from one engine into the other is not supported",
        ),
    }


UNSOUND = [
    "not gzip",
    "cut short",
    "gzip but no tar",
    "a path outside",
    "another kind of file",
    "no manifest",
    "a manifest of something else",
    "a later format",
    "a file that does not match its checksum",
    "a listed file missing",
    "another engine",
]


@pytest.mark.parametrize("kind", UNSOUND)
def test_an_unsound_archive_is_refused_and_nothing_changes(kind, site_state, tmp_path):
    path, data, reason = unsound_archives(tmp_path)[kind]
    if data is not None:
        path.write_bytes(data)
    before = site_state()
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path), force=True)
    message = str(refused.value)
    assert reason in message
    assert message.endswith("Nothing was changed.")
    assert site_state() == before
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_a_missing_archive_is_named(site_state, tmp_path):
    with pytest.raises(CommandError, match="There is no backup archive at .*nowhere.tar.gz"):
        call_command("restore", str(tmp_path / "nowhere.tar.gz"))


def test_a_database_with_content_is_not_overwritten_unless_forced(site_state, tmp_path):
    files = sound_files()
    archive = write_tar(tmp_path / "sound.tar.gz", {**files, "manifest.json": manifest(files)})
    before = site_state()
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive))
    message = str(refused.value)
    assert message.startswith("Refusing to restore: the database ")
    assert "and the media folder" in message
    assert "--force (make restore FORCE=1)" in message
    assert message.endswith("Nothing was changed.")
    assert site_state() == before


def test_pg_dump_older_than_the_server_is_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(databases, "tool_version", lambda tool: ("pg_dump 14.9", 14))
    monkeypatch.setattr(databases, "server_major", lambda connection: 16)
    with pytest.raises(BackupError, match="pg_dump 14 is older than the PostgreSQL 16 server"):
        databases.dump_postgresql(connection, tmp_path / "dump")
    assert not (tmp_path / "dump").exists()


def test_missing_postgresql_tools_are_named(monkeypatch):
    monkeypatch.setattr(databases.shutil, "which", lambda tool: None)
    with pytest.raises(BackupError, match="pg_dump was not found.*postgresql-client"):
        databases.find_tool("pg_dump")
