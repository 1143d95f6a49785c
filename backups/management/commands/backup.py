from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from backups.errors import BackupError
from backups.operations import back_up


class Command(BaseCommand):
    help = (
        "Write the database and every media file to one archive "
        "(default: var/backups/<UTC time>.tar.gz)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Where to write the archive (.tar.gz).")

    def handle(self, *args, output=None, **options):
        try:
            summary = back_up(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        except OperationalError as error:
            raise CommandError(f"Could not reach the database: {error}") from error
        self.stdout.write(
            f"Backup written to {summary.path} ({summary.size:,} bytes): the {summary.engine_name} "
            f"database and {summary.media_files} media files."
        )
