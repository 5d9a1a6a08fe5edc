"""A reviewed proposal as a draft of the workshop record: a WorkshopData (workshops/data.py).

"Accept" turns the proposal and the choices made on the review page into the one structure every door writes
through, and keeps it server-side for the user (workshops.drafts); the entry page (/workshops/new/?draft=<token>)
shows it: hosts, coordinators and represented organisations, each attendee's organisation, role, title and
contribution, statements with their speakers, outcomes, and actions with their owners. People and organisations not
on record are new records of the draft, created only when the entry is saved. What the record has no place for is
listed in the draft's notes, shown above the form. Nothing is written here.
"""

import datetime

from django.utils.translation import gettext as _

from workshops.data import ActionRow, AttendanceRow, HostRow, NewOrganisation, NewPerson, OutcomeRow, StatementRow
from workshops.data import WorkshopData as Draft
from workshops.models import ActionItem, Attendance, Outcome, Workshop, WorkshopOrganisation

ROLE_ORDER = [
    WorkshopOrganisation.Role.HOST.value,
    WorkshopOrganisation.Role.COORDINATOR.value,
    WorkshopOrganisation.Role.PARTICIPANT.value,
]


def _value(fact, default=""):
    return default if not fact else fact["value"]


def _timezone(hosts):
    """The first host's country's time zone, where it has one; else UTC."""
    try:
        from pytz import country_timezones
    except ImportError:  # pragma: no cover - pytz comes with dateparser
        return "UTC"
    for country in hosts:
        zones = country_timezones.get(str(country)) if country else None
        if zones:
            return zones[0]
    return "UTC"


