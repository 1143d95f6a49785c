"""Back up the database and the media folder into one archive, and restore one."""

import datetime
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

from backups import archive, databases, media
from backups.errors import BackupError
from core import site_configuration


@dataclass
class Summary:
    path: Path
    engine: str
    media_files: int
    size: int = 0
    created_at: str = ""

    @property
    def engine_name(self):
        return databases.ENGINE_NAMES[self.engine]


def default_path(now=None):
    now = now or datetime.datetime.now(datetime.UTC)
    return Path(settings.BASE_DIR) / "var" / "backups" / f"{now:%Y%m%dT%H%M%SZ}.tar.gz"


def back_up(path=None):
    """Write the database and every media file to one archive; return what was written."""
    path = Path(path) if path else default_path()
    engine = databases.engine(connection)
    database_file = databases.DATABASE_FILES[engine]
    created_at = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    with tempfile.TemporaryDirectory(prefix="safeguarding-backup-") as work:
        dump = Path(work) / database_file
        details = databases.dump(connection, dump)
        # Listed after the dump, so that every file the dumped rows name was already there.
        media_files = media.files(settings.MEDIA_ROOT)
        with archive.ArchiveWriter(path) as writer:
            writer.add_file(database_file, dump)
            for name, source in media_files:
                try:
                    writer.add_file(f"{archive.MEDIA}/{name}", source)
                except FileNotFoundError:
                    continue  # Deleted since the folder was listed: not part of this backup.
            writer.finish(
                {
                    "format": archive.FORMAT,
                    "format_version": archive.FORMAT_VERSION,
                    "created_at": created_at,
                    "database": {"engine": engine, "file": database_file, **details},
                }
            )
        media_count = len(writer.files) - 1
    return Summary(path, engine, media_count, path.stat().st_size)


def restore(path, force=False):
    """Restore an archive made by `back_up` into this site's database and media folder.

    Refuses, changing nothing, when the archive is not sound, was made from another
    engine, or when the database or media folder holds anything and `force` is not set.
    """
    engine = databases.engine(connection)
    with tempfile.TemporaryDirectory(prefix="safeguarding-restore-") as work:
        try:
            manifest = archive.unpack(path, work, set(databases.DATABASE_FILES.values()))
            database = manifest["database"]
            check_engine(database.get("engine"), engine)
            if database.get("file") not in manifest["files"]:
                raise BackupError(f"{path} holds no database file.")
            existing = databases.tables(connection)
            media_count = media.count(settings.MEDIA_ROOT)
            if (existing or media_count) and not force:
                raise BackupError(refusal(existing, media_count))
        except BackupError as error:
            raise BackupError(f"{error} Nothing was changed.") from error
        databases.load(connection, Path(work) / database["file"], existing)
        media.replace(settings.MEDIA_ROOT, Path(work) / archive.MEDIA)
    # Running app servers read the restored configuration anew (a restore sends no signal).
    site_configuration.new_generation()
    files = sum(1 for name in manifest["files"] if name.startswith(f"{archive.MEDIA}/"))
    return Summary(Path(path), engine, files, created_at=str(manifest.get("created_at")))


def check_engine(archived, current):
    if archived == current:
        return
    names = databases.ENGINE_NAMES
    if archived not in names:
        raise BackupError(f"The archive names an unknown database engine, {archived!r}.")
    raise BackupError(
        f"The archive holds a {names[archived]} database and this site uses {names[current]}. "
        f"Restore it into {names[archived]} (set DATABASE_URL accordingly): a restore "
        f"from one engine into the other is not supported."
    )


def refusal(existing, media_count):
    held = []
    if existing:
        examples = ", ".join(sorted(existing)[:3]) + (", …" if len(existing) > 3 else "")
        held.append(
            f"the database {databases.database_name(connection)} has {len(existing)} "
            f"tables ({examples})"
        )
    if media_count:
        held.append(f"the media folder {settings.MEDIA_ROOT} holds {media_count} files")
    return (
        f"Refusing to restore: {' and '.join(held)}. Restore into an empty database and an "
        f"empty media folder, or replace everything in them with --force (make restore FORCE=1)."
    )
