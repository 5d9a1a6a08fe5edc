import datetime

from django.core.management.base import BaseCommand, CommandError

from overview.reminders import send_digests


class Command(BaseCommand):
    help = "Email today's reminder digests (actions due and overdue, agreements expiring, stale drafts). Run daily."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print what would be sent; send nothing.")
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, dry_run=False, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"--date: {date!r} is not a date such as 2026-11-26.") from None
        digests = send_digests(today=today, dry_run=dry_run)
        for digest in digests:
            self.stdout.write(f"{digest.user.email}: {digest.summary()}")
        verb = "would send" if dry_run else "sent"
        self.stdout.write(f"Reminders: {verb} {len(digests)} digest(s).")
