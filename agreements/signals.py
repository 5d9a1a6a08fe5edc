"""Signals of an agreement's life, for the apps above that keep records of their own about it (results)."""

from django.dispatch import Signal

# Sent by services.agreement_renew inside its transaction, after the renewal is made: `agreement` the one renewed,
# `renewal` the new one, `user`. A receiver's failure undoes the renewal.
agreement_renewed = Signal()

# Sent by iati.py after an activity's own elements are written, for a programme (sender Programme) or an agreement
# (sender Agreement): `record` and `element`, the <iati-activity> to which a receiver may append what comes after
# <related-activity> in the 2.03 schema (<result>).
iati_activity_written = Signal()
