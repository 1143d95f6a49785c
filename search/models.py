"""The search words editors maintain (groups of words and phrases that mean the same), and
Wagtail's index entries as this app reads them on PostgreSQL."""

import re

from django.contrib.postgres.search import SearchVectorField
from django.db import models

SEPARATOR = "="
TITLE_AND_BODY_COLUMN = "search_title_and_body"


def words_of(text):
    """The lower-case words of `text`, as the search box keeps them."""
    return tuple(re.findall(r"\w+", text.lower()))


class Synonym(models.Model):
    """Words and phrases people use for one thing, e.g. "MASH = Multi-Agency Safeguarding
    Hub = front door". A search for any of them finds material that uses any other."""

    terms = models.CharField(
        max_length=400,
        unique=True,
        help_text='The words or phrases that mean the same, separated by "=", e.g. '
        '"MASH = Multi-Agency Safeguarding Hub = front door".',
    )

    panels = ["terms"]

    class Meta:
        ordering = ["terms"]
        verbose_name = "search synonym"

    def __str__(self):
        return self.terms

    @property
    def alternatives(self):
        """Each phrase as its words: (("mash",), ("multi", "agency", ...), ...)."""
        phrases = (words_of(part) for part in self.terms.split(SEPARATOR))
        return tuple(dict.fromkeys(phrase for phrase in phrases if phrase))


class IndexEntryVector(models.Model):
    """Wagtail's search index entries (its table, which it writes), as PostgreSQL holds
    them: with their title and body vectors stored together too (search/migrations/0005),
    so that matching an entry does not join the two first. Read on PostgreSQL only."""

    id = models.AutoField(primary_key=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.DO_NOTHING, related_name="+"
    )
    object_id = models.CharField(max_length=50)
    title_norm = models.FloatField()
    title = SearchVectorField()
    body = SearchVectorField()
    title_and_body = SearchVectorField(db_column=TITLE_AND_BODY_COLUMN)

    class Meta:
        managed = False
        db_table = "wagtailsearch_indexentry"

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}"
