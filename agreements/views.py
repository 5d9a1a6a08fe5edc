from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from accounts.scope import is_visible
from common import idempotency
from common.editing import save_record_form
from common.files import stored_file_response
from common.pagination import paginate
from workshops.models import ActionItem, ActionReport, Outcome, Workshop

from .filters import AgreementFilter
from .forms import (
    DUPLICATE_VERSION_MESSAGE,
    AgreementForm,
    AmendmentForm,
    DocumentForm,
    FromDecisionForm,
    PartyFormSet,
    RenewForm,
    TransitionForm,
)
from .models import Agreement, AgreementDocument, AgreementParty, AgreementStatusChange
from .services import (
    TRANSITIONS,
    AlreadyStarted,
    DecisionAlreadyLed,
    TransitionRefused,
    agreement_party_delete,
    agreement_party_save,
    agreement_proposal_from_decision,
    agreement_refuse_party_changes,
    agreement_start_from_decision,
    agreements_from_decision,
    available_transitions,
    signing_date,
)
from .services import agreement_amend as agreement_amend_service
from .services import agreement_renew as agreement_renew_service

Status = Agreement.Status
# What a transition says it did: a whole sentence per status, as each reads differently in every language.
NOW_IN_STATUS = {
    Status.PROPOSED: gettext_lazy("The agreement is now proposed."),
    Status.DRAFTING: gettext_lazy("The agreement is now being drafted."),
    Status.NEGOTIATION: gettext_lazy("The agreement is now in negotiation."),
    Status.SIGNED: gettext_lazy("The agreement is now signed."),
    Status.ACTIVE: gettext_lazy("The agreement is now active."),
    Status.EXPIRED: gettext_lazy("The agreement has now expired."),
    Status.TERMINATED: gettext_lazy("The agreement is now terminated."),
    Status.SUSPENDED: gettext_lazy("The agreement is now suspended."),
    Status.ABANDONED: gettext_lazy("The agreement is now abandoned."),
}


def _parties():
    return Prefetch(
        "parties",
        queryset=AgreementParty.objects.select_related("organisation", "signatory").order_by(
            "role", "organisation__name"
        ),
    )


@require_safe
@login_required
@permission_required("agreements.view_agreement", raise_exception=True)
def agreement_list(request):
    queryset = Agreement.objects.visible_to(request.user).select_related("programme").prefetch_related(_parties())
    filterset = AgreementFilter(request.GET or None, queryset=queryset, request=request)
    page = paginate(request, filterset.qs)
    return render(request, "agreements/agreement_list.html", {"filter": filterset, "page": page})


@require_safe
@login_required
@permission_required("agreements.view_agreement", raise_exception=True)
def agreement_detail(request, pk):
    # The earlier and later agreements, the workshops and decisions it came from: only those the user may see.
    visible_agreements = Agreement.objects.visible_to(request.user)
    agreement = get_object_or_404(
        visible_agreements.select_related("programme", "renews", "created_by").prefetch_related(
            _parties(),
            "documents",
            "amendments",
            Prefetch("renewals", queryset=visible_agreements),
            "scope_topics",
            "responsible_users",
            "contact_people",
            Prefetch("origin_workshops", queryset=Workshop.objects.visible_to(request.user)),
            Prefetch(
                "origin_outcomes",
                queryset=Outcome.objects.visible_to(request.user).select_related("workshop"),
            ),
            Prefetch("status_changes", queryset=AgreementStatusChange.objects.select_related("changed_by")),
            Prefetch(
                "action_items",
                queryset=ActionItem.objects.select_related("owner", "owner_organisation", "workshop").order_by(
                    F("due_date").asc(nulls_last=True), "id"
                ),
            ),
        ),
        pk=pk,
    )
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            "renews": agreement.renews if agreement.renews_id and is_visible(request.user, agreement.renews) else None,
            "transitions": available_transitions(agreement),
            "frozen": agreement.is_frozen,
            # Partners' reports on the agreement's own actions (those of a workshop are on its page): one query.
            "partner_reports": list(
                ActionReport.objects.filter(
                    action__agreement=agreement, action__workshop=None, status=ActionReport.Status.PENDING
                )
                .select_related("action", "link__person")
                .order_by("created_at", "id")
            ),
        },
    )


