"""IATI activity XML 2.03 for a programme or an agreement, with its workshops as related activities.

A programme becomes the parent activity (hierarchy 1); its agreements and workshops are child activities
(hierarchy 2). An agreement's export holds the agreement and the workshops it came from. Identifiers are the
reporting organisation's IATI reference followed by P-, A- or W- and the record's id, so they are stable.
"""

import datetime
import mimetypes

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from lxml import etree

from agreements.models import Agreement, AgreementDocument, AgreementParty
from institutes.models import Organisation
from workshops.models import Programme, Workshop, WorkshopOrganisation

from .signals import iati_activity_written

IATI_VERSION = "2.03"
SECTOR_VOCATIONAL_TRAINING = "11330"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# OrganisationRole: 2 Accountable, 3 Extending, 4 Implementing. A witness takes no part the codelist describes,
# so witnesses are left out rather than given a role they did not have.
AGREEMENT_PARTY_ROLES = {AgreementParty.Role.PARTY: "4", AgreementParty.Role.FACILITATOR: "3"}
WORKSHOP_ORGANISATION_ROLES = {
    WorkshopOrganisation.Role.HOST: "4",
    WorkshopOrganisation.Role.COORDINATOR: "3",
    WorkshopOrganisation.Role.PARTICIPANT: "4",
}

# ActivityStatus: 1 Pipeline/identification, 2 Implementation, 4 Closed, 5 Cancelled, 6 Suspended.
AGREEMENT_STATUS = {
    Agreement.Status.PROPOSED: "1",
    Agreement.Status.DRAFTING: "1",
    Agreement.Status.NEGOTIATION: "1",
    Agreement.Status.SIGNED: "2",
    Agreement.Status.ACTIVE: "2",
    Agreement.Status.EXPIRED: "4",
    Agreement.Status.TERMINATED: "4",
    Agreement.Status.SUSPENDED: "6",
    Agreement.Status.ABANDONED: "5",
}
WORKSHOP_STATUS = {
    Workshop.Status.PLANNED: "1",
    Workshop.Status.HELD: "4",
    Workshop.Status.POSTPONED: "6",
    Workshop.Status.CANCELLED: "5",
}
# Memoranda and framework agreements are memoranda of understanding in IATI's terms (A09); other kinds are contracts.
DOCUMENT_CATEGORY = {Agreement.Kind.MOU: "A09", Agreement.Kind.FRAMEWORK: "A09"}
CONTRACT_CATEGORY = "A11"
# CollaborationType: 1 Bilateral, 8 Bilateral, triangular co-operation (a multilateral body takes part).
BILATERAL, TRIANGULAR = "1", "8"


def reporting_org_ref():
    """The IATI organisation identifier of the publisher (default: the ILO's, XM-DAC-41302)."""
    return settings.IATI_REPORTING_ORG_REF


def identifier(prefix, pk):
    return f"{reporting_org_ref()}-{prefix}{pk}"


def _narrative(parent, text, tag="narrative"):
    element = etree.SubElement(parent, tag)
    element.text = text
    return element


def _text_element(parent, tag, text):
    element = etree.SubElement(parent, tag)
    _narrative(element, text)
    return element


def _org_element(parent, tag, organisation, role=None):
    element = etree.SubElement(parent, tag)
    if organisation.iati_type:
        element.set("type", organisation.iati_type)
    if role:
        element.set("role", role)
    _narrative(element, organisation.name)
    if organisation.name_local:
        _narrative(element, organisation.name_local).set(XML_LANG, _script_language(organisation))
    return element


def _script_language(organisation):
    # Local names are recorded in the organisation's own script; China's is Chinese, Cambodia's Khmer.
    return {"CN": "zh", "KH": "km", "TW": "zh", "HK": "zh"}.get(organisation.country.code or "", "und")


def _date(parent, kind, day, as_known=""):
    element = etree.SubElement(parent, "activity-date")
    element.set("type", kind)
    element.set("iso-date", day.isoformat())
    if as_known:
        # The schema's own place for a date known only to the month or year; iso-date must be a full day.
        _narrative(element, as_known)


