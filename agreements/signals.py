"""What happens to agreements, for the apps above that act on it: notifications e-mail the focal points, results
keeps records of its own about an agreement. Sent inside the service's transaction: a receiver that sends mail defers
it with transaction.on_commit."""

from django.dispatch import Signal

# An agreement moved to another status: sender=Agreement, agreement=, change= (the AgreementStatusChange), user=.
status_changed = Signal()

# Sent by services.agreement_renew inside its transaction, after the renewal is made: `agreement` the one renewed,
# `renewal` the new one, `user`. A receiver's failure undoes the renewal.
agreement_renewed = Signal()

# Sent by iati.py after an activity's own elements are written, for a programme (sender Programme) or an agreement
# (sender Agreement): `record` and `element`, the <iati-activity> to which a receiver may append what comes after
# <related-activity> in the 2.03 schema (<result>).
iati_activity_written = Signal()
