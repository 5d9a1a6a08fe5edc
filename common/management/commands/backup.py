from django.conf import settings
from django.core.management.base import BaseCommand

from common.backup import write_backup


class Command(BaseCommand):
    help = (
        "Write one archive of the whole database (history included) and every uploaded file, with checksums: "
        "readable by its owner only, and encrypted when PARTNERSHIP_BACKUP_KEY is set."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the zip file to write, e.g. partnership-2026-12-02.zip")

    def handle(self, *args, archive, **options):
        tables, rows, files = write_backup(archive)
        encrypted = " Encrypted with PARTNERSHIP_BACKUP_KEY." if settings.BACKUP_KEY else ""
        self.stdout.write(f"Backed up {rows} rows of {tables} tables and {files} files to {archive}.{encrypted}")