def _reporting_org(parent, organisation):
    element = etree.SubElement(parent, "reporting-org")
    element.set("ref", reporting_org_ref())
    element.set("type", (organisation.iati_type if organisation else "") or "40")
    _narrative(element, organisation.name if organisation else reporting_org_ref())
    return element


class _Activity:
    """Collects an activity's parts, then writes them in the order the schema requires."""

    def __init__(self, *, iati_identifier, title, description, hierarchy, last_updated, record=None):
        self.record = record  # the programme or agreement, for the apps above that add its results
        self.iati_identifier = iati_identifier
        self.title = title
        self.description = description or title
        self.hierarchy = hierarchy
        self.last_updated = last_updated
        self.participants = []  # (organisation, role)
        self.status = "2"
        self.dates = []  # (type, date) or (type, date, the date as known when only its month or year is)
        self.documents = []  # (url, format, title, category, date)
        self.related = []  # (ref, type)

    def collaboration_type(self):
        multilateral = Organisation.IatiType.MULTILATERAL
        return TRIANGULAR if any(org.iati_type == multilateral for org, _role in self.participants) else BILATERAL

    def write(self, root, reporting_organisation):
        activity = etree.SubElement(root, "iati-activity")
        activity.set(XML_LANG, "en")
        activity.set("hierarchy", str(self.hierarchy))
        if self.last_updated:
            activity.set("last-updated-datetime", self.last_updated.astimezone(datetime.UTC).isoformat())
        etree.SubElement(activity, "iati-identifier").text = self.iati_identifier
        _reporting_org(activity, reporting_organisation)
        _text_element(activity, "title", self.title)
        _text_element(activity, "description", self.description).set("type", "1")
        seen = set()
        for organisation, role in self.participants:
            if (organisation.pk, role) not in seen:
                seen.add((organisation.pk, role))
                _org_element(activity, "participating-org", organisation, role)
        etree.SubElement(activity, "activity-status").set("code", self.status)
        for kind, day, *as_known in self.dates:
            _date(activity, kind, day, *as_known)
        sector = etree.SubElement(activity, "sector")
        sector.set("vocabulary", "1")
        sector.set("code", SECTOR_VOCATIONAL_TRAINING)
        etree.SubElement(activity, "collaboration-type").set("code", self.collaboration_type())
        for url, mime, title, category, day in self.documents:
            link = etree.SubElement(activity, "document-link")
            link.set("url", url)
            link.set("format", mime)
            _text_element(link, "title", title)
            etree.SubElement(link, "category").set("code", category)
            if day:
                etree.SubElement(link, "document-date").set("iso-date", day.isoformat())
        for ref, kind in self.related:
            related = etree.SubElement(activity, "related-activity")
            related.set("ref", ref)
            related.set("type", kind)
        if self.record is not None:
            iati_activity_written.send(sender=type(self.record), record=self.record, element=activity)
        return activity


def _mime_type(name):
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def agreement_dates(agreement, today):
    """IATI activity dates from the lifecycle: planned while in the pipeline, actual once signed."""
    dates = []
    if agreement.status in Agreement.Status.frozen():
        start = agreement.effective_from or agreement.signed_on
        if start and start <= today:
            dates.append(("2", start))
        elif start:
            dates.append(("1", start))
    else:
        planned = agreement.effective_from or agreement.target_signing_date or agreement.proposed_on
        dates.append(("1", planned or agreement.created_at.date()))
    if agreement.expires_on:
        ended = agreement.status == Agreement.Status.EXPIRED
        dates.append(("4" if ended else "3", agreement.expires_on))
    if agreement.status == Agreement.Status.TERMINATED and not agreement.expires_on:
        dates.append(("4", agreement.status_since))
    if not dates:
        dates.append(("1", agreement.proposed_on or agreement.created_at.date()))
    return dates


