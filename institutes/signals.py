"""Signals of the records' identity, for the apps above that keep rules of their own about the rows involved."""

from django.dispatch import Signal

# Sent by move_references after the rows that referred to `duplicate` were pointed at `keep` (or dropped, where
# `keep` already had one): sender is the merged model, `rows` every row moved or dropped.
references_moved = Signal()
