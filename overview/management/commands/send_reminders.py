import datetime

from django.core.management.base import BaseCommand, CommandError

from notifications.services import notifications_retry
from overview.reminders import partner_action_mails, send_digests


class Command(BaseCommand):
    help = (
        "Email today's reminder digests (actions due and overdue, agreements expiring, stale drafts), retry the "
        "notifications that failed, and send partners the link to report on their actions. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print what would be sent; send nothing.")
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, dry_run=False, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"--date: {date!r} is not a date such as 2026-11-26.") from None
        # Those that failed before first: a notification is tried once per run at most.
        retried = (0, 0) if dry_run else notifications_retry()
        digests = send_digests(today=today, dry_run=dry_run)
        for digest in digests:
            self.stdout.write(f"{digest.user.email}: {digest.summary()}")
        verb = "would send" if dry_run else "sent"
        self.stdout.write(f"Reminders: {verb} {len(digests)} digest(s).")
        partners = partner_action_mails(today=today, dry_run=dry_run)
        if partners:
            self.stdout.write(f"Partners' actions: {verb} {len(partners)} link(s).")
        if any(retried):
            self.stdout.write(f"Notifications retried: sent {retried[0]}, failed again {retried[1]}.")
