import datetime

from django.core.management.base import BaseCommand, CommandError

from agreements.services import expire_due_agreements


class Command(BaseCommand):
    help = "Mark every signed, active or suspended agreement past its expiry date as expired. Run daily."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"--date: {date!r} is not a date such as 2026-11-26.") from None
        expired = expire_due_agreements(today=today)
        for agreement in expired:
            self.stdout.write(f"expired: #{agreement.pk} {agreement.title} (expiry date {agreement.expires_on})")
        self.stdout.write(f"Agreements expired: {len(expired)}.")
