"""The search words editors maintain: groups of words and phrases that mean the same."""

import re

from django.db import models

SEPARATOR = "="


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
