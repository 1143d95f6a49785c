"""The backup archive: one gzip-compressed tar file.

    database.sqlite3 or database.pgdump   the whole database
    media/<path>                          every file in the media folder
    manifest.json                         format, engine, when, and each file's SHA-256

Reading checks everything before anything is restored: only the names above, only
plain files, each listed in the manifest with the same size and checksum, and no
listed file missing.
"""

import hashlib
import io
import json
import os
import tarfile
import time
import zlib
from pathlib import Path, PurePosixPath

from backups.errors import BackupError

FORMAT = "safeguarding-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
CHUNK = 1024 * 1024


class HashingReader:
    """Reads a file for tarfile, hashing exactly the bytes that go into the archive."""

    def __init__(self, file):
        self.file = file
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.sha256.update(data)
        return data


class ArchiveWriter:
    """Writes an archive to a hidden partial file, renamed into place when complete."""

    def __init__(self, path):
        self.path = Path(path)
        self.partial = self.path.with_name(f".{self.path.name}.partial")
        self.files = {}

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # The archive holds personal data and password hashes: readable by its owner only.
        descriptor = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        self.tar = tarfile.open(fileobj=os.fdopen(descriptor, "wb"), mode="w:gz")
        return self

    def add_file(self, name, source):
        with open(source, "rb") as file:
            info = tarfile.TarInfo(name)
            info.size = os.fstat(file.fileno()).st_size
            info.mtime = int(os.fstat(file.fileno()).st_mtime)
            info.mode = 0o600
            reader = HashingReader(file)
            self.tar.addfile(info, reader)
        self.files[name] = {"size": info.size, "sha256": reader.sha256.hexdigest()}

    def finish(self, manifest):
        data = json.dumps({**manifest, "files": self.files}, indent=2).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mode = 0o600
        info.mtime = int(time.time())
        self.tar.addfile(info, io.BytesIO(data))

    def __exit__(self, kind, error, traceback):
        fileobj = self.tar.fileobj
        self.tar.close()
        fileobj.close()
        if error is None:
            os.replace(self.partial, self.path)
        else:
            self.partial.unlink(missing_ok=True)


def safe_name(name, database_files):
    """True when `name` is one an archive may hold, and stays inside the folder it goes to."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\\" in name or name != path.as_posix():
        return False
    if name == MANIFEST or name in database_files:
        return True
    return len(path.parts) > 1 and path.parts[0] == MEDIA


def unpack(path, folder, database_files):
    """Unpack the archive at `path` into `folder` and check it; return its manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no backup archive at {path}.")
    not_ours = f"{path} is not a backup made by `make backup`"
    found = {}
    try:
        with tarfile.open(path, mode="r:gz") as tar:
            for member in tar:
                if not member.isfile() or not safe_name(member.name, database_files):
                    raise BackupError(f"{not_ours}: it holds {member.name!r}.")
                if member.name in found:
                    raise BackupError(f"{not_ours}: it holds {member.name!r} twice.")
                found[member.name] = extract(tar, member, Path(folder) / member.name)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(
            f"{path} cannot be read as a backup archive (damaged, cut short, or not one): {error}."
        ) from error
    if MANIFEST not in found:
        raise BackupError(f"{not_ours}: it has no {MANIFEST}.")
    manifest = read_manifest(Path(folder) / MANIFEST, path)
    del found[MANIFEST]
    check_files(manifest["files"], found, path)
    return manifest


def extract(tar, member, target):
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    source = tar.extractfile(member)
    with open(target, "wb") as file:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            file.write(chunk)
    return {"size": member.size, "sha256": digest.hexdigest()}


def read_manifest(manifest_path, path):
    try:
        manifest = json.loads(manifest_path.read_text())
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"The manifest of {path} is not valid JSON: {error}.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a backup made by `make backup` (unknown manifest).")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise BackupError(
            f"{path} is in backup format version {version}; this site reads version "
            f"{FORMAT_VERSION}. Restore it with the version of the site that made it."
        )
    if not isinstance(manifest.get("files"), dict) or not isinstance(
        manifest.get("database"), dict
    ):
        raise BackupError(f"The manifest of {path} lists no files or no database.")
    return manifest


def check_files(listed, found, path):
    damaged = f"{path} is damaged"
    for name in sorted(found.keys() - listed.keys()):
        raise BackupError(f"{damaged}: it holds {name}, which its manifest does not list.")
    for name in sorted(listed.keys() - found.keys()):
        raise BackupError(f"{damaged}: {name} is listed in its manifest but missing.")
    for name, facts in sorted(found.items()):
        if listed[name] != facts:
            raise BackupError(f"{damaged}: {name} does not match its checksum in the manifest.")
