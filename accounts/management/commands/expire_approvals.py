from django.core.management.base import BaseCommand

from accounts import approval


class Command(BaseCommand):
    help = (
        "Take practitioners whose approval has passed its date out of their group and "
        "tell them. The scheduler (manage.py crontask) runs it every five minutes; until "
        "it has, the site withholds the group of a lapsed approval on every request."
    )

    def handle(self, *args, **options):
        count = approval.expire_overdue()
        self.stdout.write(f"{count} approval(s) expired.")
