"""Spelling: the nearest known words to a misspelt search, from the page titles the
visitor may read and the synonyms editors keep, so a suggestion never shows a word from
material the visitor cannot open.

On PostgreSQL the titles are first narrowed with trigram similarity (pg_trgm, through a
trigram index on titles), so only a handful are read however large the site; on SQLite a
bounded number of titles is read.
"""

import difflib

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Q
from django.db.models.functions import Greatest

from search.models import words_of

VOCABULARY_TITLES = 2000  # titles read on SQLite: a partnership's site, not the web
TRIGRAM_THRESHOLD = 0.3  # pg_trgm's own default for a similar word
TRIGRAM_TITLES = 20
CLOSENESS = 0.8  # difflib's ratio: "trafficing" and "trafficking" are 0.95


def titles_like(queryset, words):
    """The titles of `queryset` worth reading for `words`."""
    if connection.vendor != "postgresql":
        return queryset.values_list("title", flat=True)[:VOCABULARY_TITLES]
    similarities = [TrigramWordSimilarity(word, "title") for word in words]
    similarity = similarities[0] if len(similarities) == 1 else Greatest(*similarities)
    # `word <% title`, which the trigram index on titles answers (search migration 0007),
    # holds where the similarity reaches pg_trgm.word_similarity_threshold: the settings
    # set it to TRIGRAM_THRESHOLD for every connection.
    like_a_word = Q()
    for word in words:
        like_a_word |= Q(title__trigram_word_similar=word)
    return (
        queryset.filter(like_a_word)
        .annotate(similarity=similarity)
        .filter(similarity__gte=TRIGRAM_THRESHOLD)
        .order_by("-similarity")
        .values_list("title", flat=True)[:TRIGRAM_TITLES]
    )


def suggestion(text, pages, synonyms):
    """`text` with each unknown word replaced by the nearest known one, or None when
    no word changes. `pages`: the pages the visitor may read."""
    words = list(words_of(text))
    vocabulary = {
        word for synonym in synonyms for phrase in synonym.alternatives for word in phrase
    }
    for title in titles_like(pages, words):
        vocabulary.update(words_of(title))
    corrected = [
        word if word in vocabulary or len(word) < 4 else nearest(word, vocabulary) for word in words
    ]
    return " ".join(corrected) if corrected != words else None


def nearest(word, vocabulary):
    return next(iter(difflib.get_close_matches(word, vocabulary, n=1, cutoff=CLOSENESS)), word)
