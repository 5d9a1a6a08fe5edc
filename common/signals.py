"""Signals sent by the bottom app for the apps above, which it may not import."""

from django.dispatch import Signal

# Sent by restore_backup after it loaded an archive's rows and checked their counts, inside the same transaction:
# a receiver that raises rolls the whole restore back. The privacy app replays its erasure log here, so a backup
# taken before someone was anonymised never brings them back.
restored = Signal()