@login_required
@permission_required("agreements.add_agreement", raise_exception=True)
def agreement_create(request):
    return save_record_form(
        request,
        AgreementForm,
        instance=Agreement(created_by=request.user),
        template="record_form.html",
        context={"heading": _("New agreement"), "cancel_url": reverse("agreements:list")},
    )


@login_required
@permission_required("agreements.change_agreement", raise_exception=True)
def agreement_edit(request, pk):
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk)
    return save_record_form(
        request,
        AgreementForm,
        instance=agreement,
        template="record_form.html",
        context={"heading": _("Edit agreement")},
    )


def _agreement_for_change(request, pk):
    return get_object_or_404(Agreement.objects.visible_to(request.user).select_related("programme"), pk=pk)


@login_required
@permission_required("agreements.change_agreement", raise_exception=True)
def agreement_transition(request, pk, name):
    agreement = _agreement_for_change(request, pk)
    if name not in TRANSITIONS:
        raise Http404
    transition, function = TRANSITIONS[name]
    # A signing happened when the last party signed; a bringing into force, on the day it took effect.
    proposed_date = None
    if name == "sign":
        proposed_date = signing_date(agreement)
    elif name == "activate":
        proposed_date = agreement.effective_from
    if proposed_date and proposed_date > timezone.localdate():
        proposed_date = None
    form = TransitionForm(
        request.POST if request.method == "POST" else None, transition=transition, occurred_on=proposed_date
    )
    refusal = refusal_url = None
    if request.method == "POST" and form.is_valid():
        kwargs = {
            "agreement": agreement,
            "user": request.user,
            "comment": form.cleaned_data["comment"],
            "occurred_on": form.cleaned_data["occurred_on"],
        }
        if "effective_from" in form.cleaned_data:
            kwargs["effective_from"] = form.cleaned_data["effective_from"]
        try:
            function(**kwargs)
        except TransitionRefused as refused:
            refusal = refused.message
            if refused.missing_parties:
                missing = ",".join(str(pk) for pk in refused.missing_parties)
                refusal_url = f"{reverse('agreements:parties', args=[agreement.pk])}?missing={missing}"
            agreement.refresh_from_db()
        else:
            messages.success(request, str(NOW_IN_STATUS[agreement.status]))
            return redirect(agreement)
    return render(
        request,
        "agreements/transition.html",
        {
            "agreement": agreement,
            "transition": transition,
            "form": form,
            "refusal": refusal,
            "refusal_url": refusal_url,
        },
        status=409 if refusal else 200,
    )


def _missing_parties(request):
    """The parties named by ?missing=1,2 (a refused signing sends the user here with them)."""
    return {int(pk) for pk in request.GET.get("missing", "").split(",") if pk.strip().isdigit() and len(pk) < 12}


@login_required
@permission_required("agreements.change_agreementparty", raise_exception=True)
def agreement_parties(request, pk):
    agreement = _agreement_for_change(request, pk)
    frozen = agreement.is_frozen
    if request.method == "POST":
        agreement_refuse_party_changes(agreement=agreement)
    formset = PartyFormSet(
        request.POST or None,
        instance=agreement,
        queryset=AgreementParty.objects.select_related("organisation", "signatory"),
    )
    missing = _missing_parties(request) if request.method == "GET" else set()
    for form in formset.forms:
        if form.instance.pk in missing:
            form.mark_missing()
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            formset.save(commit=False)  # works out deleted_objects
            for party in formset.deleted_objects:
                agreement_party_delete(party=party, user=request.user)
            for party in [*formset.new_objects, *(party for party, _fields in formset.changed_objects)]:
                agreement_party_save(party=party, user=request.user)
        messages.success(request, _("Parties saved."))
        return redirect(agreement)
    return render(
        request,
        "agreements/parties.html",
        {"agreement": agreement, "formset": formset, "frozen": frozen, "missing": missing},
    )


