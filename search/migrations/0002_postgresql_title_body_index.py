"""An index on what PostgreSQL searches: the title and body vectors together.

Wagtail's database backend matches `title || body` against the query, but indexes
`title` and `body` apart, so PostgreSQL can neither use an index for the match nor
estimate how many entries match. With a library of thousands of entries it then guesses
one, and joins every entry to every page one by one: seconds for a common word. This
expression index gives it both the index and, after ANALYZE, the statistics. Nothing is
done on SQLite, whose FTS5 table is its index.
"""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_sqlite_stemming")]

    operations = [migrations.RunPython(create, drop)]
