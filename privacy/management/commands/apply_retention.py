from django.conf import settings
from django.core.management.base import BaseCommand

from privacy.services import retention_apply


class Command(BaseCommand):
    help = (
        'Anonymise the people with no activity for PARTNERSHIP_RETENTION_DAYS days (reason "retention"); '
        "--dry-run lists them and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list the people due, anonymise nobody")

    def handle(self, *args, dry_run, **options):
        days = settings.RETENTION_DAYS
        if not days:
            self.stdout.write("Retention is off (PARTNERSHIP_RETENTION_DAYS is not set): nobody anonymised.")
            return
        due = retention_apply(days=days, dry_run=dry_run)
        for pk, last in due:
            self.stdout.write(f"#{pk}\tlast activity {last:%Y-%m-%d}")
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(f"{len(due)} people with no activity for {days} days {verb}.")