@login_required
@permission_required("agreements.add_amendment", raise_exception=True)
def agreement_amend(request, pk):
    agreement = _agreement_for_change(request, pk)
    if not agreement.is_amendable:
        messages.error(request, _("Only a signed agreement is amended; edit a draft directly."))
        return redirect(agreement)
    form = AmendmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreement_amend_service(
                agreement=agreement,
                user=request.user,
                amendment=form.save(commit=False),
                new_expiry=form.cleaned_data["new_expiry"],
            )
        except ValidationError as error:
            # The agreement refuses the new expiry date (before it is in force, say): the message goes next to it.
            form.add_error("new_expiry" if form.cleaned_data["new_expiry"] else None, error.messages)
        else:
            messages.success(request, _("Amendment recorded."))
            return redirect(agreement)
    heading = _("Amend the agreement")
    return render(
        request, "agreements/agreement_subform.html", {"agreement": agreement, "form": form, "heading": heading}
    )


@login_required
@permission_required("agreements.add_agreement", raise_exception=True)
def agreement_renew(request, pk):
    agreement = _agreement_for_change(request, pk)
    form = RenewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            renewal = agreement_renew_service(
                agreement=agreement, user=request.user, proposed_on=form.cleaned_data["proposed_on"]
            )
        except AlreadyStarted as started:
            messages.info(request, started.message)
            return redirect(started.agreement)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_error(None, error)  # the proposed date's message goes next to it
            else:
                messages.error(request, " ".join(error.messages))
                return redirect(agreement)
        else:
            messages.success(request, _("Renewal started: complete its dates and parties."))
            return redirect("agreements:edit", pk=renewal.pk)
    return render(request, "agreements/renew.html", {"agreement": agreement, "form": form})


@login_required
@permission_required("agreements.add_agreementdocument", raise_exception=True)
def agreement_document_upload(request, pk):
    agreement = _agreement_for_change(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None, instance=AgreementDocument(agreement=agreement))
    if request.method == "POST" and form.is_valid():
        document = form.save(commit=False)
        document.uploaded_by = request.user
        document._history_user = request.user
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError:
            # The same label saved by someone else since the form was checked: the stored file goes too.
            document.file.delete(save=False)
            form.add_error("version_label", DUPLICATE_VERSION_MESSAGE)
        else:
            messages.success(request, _("Version %(label)s uploaded.") % {"label": document.version_label})
            return redirect(agreement)
    heading = _("Upload a document version")
    return render(
        request, "agreements/agreement_subform.html", {"agreement": agreement, "form": form, "heading": heading}
    )


@login_required
@permission_required("agreements.add_agreement", raise_exception=True)
def agreement_from_decision(request, outcome_pk):
    outcome = get_object_or_404(Outcome.objects.visible_to(request.user).select_related("workshop"), pk=outcome_pk)
    proposal = agreement_proposal_from_decision(outcome=outcome)
    existing = agreements_from_decision(outcome)
    form = FromDecisionForm(request.POST or None, proposal=proposal, existing=existing)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement = agreement_start_from_decision(
                outcome=outcome,
                user=request.user,
                title=data["title"],
                kind=data["kind"],
                scope=data["scope"],
                summary=data["summary"],
                parties=data["parties"],
                key=request.POST.get("key", "")[:64],
                confirm_another=data.get("confirm_another", False),
            )
        except AlreadyStarted as started:
            messages.info(request, started.message)
            return redirect(started.agreement)
        except DecisionAlreadyLed as led:
            # Another agreement was made from the decision since this page was shown: show it, and ask.
            form = FromDecisionForm(request.POST, proposal=proposal, existing=led.agreements)
            form.is_valid()
            form.add_error("confirm_another", led.message)
        else:
            messages.success(request, _("Agreement started from the workshop's decision."))
            return redirect(agreement)
    key = request.POST.get("key", "")[:64] or idempotency.new_key()
    return render(request, "agreements/from_decision.html", {"outcome": outcome, "form": form, "key": key})


@require_safe
@login_required
@permission_required("agreements.view_agreementdocument", raise_exception=True)
def agreement_document_download(request, pk, document_pk):
    document = get_object_or_404(AgreementDocument.objects.visible_to(request.user), pk=document_pk, agreement_id=pk)
    return stored_file_response(document.file)