def workshop_dates(workshop):
    held = workshop.current_status == Workshop.Status.HELD
    if workshop.date_precision != Workshop.DatePrecision.DAY:
        # Known only to the month or year: the first and last day it may have taken place, each with the date as
        # known, rather than a day nobody recorded.
        return [
            ("2" if held else "1", workshop.start_date, workshop.date_iso),
            ("4" if held else "3", workshop.last_possible_day, workshop.date_iso),
        ]
    end = workshop.end_date or workshop.start_date
    return [("2" if held else "1", workshop.start_date), ("4" if held else "3", end)]


def agreement_activity(agreement, *, base_url, today, parent_ref=None):
    activity = _Activity(
        iati_identifier=identifier("A", agreement.pk),
        title=agreement.title,
        description=agreement.summary,
        hierarchy=2 if parent_ref else 1,
        last_updated=agreement.updated_at,
        record=agreement,
    )
    if agreement.programme_id and agreement.programme.coordinating_organisation_id:
        activity.participants.append((agreement.programme.coordinating_organisation, "3"))
    for party in agreement.parties.all():
        role = AGREEMENT_PARTY_ROLES.get(party.role)
        if role:
            activity.participants.append((party.organisation, role))
    activity.status = AGREEMENT_STATUS[agreement.status]
    activity.dates = agreement_dates(agreement, today)
    if agreement.status in Agreement.Status.frozen():
        # The latest version of a signed agreement is the signed text.
        document = next(iter(agreement.documents.all()), None)
        if document is not None:
            activity.documents.append(
                (
                    base_url.rstrip("/") + reverse("agreements:document", args=[agreement.pk, document.pk]),
                    _mime_type(document.file.name),
                    f"{agreement.title} ({document.version_label})",
                    DOCUMENT_CATEGORY.get(agreement.kind, CONTRACT_CATEGORY),
                    agreement.signed_on or document.uploaded_at.date(),
                )
            )
    if parent_ref:
        activity.related.append((parent_ref, "1"))
    for workshop in agreement.origin_workshops.all():
        activity.related.append((identifier("W", workshop.pk), "2"))
    return activity


def workshop_activity(workshop, *, parent_refs):
    activity = _Activity(
        iati_identifier=identifier("W", workshop.pk),
        title=workshop.title,
        description=workshop.summary,
        hierarchy=2,
        last_updated=workshop.updated_at,
    )
    for link in workshop.organisation_links.all():
        activity.participants.append((link.organisation, WORKSHOP_ORGANISATION_ROLES[link.role]))
    if not activity.participants and workshop.programme_id and workshop.programme.coordinating_organisation_id:
        activity.participants.append((workshop.programme.coordinating_organisation, "3"))
    activity.status = WORKSHOP_STATUS[workshop.current_status]
    activity.dates = workshop_dates(workshop)
    for ref in parent_refs:
        activity.related.append((ref, "1"))
    return activity


def _agreements():
    return Agreement.objects.select_related("programme__coordinating_organisation").prefetch_related(
        Prefetch("parties", queryset=AgreementParty.objects.select_related("organisation")),
        Prefetch("documents", queryset=AgreementDocument.objects.order_by("-uploaded_at", "-id")),
        Prefetch("origin_workshops", queryset=Workshop.objects.order_by("start_date", "id")),
    )


def _workshops():
    return (
        Workshop.objects.select_related("programme__coordinating_organisation")
        .prefetch_related(
            Prefetch("organisation_links", queryset=WorkshopOrganisation.objects.select_related("organisation")),
            Prefetch("agreements", queryset=Agreement.objects.order_by("id")),
        )
        .order_by("start_date", "id")
    )


