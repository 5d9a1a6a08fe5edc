from django.core.management.base import BaseCommand

from common.backup import restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into an empty database (after `migrate`) and the file storage; "
        "an encrypted archive is decrypted with PARTNERSHIP_BACKUP_KEY."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the zip file `backup` wrote")

    def handle(self, *args, archive, **options):
        tables, rows, files = restore_backup(archive)
        self.stdout.write(f"Restored {rows} rows of {tables} tables and {files} files from {archive}.")
