"""Partners close the loop without an account: a link per recipient of approved minutes to confirm that revision
or send corrections, and a link per partner who owns actions to mark them done or comment, which a coordinator then
accepts or returns.

A link is a random secret in the address; only its SHA-256 is stored (workshops.models.PartnerLink), so a link is
shown once, in the e-mail that carries it. It expires (the days below) and a coordinator can revoke it; a newer
revision of the minutes replaces the links to the older one. Every use, allowed or refused, is logged
(PartnerLinkUse) with the client's address."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    ActionItem,
    ActionReport,
    ActionReportLink,
    PartnerLinkUse,
    RecordConfirmation,
)

# The limits of partners' links (README, "Partners confirm").
CONFIRMATION_LINK_DAYS = 30  # a link to confirm minutes works this long
ACTION_LINK_DAYS = 14  # a link to report on one's actions works this long
PARTNER_ACTIONS_EVERY_DAYS = 7  # a partner owning open actions gets their link at most this often
COMMENT_LENGTH = 5000  # the most a partner may type in a comment


def new_token():
    return secrets.token_urlsafe(32)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def site_link(path):
    return settings.SITE_URL.rstrip("/") + path


def confirmation_url(token):
    return site_link(reverse("workshops:confirm", args=[token]))


def action_report_url(token):
    return site_link(reverse("workshops:report-actions", args=[token]))


def _log(what, *, ip_address, confirmation=None, action_link=None):
    PartnerLinkUse.objects.create(what=what, confirmation=confirmation, action_link=action_link, ip_address=ip_address)


# Confirming the minutes -----------------------------------------------------------------------------------------


def record_confirmations_create(*, sending, tokens, now=None):
    """The confirmation links of one sending of approved minutes: `tokens` is {person: token} for the recipients the
    mail server accepted."""
    expires = (now or timezone.now()) + datetime.timedelta(days=CONFIRMATION_LINK_DAYS)
    return RecordConfirmation.objects.bulk_create(
        RecordConfirmation(sending=sending, person=person, token_hash=token_hash(token), expires_at=expires)
        for person, token in tokens.items()
    )


def record_confirmation_open(*, token, ip_address, now=None):
    """(the confirmation link, why it does not work or "") for a token; every opening logged. None for a token
    that is no link."""
    link = (
        RecordConfirmation.objects.select_related("sending__workshop", "person")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if link is None:
        _log(PartnerLinkUse.What.REFUSED_UNKNOWN, ip_address=ip_address)
        return None, "unknown"
    refusal = record_confirmation_refusal(link, now=now)
    _log(refusal or PartnerLinkUse.What.OPENED, ip_address=ip_address, confirmation=link)
    return link, refusal


def record_confirmation_refusal(link, now=None):
    """Why the link may not be answered: revoked, expired, or its revision replaced by a newer one."""
    refusal = link.refusal(now)
    if refusal:
        return refusal
    workshop = link.sending.workshop
    if workshop.revision != link.sending.revision or workshop.approved_at is None:
        return "replaced"
    return ""


@transaction.atomic
def record_confirmation_answer(*, token, answer, comment, ip_address, now=None):
    """Record a recipient's answer (confirmed, or corrections with a comment); a later answer replaces an earlier
    one while the link works. Raises ValidationError for a link that does not work or an answer without what to
    correct."""
    link = RecordConfirmation.objects.select_for_update().filter(token_hash=token_hash(token)).first()
    if link is None:
        _log(PartnerLinkUse.What.REFUSED_UNKNOWN, ip_address=ip_address)
        raise ValidationError(_("This link does not work."), code="unknown")
    refusal = record_confirmation_refusal(link, now=now)
    if refusal:
        _log(refusal, ip_address=ip_address, confirmation=link)
        raise ValidationError(_("This link no longer works."), code=refusal)
    comment = (comment or "").strip()
    if answer not in RecordConfirmation.Answer.values:
        raise ValidationError({"answer": _("Choose “I confirm” or “I have corrections”.")})
    if answer == RecordConfirmation.Answer.CORRECTIONS and not comment:
        raise ValidationError({"comment": _("Say what should be corrected.")})
    if len(comment) > COMMENT_LENGTH:
        raise ValidationError(
            {"comment": _("A comment is at most %(limit)s characters long.") % {"limit": COMMENT_LENGTH}}
        )
    link.answer = answer
    link.comment = comment
    link.answered_at = now or timezone.now()
    link.save(update_fields=["answer", "comment", "answered_at"])
    _log(answer, ip_address=ip_address, confirmation=link)
    return link


@transaction.atomic
def partner_link_revoke(*, link, user, now=None):
    """Stop a partner's link working (a confirmation or an action link); the answers given stay."""
    if link.revoked_at is None:
        link.revoked_at = now or timezone.now()
        link.revoked_by = user
        link.save(update_fields=["revoked_at", "revoked_by"])
    return link


