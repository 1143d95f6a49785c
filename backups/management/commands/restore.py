from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from backups.errors import BackupError
from backups.operations import restore


class Command(BaseCommand):
    help = (
        "Restore an archive made by `backup` into an empty database and media folder. "
        "Stop the site first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive (.tar.gz) that `backup` wrote.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace everything already in the database and the media folder.",
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            summary = restore(archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        except OperationalError as error:
            raise CommandError(f"Could not reach the database: {error}") from error
        self.stdout.write(
            f"Restored {summary.path} (made {summary.created_at}): the {summary.engine_name} "
            f"database and {summary.media_files} media files. If this code is newer than the "
            f"backup, run `manage.py migrate` next."
        )
