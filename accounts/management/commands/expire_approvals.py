from django.core.management.base import BaseCommand

from accounts import approval


class Command(BaseCommand):
    help = (
        "Take practitioners whose approval has passed its date out of their group and "
        "tell them. Run it daily from a scheduler (cron, systemd timer); the site also "
        "expires an approval when its holder next makes a request."
    )

    def handle(self, *args, **options):
        count = approval.expire_overdue()
        self.stdout.write(f"{count} approval(s) expired.")