def _date(text):
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def build_draft(proposal, *, decisions=None, source_text="", source_name=""):
    """The WorkshopData for `proposal`.

    decisions: {entity key: "<record id>" | "new" | "skip"} as chosen on the review page; an entity not decided takes
    its match (the record for "on_record" and "other_name", a new record for "new" and an undecided "choice")."""
    from institutes.models import Organisation

    decisions = decisions or {}
    draft = Draft()
    values = {}  # entity key -> reference ("12" or "new:n1") or "" (skipped)

    def decide(entity):
        chosen = decisions.get(entity["key"])
        if chosen is None:
            match = entity["match"]
            chosen = str(match["record_id"]) if match["status"] in {"on_record", "other_name"} else "new"
        return chosen

    def next_key():
        return f"n{len(draft.new_people) + len(draft.new_organisations) + 1}"

    for organisation in proposal["organisations"]:
        chosen = decide(organisation)
        if chosen == "skip":
            values[organisation["key"]] = ""
        elif chosen == "new":
            record = NewOrganisation(
                key=next_key(),
                name=organisation["name"],
                short_name=organisation["short_name"],
                kind=organisation.get("kind") or Organisation.Kind.OTHER.value,
                country=organisation.get("country", ""),
            )
            draft.new_organisations.append(record)
            values[organisation["key"]] = record.value
        else:
            values[organisation["key"]] = chosen
    for person in proposal["people"]:
        chosen = decide(person)
        if chosen == "skip":
            values[person["key"]] = ""
        elif chosen == "new":
            record = NewPerson(
                key=next_key(),
                honorific=person["honorific"],
                family_name=person["family_name"],
                given_name=person["given_name"],
                name_order=person["name_order"],
                organisation=values.get(person["organisation"]) or "",
                title=_value(person["title"]),
            )
            draft.new_people.append(record)
            values[person["key"]] = record.value
        else:
            values[person["key"]] = chosen

    date = proposal["date"]
    draft.title = _value(proposal["title"])
    draft.other_title = _value(proposal["other_title"])
    draft.kind = _value(proposal["kind"], Workshop.Kind.OTHER.value)
    draft.format = _value(proposal["format"], Workshop.Format.ONLINE.value)
    draft.status = proposal["status"] or ""
    draft.start_date = _date(date["value"]) if date else None
    draft.date_precision = date["precision"] if date else Workshop.DatePrecision.DAY.value
    draft.venue = _value(proposal["venue"])
    draft.platform = _value(proposal["platform"])
    draft.programme = (proposal["programme"] or {}).get("record_id")
    draft.initiative = (proposal["initiative"] or {}).get("record_id")
    unknown = {
        "programme": _("The report names the programme “%(name)s”, which is not on record."),
        "initiative": _("The report names the initiative “%(name)s”, which is not on record."),
    }
    for name, message in unknown.items():
        fact = proposal[name]
        if fact and not fact.get("record_id") and fact.get("value"):
            draft.notes.append(message % {"name": fact["value"]})
    draft.new_topics = [topic["value"] for topic in proposal["topics"]]
    reported = _value(proposal["reported_attendance"], None)
    draft.reported_attendance = int(reported) if reported not in (None, "") else None
    draft.summary = _value(proposal["summary"])
    draft.minutes = _value(proposal["minutes"])
    draft.source_report = source_text
    draft.source_report_name = source_name

    linked = [o for o in proposal["organisations"] if o["role"] and values[o["key"]]]
    linked.sort(key=lambda o: ROLE_ORDER.index(o["role"]))
    draft.hosts = [HostRow(organisation=values[o["key"]], role=o["role"]) for o in linked]
    host_countries = []
    on_record = {
        str(pk): country
        for pk, country in Organisation.objects.filter(
            pk__in=[int(values[o["key"]]) for o in linked if values[o["key"]].isdigit()]
        ).values_list("pk", "country")
    }
    new_countries = {record.value: record.country for record in draft.new_organisations}
    for o in linked:
        if o["role"] == "host":
            host_countries.append(on_record.get(values[o["key"]]) or new_countries.get(values[o["key"]], ""))
    draft.timezone = _timezone(host_countries)

    belonging = {p["organisation"] for p in proposal["people"] if values[p["key"]]}
    for o in proposal["organisations"]:
        if values[o["key"]] and not o["role"] and o["key"] not in belonging:
            draft.notes.append(
                _("“%(name)s” is named in the report with no part in the meeting and nobody from it named.")
                % {"name": o["name"]}
            )

    draft.attendance = [
        AttendanceRow(
            person=values[p["key"]],
            organisation=values.get(p["organisation"]) or "",
            title=_value(p["title"])[:200],
            role=p["role"] if p.get("role") in Attendance.Role.values else Attendance.Role.PARTICIPANT.value,
            presence=Attendance.Presence.PRESENT.value,
            contribution=_value(p.get("contribution")),
        )
        for p in proposal["people"]
        if values[p["key"]]
    ]
    draft.statements = [
        StatementRow(speaker=values.get(s["speaker"]) or "", text=s["text"], is_verbatim=bool(s["is_verbatim"]))
        for s in proposal["statements"]
    ]
    draft.outcomes = [OutcomeRow(kind=o["kind"], text=o["text"]) for o in proposal["outcomes"]]
    for outcome in proposal["outcomes"]:
        if outcome["kind"] not in Outcome.Kind.values:
            draft.notes.append(_("An outcome of no known kind: %(text)s") % {"text": outcome["text"]})
    draft.outcomes = [row for row in draft.outcomes if row.kind in Outcome.Kind.values]
    # An action's owner is a person (ours or a partner's) or, when the report names an organisation, that
    # organisation on whose behalf someone will act.
    person_keys = {p["key"] for p in proposal["people"]}
    organisation_keys = {o["key"] for o in proposal["organisations"]}
    draft.actions = [
        ActionRow(
            title=a["title"][:300],
            owner=(values.get(a["owner"]) or "") if a["owner"] in person_keys else "",
            owner_organisation=(values.get(a["owner"]) or "") if a["owner"] in organisation_keys else "",
            due_date=_date(a["due_date"]),
            status=ActionItem.Status.OPEN.value,
        )
        for a in proposal["actions"]
    ]
    return draft
