"""Dumping and loading the whole database with each engine's own tools.

SQLite is copied through its online backup API, so the copy is consistent while the
site keeps writing. PostgreSQL is dumped by pg_dump (custom format) and loaded by
psql in one transaction, so a restore that fails changes nothing.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings

from backups.errors import BackupError

# The file that holds the database inside an archive, per engine.
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
TOOL_TIMEOUT = 3600  # seconds


def engine(connection):
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Backups cover SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def database_name(connection):
    return str(connection.settings_dict["NAME"])


def tables(connection):
    """Every table and view in the database, whatever app made it: {name: "t" or "v"}."""
    with connection.cursor() as cursor:
        return {
            info.name: "v" if info.type == "v" else "t"
            for info in connection.introspection.get_table_list(cursor)
        }


def cache_tables():
    """Tables of Django's database cache: their structure is kept, their rows are not."""
    return [
        cache["LOCATION"]
        for cache in settings.CACHES.values()
        if cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    ]


def dump(connection, path):
    """Write the whole database to `path`; return what the manifest records about it."""
    if engine(connection) == "sqlite":
        return dump_sqlite(connection, path)
    return dump_postgresql(connection, path)


def load(connection, path, replace_tables):
    """Load a dump made by `dump` in place of `replace_tables` (as `tables` lists them)."""
    if engine(connection) == "sqlite":
        load_sqlite(connection, path)
    else:
        load_postgresql(connection, path, replace_tables)


# SQLite -------------------------------------------------------------------------


def dump_sqlite(connection, path):
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
        existing = {row[0] for row in target.execute("SELECT name FROM sqlite_master")}
        for table in cache_tables():
            if table in existing:
                target.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
        target.commit()
    finally:
        target.close()
    return {"sqlite_version": sqlite3.sqlite_version}


def load_sqlite(connection, path):
    # The backup API replaces every page of the target in one step, tables that the
    # copy does not have included.
    source = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        connection.ensure_connection()
        source.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not restore the database: {error}") from error
    finally:
        source.close()
        connection.close()


# PostgreSQL ---------------------------------------------------------------------


def postgres_command(connection, tool, parameters):
    """The command line and environment for a PostgreSQL client tool, connected as Django is."""
    args, env = connection.client.settings_to_cmd_args_env(connection.settings_dict, parameters)
    return [find_tool(tool), *args[1:]], {**os.environ, **(env or {})}


def find_tool(tool):
    path = shutil.which(tool)
    if path is None:
        raise BackupError(
            f"{tool} was not found. Install PostgreSQL's client tools (on Debian: "
            f"apt-get install postgresql-client; `make backup` and `make restore` do this)."
        )
    return path


def tool_version(tool):
    """(the version line, the major version) of a PostgreSQL client tool."""
    line = run([find_tool(tool), "--version"]).strip()
    match = re.search(r"\)\s+(\d+)", line)
    if match is None:
        raise BackupError(f"Could not read the version of {tool} from {line!r}.")
    return line, int(match.group(1))


def run(command, env=None):
    try:
        result = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=TOOL_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise BackupError(f"{command[0]} did not finish within {TOOL_TIMEOUT} s.") from error
    if result.returncode:
        raise BackupError(
            f"{os.path.basename(command[0])} failed (exit code {result.returncode}):\n"
            f"{result.stderr.strip()}"
        )
    return result.stdout


def server_major(connection):
    connection.ensure_connection()
    return connection.pg_version // 10000


def dump_postgresql(connection, path):
    version_line, tool_major = tool_version("pg_dump")
    server = server_major(connection)
    if tool_major < server:
        # An older pg_dump refuses a newer server, or misses what it cannot know.
        raise BackupError(
            f"pg_dump {tool_major} is older than the PostgreSQL {server} server. "
            f"Install postgresql-client-{server} (or newer) and try again."
        )
    parameters = ["--format=custom", "--no-owner", "--no-privileges", f"--file={path}"]
    parameters += [f"--exclude-table-data={table}" for table in cache_tables()]
    command, env = postgres_command(connection, "pg_dump", parameters)
    run(command, env)
    return {"server_version": connection.pg_version, "dump_tool": version_line}


def load_postgresql(connection, path, replace_tables):
    folder = os.path.dirname(path)
    script = os.path.join(folder, "restore.sql")
    drops = os.path.join(folder, "drop.sql")
    # pg_restore turns the dump into SQL; psql runs the drops and that SQL as one transaction.
    run([find_tool("pg_restore"), "--no-owner", "--no-privileges", f"--file={script}", path])
    quote = connection.ops.quote_name
    with open(drops, "w") as file:
        for name, kind in sorted(replace_tables.items()):
            what = "VIEW" if kind == "v" else "TABLE"
            file.write(f"DROP {what} IF EXISTS {quote(name)} CASCADE;\n")
    connection.close()
    parameters = ["--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction"]
    parameters += [f"--file={drops}", f"--file={script}"]
    command, env = postgres_command(connection, "psql", parameters)
    try:
        run(command, env)
    except BackupError as error:
        raise BackupError(
            f"PostgreSQL could not restore the database; nothing changed. {error}"
        ) from error