def workshop_confirmations(workshop):
    """The confirmation links of the workshop's sendings, newest sending first, recipients by name: one query."""
    return list(
        RecordConfirmation.objects.filter(sending__workshop=workshop)
        .select_related("sending", "person")
        .order_by("-sending__revision", "-sending__sent_at", "person__family_name", "person__given_name", "id")
    )


# Partners' actions ----------------------------------------------------------------------------------------------


def partner_open_actions(person):
    return (
        ActionItem.objects.open()
        .filter(owner=person)
        .select_related("workshop", "agreement")
        .order_by("due_date", "id")
    )


def action_report_link_create(*, person, now=None):
    """A new link for `person` to report on their actions; returns (link, token)."""
    token = new_token()
    link = ActionReportLink.objects.create(
        person=person,
        token_hash=token_hash(token),
        expires_at=(now or timezone.now()) + datetime.timedelta(days=ACTION_LINK_DAYS),
    )
    return link, token


def action_report_link_open(*, token, ip_address, now=None):
    link = ActionReportLink.objects.select_related("person").filter(token_hash=token_hash(token)).first()
    if link is None:
        _log(PartnerLinkUse.What.REFUSED_UNKNOWN, ip_address=ip_address)
        return None, "unknown"
    refusal = link.refusal(now)
    _log(refusal or PartnerLinkUse.What.OPENED, ip_address=ip_address, action_link=link)
    return link, refusal


@transaction.atomic
def action_report_submit(*, token, action_id, kind, comment, ip_address, now=None):
    """A partner's report on one of their open actions: done, or a comment. It waits for a coordinator."""
    link = ActionReportLink.objects.select_for_update().filter(token_hash=token_hash(token)).first()
    if link is None:
        _log(PartnerLinkUse.What.REFUSED_UNKNOWN, ip_address=ip_address)
        raise ValidationError(_("This link does not work."), code="unknown")
    refusal = link.refusal(now)
    if refusal:
        _log(refusal, ip_address=ip_address, action_link=link)
        raise ValidationError(_("This link no longer works."), code=refusal)
    action = partner_open_actions(link.person).filter(pk=action_id).first()
    if action is None:
        raise ValidationError(_("This action is not one of your open actions any more."), code="not_yours")
    comment = (comment or "").strip()
    if kind not in ActionReport.Kind.values:
        raise ValidationError({"kind": _("Choose “Done” or “Comment”.")})
    if kind == ActionReport.Kind.COMMENT and not comment:
        raise ValidationError({"comment": _("Write your comment.")})
    if len(comment) > COMMENT_LENGTH:
        raise ValidationError(
            {"comment": _("A comment is at most %(limit)s characters long.") % {"limit": COMMENT_LENGTH}}
        )
    report = ActionReport.objects.create(action=action, link=link, kind=kind, comment=comment)
    _log(PartnerLinkUse.What.REPORTED, ip_address=ip_address, action_link=link)
    return report


@transaction.atomic
def action_report_decide(*, report, accept, user, now=None):
    """A coordinator accepts a partner's report (a "done" marks the action done, through action_item_set_status,
    so the history keeps who) or returns it."""
    from .services import action_item_set_status

    report = ActionReport.objects.select_for_update().select_related("action").get(pk=report.pk)
    if report.status != ActionReport.Status.PENDING:
        raise ValidationError(_("This report was decided already."), code="decided")
    report.status = ActionReport.Status.ACCEPTED if accept else ActionReport.Status.RETURNED
    report.decided_by = user
    report.decided_at = now or timezone.now()
    report.save(update_fields=["status", "decided_by", "decided_at"])
    if accept and report.kind == ActionReport.Kind.DONE and report.action.status != ActionItem.Status.DONE:
        action_item_set_status(action_item=report.action, status=ActionItem.Status.DONE, user=user)
    return report
