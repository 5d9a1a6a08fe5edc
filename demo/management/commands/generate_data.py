import time

from django.core.management.base import BaseCommand, CommandError

from demo.generate import generate


class Command(BaseCommand):
    help = "Create realistic workshops, organisations, people and agreements in bulk (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--workshops", type=int, required=True, help="How many workshops to create.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same data (default 1).")

    def handle(self, *args, workshops, seed, verbosity, **options):
        if workshops < 1:
            raise CommandError("--workshops must be at least 1.")
        started = time.monotonic()
        progress = (lambda message: self.stdout.write(f"  {message}")) if verbosity > 1 else None
        counts = generate(workshops=workshops, seed=seed, progress=progress)
        for label, n in counts.items():
            self.stdout.write(f"{label}: {n}")
        self.stdout.write(self.style.SUCCESS(f"Generated in {time.monotonic() - started:.1f} s"))
