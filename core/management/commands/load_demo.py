from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import demo as accounts_demo
from articles import demo as articles_demo
from core import demo as core_demo
from core.models import PartnershipSettings
from help import demo as help_demo
from home import demo as home_demo
from quickexit import demo as quickexit_demo
from quickexit.models import QuickExitSettings
from resources import demo as resources_demo


class Command(BaseCommand):
    help = (
        "Build the Demo Valley partnership site: home page, articles, help pages, contacts, "
        "the resource library and, in development, the demo users. Safe to run again: it only "
        "adds what is missing."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        site = core_demo.default_site()
        home = home_demo.load_home(site)
        help_demo.load_contact_workflow()
        contacts = help_demo.load_contacts()
        # Before the articles: the child trafficking article lists the library's records.
        library = resources_demo.load_library(home)
        pages = articles_demo.load_articles(home, contacts, library)
        pages["resources"] = library.page
        pages["worried"] = help_demo.load_concern_page(home, contacts, pages["child_trafficking"])
        pages |= home_demo.load_pages(home, contacts)
        pages["staying_safe"] = quickexit_demo.load_staying_safe_page(home, contacts)
        home_demo.load_routes(home, pages)
        load_partnership_settings(site, pages)
        load_quick_exit_settings(site, pages)
        self.stdout.write(f"Demo site ready: {home.title} with {len(pages)} pages.")

        if getattr(settings, "DEMO_USERS_ENABLED", False):
            users = accounts_demo.load_users()
            self.stdout.write(
                f"Demo users ({', '.join(users)}) use the password in DEMO_PASSWORD "
                "(see the README)."
            )


def load_partnership_settings(site, pages):
    partnership = PartnershipSettings.for_site(site)
    if partnership.partnership_name:
        return
    partnership.partnership_name = core_demo.PARTNERSHIP_NAME
    partnership.areas_covered = ", ".join(core_demo.AREAS)
    partnership.worried_page = pages["worried"]
    partnership.accessibility_page = pages["accessibility"]
    partnership.privacy_page = pages["privacy"]
    partnership.save()


def load_quick_exit_settings(site, pages):
    quick_exit = QuickExitSettings.for_site(site)
    if quick_exit.staying_safe_page_id is None:
        quick_exit.staying_safe_page = pages["staying_safe"]
        quick_exit.save()
