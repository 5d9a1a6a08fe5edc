"""What happens to agreements, for the apps above that act on it (notifications e-mail the focal points). Sent
inside the transition's transaction: a receiver that sends mail defers it with transaction.on_commit."""

from django.dispatch import Signal

# An agreement moved to another status: sender=Agreement, agreement=, change= (the AgreementStatusChange), user=.
status_changed = Signal()
