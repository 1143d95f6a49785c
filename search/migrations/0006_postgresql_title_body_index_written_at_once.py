"""The index on the title and body vectors (0002) written at once, with no pending list.

A GIN index gathers new entries in a pending list, merged into the index only when the list
is full or the table is vacuumed, and every search reads the whole list: with 177 entries
waiting in it, looking up a word that nothing holds took 55 ms instead of a tenth of a
millisecond, and a misspelling is looked up three times. Writing an entry takes a little
longer instead, in the background worker that indexes. Nothing is done on SQLite.
"""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def at_once(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} SET (fastupdate = off)")
        schema_editor.execute(
            "SELECT gin_clean_pending_list(%s::regclass) WHERE to_regclass(%s) IS NOT NULL",
            [INDEX, INDEX],
        )


def with_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_postgresql_title_and_body_vector")]

    operations = [migrations.RunPython(at_once, with_pending_list)]
