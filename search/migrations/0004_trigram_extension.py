from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm, for the spelling suggestions on PostgreSQL; does nothing on SQLite."""

    dependencies = [("search", "0003_synonym")]

    operations = [TrigramExtension()]
