import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import corpus


class Command(BaseCommand):
    help = (
        "Add a partnership's library at full size, for measuring search: articles on several "
        "sites and documents with text, one in ten restricted to an area's practitioners "
        "(demo/corpus.py). Run it once, after load_demo: it refuses to add the corpus twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=10_000, help="articles (10,000)")
        parser.add_argument("--documents", type=int, default=2_000, help="documents (2,000)")

    def handle(self, *args, pages, documents, **options):
        started = time.monotonic()
        try:
            with transaction.atomic():
                articles, resources, groups = corpus.load(pages, documents)
        except corpus.CorpusExists as error:
            raise CommandError(str(error)) from error
        corpus.analyse()  # after the commit, so that the new rows are counted
        self.stdout.write(
            f"Search corpus loaded in {time.monotonic() - started:.0f} s: {len(articles)} "
            f"articles and {len(resources)} documents; practitioner groups: "
            + ", ".join(group.name for group in groups)
        )
