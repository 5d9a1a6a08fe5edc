from django.core.management.base import BaseCommand

from common.backup import write_backup


class Command(BaseCommand):
    help = "Write one archive of the whole database (history included) and every uploaded file, with checksums."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the zip file to write, e.g. partnership-2026-12-02.zip")

    def handle(self, *args, archive, **options):
        tables, rows, files = write_backup(archive)
        self.stdout.write(f"Backed up {rows} rows of {tables} tables and {files} files to {archive}.")
