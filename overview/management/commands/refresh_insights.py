from django.core.management.base import BaseCommand

from overview.insights import refresh


class Command(BaseCommand):
    help = (
        "Compute the figures of /insights/ (every language, every filter asked for) into InsightsSnapshot rows. "
        "Run it from cron every few minutes; `--missing` computes only the filters asked for since the last run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="Only the snapshots that have no figures yet.")

    def handle(self, *args, missing, **options):
        done = refresh(only_missing=missing)
        for snapshot in done:
            self.stdout.write(f"{snapshot.key}: {snapshot.seconds:.2f} s")
        self.stdout.write(self.style.SUCCESS(f"{len(done)} insights snapshot(s) computed"))
