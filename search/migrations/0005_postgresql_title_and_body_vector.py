"""The title and body vectors of Wagtail's index entries, stored together on PostgreSQL.

Wagtail's database backend matches `title || body`, which PostgreSQL joins anew for
every entry it tests: half the time of testing one. A generated column keeps the two
together, written by PostgreSQL whenever Wagtail writes an entry, and `search.results`
matches this site's pages against it. Nothing is done on SQLite.

While the column exists, PostgreSQL refuses to change the type of `title` or `body`: a
Wagtail upgrade that did would need this migration reversed first, then applied again.
"""

from django.db import migrations, models

TABLE = "wagtailsearch_indexentry"
COLUMN = "search_title_and_body"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS {COLUMN} tsvector "
            "GENERATED ALWAYS AS (title || body) STORED"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("search", "0004_trigram_extension"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(create, drop),
        migrations.CreateModel(
            name="IndexEntryVector",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={"managed": False, "db_table": TABLE},
        ),
    ]
