"""A reviewed proposal as the workshop entry page's draft: a dict shaped like the entry form's POST data.

The entry page (/workshops/new/?draft=<token>) reads request.session["workshop_drafts"][token] and shows it as if it
had been typed: the WorkshopEntryForm fields, the ENTRY_FORMSETS rows with their management forms, "new_records" (the
people and organisations to create on save, JSON) referred to as "new:<key>" by any person or organisation select,
and the report itself ("source_report", "source_report_name"). Nothing is written here.
"""

import json
import secrets

from workshops.forms import ENTRY_FORMSETS
from workshops.models import ActionItem, Attendance, Outcome, Workshop, WorkshopOrganisation

SESSION_KEY = "workshop_drafts"
MAX_DRAFTS = 5  # kept per session; the oldest go first

ROLE_ORDER = [
    WorkshopOrganisation.Role.HOST.value,
    WorkshopOrganisation.Role.COORDINATOR.value,
    WorkshopOrganisation.Role.PARTICIPANT.value,
]


def _value(fact, default=""):
    return default if not fact else fact["value"]


def _timezone(proposal, hosts):
    """The first host's country's time zone, where it has one; else UTC."""
    try:
        from pytz import country_timezones
    except ImportError:  # pragma: no cover - pytz comes with dateparser
        return "UTC"
    for organisation in hosts:
        country = getattr(organisation, "country", "")
        zones = country_timezones.get(str(country)) if country else None
        if zones:
            return zones[0]
    return "UTC"


def build_draft(proposal, *, decisions=None, source_text="", source_name=""):
    """The entry page's POST-shaped data for `proposal`.

    decisions: {entity key: "<record id>" | "new" | "skip"} as chosen on the review page; an entity not decided takes
    its match (the record for "on_record" and "other_name", a new record for "new" and an undecided "choice")."""
    from institutes.models import Organisation

    decisions = decisions or {}
    new_records = []
    values = {}  # entity key -> select value ("12" or "new:n1") or None (skipped)

    def decide(entity):
        chosen = decisions.get(entity["key"])
        if chosen is None:
            match = entity["match"]
            chosen = str(match["record_id"]) if match["status"] in {"on_record", "other_name"} else "new"
        return chosen

    for organisation in proposal["organisations"]:
        chosen = decide(organisation)
        if chosen == "skip":
            values[organisation["key"]] = None
        elif chosen == "new":
            key = f"n{len(new_records) + 1}"
            new_records.append(
                {
                    "key": key,
                    "type": "organisation",
                    "name": organisation["name"],
                    "short_name": organisation["short_name"],
                    "name_local": "",
                    "kind": organisation.get("kind") or Organisation.Kind.OTHER.value,
                    "country": organisation.get("country", ""),
                }
            )
            values[organisation["key"]] = f"new:{key}"
        else:
            values[organisation["key"]] = chosen
    for person in proposal["people"]:
        chosen = decide(person)
        if chosen == "skip":
            values[person["key"]] = None
        elif chosen == "new":
            key = f"n{len(new_records) + 1}"
            new_records.append(
                {
                    "key": key,
                    "type": "person",
                    "honorific": person["honorific"],
                    "family_name": person["family_name"],
                    "given_name": person["given_name"],
                    "name_order": person["name_order"],
                    "name_local": "",
                    "email": "",
                    "organisation": values.get(person["organisation"]) or "",
                    "title": _value(person["title"]),
                }
            )
            values[person["key"]] = f"new:{key}"
        else:
            values[person["key"]] = chosen

    date = proposal["date"]
    data = {
        "title": _value(proposal["title"]),
        "other_title": _value(proposal["other_title"]),
        "kind": _value(proposal["kind"], Workshop.Kind.OTHER.value),
        "format": _value(proposal["format"], Workshop.Format.ONLINE.value),
        "status": proposal["status"],
        "start_date": date["value"] if date else "",
        "date_precision": date["precision"] if date else Workshop.DatePrecision.DAY.value,
        "start_time": "",
        "end_date": "",
        "end_time": "",
        "venue": _value(proposal["venue"]),
        "platform": _value(proposal["platform"]),
        "programme": str((proposal["programme"] or {}).get("record_id") or ""),
        "initiative": str((proposal["initiative"] or {}).get("record_id") or ""),
        "topics": [],
        "new_topics": "; ".join(topic["value"] for topic in proposal["topics"]),
        "reported_attendance": str(_value(proposal["reported_attendance"])),
        "summary": _value(proposal["summary"]),
        "minutes": _value(proposal["minutes"]),
        "version": "",
    }

    linked = [o for o in proposal["organisations"] if o["role"] and values[o["key"]]]
    linked.sort(key=lambda o: ROLE_ORDER.index(o["role"]))
    hosts = [
        Organisation.objects.filter(pk=values[o["key"]]).first()
        for o in linked
        if o["role"] == "host" and not values[o["key"]].startswith("new:")
    ]
    data["timezone"] = _timezone(proposal, [h for h in hosts if h])
    # An action's owner is a person (ours or a partner's) or, when the report names an organisation, that
    # organisation on whose behalf someone will act.
    person_keys = {p["key"] for p in proposal["people"]}
    organisation_keys = {o["key"] for o in proposal["organisations"]}
    rows = {
        "hosts": [{"organisation": values[o["key"]], "role": o["role"]} for o in linked],
        "attendance": [
            {
                "person": values[p["key"]],
                "organisation": values.get(p["organisation"]) or "",
                "title": _value(p["title"]),
                "role": p["role"] if p["role"] in Attendance.Role.values else Attendance.Role.PARTICIPANT.value,
                "presence": Attendance.Presence.PRESENT.value,
                "contribution": _value(p["contribution"]),
            }
            for p in proposal["people"]
            if values[p["key"]]
        ],
        "statements": [
            {
                "speaker": values.get(s["speaker"]) or "",
                "text": s["text"],
                "is_verbatim": "on" if s["is_verbatim"] else "",
            }
            for s in proposal["statements"]
        ],
        "outcomes": [
            {"kind": o["kind"], "text": o["text"]} for o in proposal["outcomes"] if o["kind"] in Outcome.Kind.values
        ],
        "actions": [
            {
                "title": a["title"][:300],
                "owner": (values.get(a["owner"]) or "") if a["owner"] in person_keys else "",
                "owner_organisation": (values.get(a["owner"]) or "") if a["owner"] in organisation_keys else "",
                "due_date": a["due_date"] or "",
                "status": ActionItem.Status.OPEN,
            }
            for a in proposal["actions"]
        ],
    }
    for prefix, _formset, _heading in ENTRY_FORMSETS:
        prefix_rows = rows[prefix]
        data[f"{prefix}-TOTAL_FORMS"] = str(len(prefix_rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for i, row in enumerate(prefix_rows):
            data[f"{prefix}-{i}-id"] = ""
            for name, value in row.items():
                data[f"{prefix}-{i}-{name}"] = str(value)
    data["new_records"] = json.dumps(new_records, ensure_ascii=False)
    data["source_report"] = source_text
    data["source_report_name"] = source_name
    return data


def store_draft(session, draft):
    """Keep `draft` in the session for the entry page; returns its token."""
    drafts = dict(session.get(SESSION_KEY) or {})
    token = secrets.token_urlsafe(12)
    drafts[token] = draft
    while len(drafts) > MAX_DRAFTS:
        drafts.pop(next(iter(drafts)))
    session[SESSION_KEY] = drafts
    return token