def _document(activities, reporting_organisation):
    root = etree.Element("iati-activities")
    root.set("version", IATI_VERSION)
    root.set("generated-datetime", timezone.now().astimezone(datetime.UTC).replace(microsecond=0).isoformat())
    for activity in activities:
        activity.write(root, reporting_organisation)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def programme_activities(programme, *, base_url, today):
    ref = identifier("P", programme.pk)
    agreements = list(_agreements().filter(programme=programme).order_by("id"))
    workshops = list(_workshops().filter(Q(programme=programme) | Q(initiative=programme)))
    parent = _Activity(
        iati_identifier=ref,
        title=programme.name,
        description=programme.description,
        hierarchy=2 if programme.parent_id else 1,
        last_updated=None,
        record=programme,
    )
    if programme.parent_id:
        parent.related.append((identifier("P", programme.parent_id), "1"))
    if programme.coordinating_organisation_id:
        parent.participants.append((programme.coordinating_organisation, "3"))
    for agreement in agreements:
        for party in agreement.parties.all():
            if party.role == AgreementParty.Role.PARTY:
                parent.participants.append((party.organisation, "4"))
    starts = [w.start_date for w in workshops] + [a.proposed_on for a in agreements if a.proposed_on]
    parent.dates = [("2", min(starts))] if starts else [("1", today)]
    parent.related += [(identifier("A", a.pk), "2") for a in agreements] + [
        (identifier("W", w.pk), "2") for w in workshops
    ]
    children = [agreement_activity(a, base_url=base_url, today=today, parent_ref=ref) for a in agreements]
    children += [workshop_activity(w, parent_refs=[ref]) for w in workshops]
    for child in children:
        child.hierarchy = parent.hierarchy + 1
    return [parent, *children]


def programme_xml(programme, *, base_url, today=None):
    """IATI XML (bytes) for a programme, its agreements and its workshops."""
    today = today or timezone.localdate()
    programme = Programme.objects.select_related("coordinating_organisation").get(pk=programme.pk)
    return _document(
        programme_activities(programme, base_url=base_url, today=today), programme.coordinating_organisation
    )


def agreement_xml(agreement, *, base_url, today=None, user=None):
    """IATI XML (bytes) for an agreement and the workshops it came from (those `user` may see, when given)."""
    today = today or timezone.localdate()
    agreement = _agreements().get(pk=agreement.pk)
    activities = [agreement_activity(agreement, base_url=base_url, today=today)]
    ref = activities[0].iati_identifier
    workshop_ids = [w.pk for w in agreement.origin_workshops.all()]
    workshops = _workshops().filter(pk__in=workshop_ids)
    if user is not None:
        workshops = workshops.visible_to(user)
    activities += [workshop_activity(w, parent_refs=[ref]) for w in workshops]
    reporter = agreement.programme.coordinating_organisation if agreement.programme_id else None
    return _document(activities, reporter)


def all_programmes_xml(*, base_url, today=None):
    """One file with every programme, and every agreement that belongs to none."""
    today = today or timezone.localdate()
    activities = []
    reporter = None
    for programme in Programme.objects.select_related("coordinating_organisation").order_by("id"):
        reporter = reporter or programme.coordinating_organisation
        activities += programme_activities(programme, base_url=base_url, today=today)
    # A workshop in a programme and its initiative appears under both; one file lists each activity once.
    unique = {}
    for activity in activities:
        unique.setdefault(activity.iati_identifier, activity)
    activities = list(unique.values())
    for agreement in _agreements().filter(programme__isnull=True).order_by("id"):
        activities.append(agreement_activity(agreement, base_url=base_url, today=today))
    return _document(activities, reporter)


def _download(xml, filename):
    response = HttpResponse(xml, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@login_required
@permission_required("workshops.view_programme", raise_exception=True)
def programme_download(request, pk):
    programme = get_object_or_404(Programme.objects.visible_to(request.user), pk=pk)
    xml = programme_xml(programme, base_url=request.build_absolute_uri("/"))
    return _download(xml, f"iati-programme-{programme.pk}.xml")


@require_safe
@login_required
@permission_required("agreements.view_agreement", raise_exception=True)
def agreement_download(request, pk):
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk)
    xml = agreement_xml(agreement, base_url=request.build_absolute_uri("/"), user=request.user)
    return _download(xml, f"iati-agreement-{agreement.pk}.xml")
