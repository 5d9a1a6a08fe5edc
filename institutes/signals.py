"""Signals of the records' identity, for the apps above that keep rules of their own about the rows involved."""

from django.dispatch import Signal

# Sent by move_references for a row that cannot point at `keep` because `keep` already has one like it (the same
# party to an agreement): sender is the row's model. A receiver that answers True keeps the row with `duplicate`,
# which then stays as a trace of the merge (inactive, "now known as" `keep`); otherwise the row is deleted.
reference_conflict = Signal()

# Sent by move_references after the rows that referred to `duplicate` were pointed at `keep` (or dropped, where
# `keep` already had one): sender is the merged model, `rows` every row moved or dropped, `kept` the rows that
# stayed with `duplicate`, `user` and `reason` for the history. A receiver may answer a list of sentences for the
# merge's message.
references_moved = Signal()
