"""Many people sending comments at once, on PostgreSQL: none lost, none made twice.

Each form is sent twice at the same moment (a double click), from its own address, by
threads that each use their own database connection, as app server workers do.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from comments.models import Comment
from comments.tests.conftest import form_data

FORMS = 200
THREADS = 16  # well inside PostgreSQL's connection limit


# Decided before any fixture touches the database. The test commits for real, so the
# tables are emptied after it and what the migrations put there is restored.
pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: set DATABASE_URL",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_concurrent_comments_are_neither_lost_nor_duplicated(open_article):
    # Statistics, as autovacuum keeps them on a running site: without them PostgreSQL
    # guesses every table is large, and compiles the site-settings join with JIT, which
    # takes seconds per request.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    forms = [(form_data(body=f"Comment number {n}"), f"198.51.100.{n}") for n in range(FORMS)]
    url = f"/have-your-say/{open_article.pk}/"

    def send(form_and_address):
        data, address = form_and_address
        try:
            return Client(REMOTE_ADDR=address).post(url, data).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = list(pool.map(send, [form for form in forms for _ in range(2)]))

    assert statuses == [302] * (FORMS * 2)
    bodies = list(Comment.objects.values_list("body", flat=True))
    assert len(bodies) == FORMS
    assert sorted(bodies) == sorted(data["body"] for data, _ in forms)
