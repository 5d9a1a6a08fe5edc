"""The pages a partner opens from a link in an e-mail, without an account (partners.py), and the coordinator's
buttons that answer them. A partner's page shows the one revision or the partner's own open actions, nothing else."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from common.security import client_ip

from . import partners
from .models import ActionItem, ActionReport, RecordConfirmation, Workshop


def _refused(request, reason):
    status = 404 if reason == "unknown" else 410
    response = render(request, "workshops/partner_refused.html", {"reason": reason}, status=status)
    return _private(response)


def _private(response):
    # The address is a credential: not sent on to other sites, not indexed, not kept by a shared cache.
    # same-origin, not no-referrer: with no-referrer the browser posts the answer with "Origin: null", which the CSRF
    # check refuses.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """A recipient's page of one revision of approved minutes: "I confirm" or "I have corrections" and a comment."""
    from .views import _record_context

    link, refusal = partners.record_confirmation_open(token=token, ip_address=client_ip(request))
    if refusal:
        return _refused(request, refusal)
    errors = {}
    if request.method == "POST":
        try:
            partners.record_confirmation_answer(
                token=token,
                answer=request.POST.get("answer", ""),
                comment=request.POST.get("comment", ""),
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                errors = error.message_dict
            else:
                return _refused(request, error.code or "unknown")
        else:
            return _private(redirect("workshops:confirm", token=token))
    context = _record_context(link.sending.workshop_id)
    context.update(
        {
            "link": link,
            "errors": errors,
            "typed": request.POST if errors else {},
            "on_screen": True,
            "comment_length": partners.COMMENT_LENGTH,
        }
    )
    return _private(render(request, "workshops/partner_confirm.html", context, status=400 if errors else 200))


@never_cache
@require_http_methods(["GET", "POST"])
def report_actions(request, token):
    """A partner's page of the open actions they own: each marked done or commented on, for a coordinator to
    accept or return."""
    link, refusal = partners.action_report_link_open(token=token, ip_address=client_ip(request))
    if refusal:
        return _refused(request, refusal)
    errors, failed_action = {}, None
    if request.method == "POST":
        try:
            partners.action_report_submit(
                token=token,
                action_id=request.POST.get("action", ""),
                kind=request.POST.get("kind", ""),
                comment=request.POST.get("comment", ""),
                ip_address=client_ip(request),
            )
        except (ValidationError, ValueError) as error:
            if isinstance(error, ValidationError) and error.code in ("expired", "revoked", "unknown"):
                return _refused(request, error.code)
            errors = getattr(error, "message_dict", None) or {"action": getattr(error, "messages", [str(error)])}
            failed_action = request.POST.get("action", "")
        else:
            messages.success(request, _("Thank you: your report was sent to the coordinator."))
            return _private(redirect("workshops:report-actions", token=token))
    actions = list(partners.partner_open_actions(link.person))
    reports = {}
    for report in ActionReport.objects.filter(link__person=link.person, action__in=actions).order_by("created_at"):
        reports[report.action_id] = report
    for action in actions:
        action.last_report = reports.get(action.pk)
    return _private(
        render(
            request,
            "workshops/partner_actions.html",
            {
                "link": link,
                "actions": actions,
                "errors": errors,
                "failed_action": failed_action,
                "comment_length": partners.COMMENT_LENGTH,
            },
            status=400 if errors else 200,
        )
    )


@require_POST
@login_required
@permission_required("workshops.change_workshop", raise_exception=True)
def confirmation_revoke(request, pk, link_pk):
    workshop = get_object_or_404(Workshop.objects.visible_to(request.user), pk=pk)
    link = get_object_or_404(
        RecordConfirmation.objects.select_related("sending"), pk=link_pk, sending__workshop_id=workshop.pk
    )
    partners.partner_link_revoke(link=link, user=request.user)
    messages.success(request, _("The link of %(name)s no longer works.") % {"name": link.person.full_name})
    return redirect("workshops:detail", pk=pk)


@require_POST
@login_required
@permission_required("workshops.change_actionitem", raise_exception=True)
def action_report_decide(request, report_pk):
    """Accept a partner's report on an action (a "done" marks it done) or return it."""
    report = get_object_or_404(
        ActionReport.objects.select_related("action__workshop", "action__agreement").filter(
            action__in=ActionItem.objects.visible_to(request.user)
        ),
        pk=report_pk,
    )
    accept = request.POST.get("decision") == "accept"
    try:
        partners.action_report_decide(report=report, accept=accept, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Report accepted.") if accept else _("Report returned."))
    return redirect(report.action.workshop or report.action.agreement)
