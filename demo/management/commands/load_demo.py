from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Site

from demo.facts import DATA
from demo.loader import load


class Command(BaseCommand):
    help = (
        "Build the Demo Valley partnership site from the data files in demo/data: home page, "
        "articles, help pages, contacts, the resource library and, in development, the demo "
        "users. Safe to run again: it only adds what is missing."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        users = getattr(settings, "DEMO_USERS_ENABLED", False)
        loaded = load(DATA, users=users)
        home = Site.objects.get(is_default_site=True).root_page
        pages = [obj for (kind, _), obj in loaded.items() if kind == "page" and obj.pk != home.pk]
        self.stdout.write(f"Demo site ready: {home.title} with {len(pages)} pages.")
        emails = [obj.email for (kind, _), obj in loaded.items() if kind == "user"]
        if emails:
            self.stdout.write(
                f"Demo users ({', '.join(emails)}) use the password in DEMO_PASSWORD "
                "(see the README)."
            )
