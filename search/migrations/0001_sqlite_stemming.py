"""English stemming in SQLite's full-text index, as PostgreSQL's has ("english").

Wagtail makes the index's FTS5 table with FTS5's default tokenizer, which matches
words exactly, so "exploited" would not find "exploitation". The table is made again
with the Porter stemmer, and filled again from the index entries it mirrors (Wagtail's
triggers, which name the table, keep it in step from then on). Nothing is done on
PostgreSQL, or where SQLite has no FTS5 and Wagtail searches without it.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry_fts"
COLUMNS = "autocomplete, body, title"


def make_table(schema_editor, tokenizer):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [TABLE])
        if cursor.fetchone() is None:
            return
        cursor.execute(f"DROP TABLE {TABLE}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5({COLUMNS}{tokenizer})"
        )
        cursor.execute(
            f"INSERT INTO {TABLE} (rowid, {COLUMNS}) "
            f"SELECT id, {COLUMNS} FROM wagtailsearch_indexentry"
        )


def stemmed(apps, schema_editor):
    make_table(schema_editor, ", tokenize = 'porter unicode61 remove_diacritics 2'")


def exact(apps, schema_editor):
    make_table(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(stemmed, exact)]
