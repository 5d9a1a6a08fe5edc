"""What happens to workshops and their actions, for the apps above that act on it (notifications e-mail the people
concerned). Sent inside the writing transaction: a receiver that sends mail defers it with transaction.on_commit,
so a change rolled back tells nobody."""

from django.dispatch import Signal

# An action got an owner, new or other than before: sender=ActionItem, action=, user= (who made the change).
action_assigned = Signal()
# A revision of the minutes was approved: sender=Workshop, workshop=, user=.
minutes_approved = Signal()
