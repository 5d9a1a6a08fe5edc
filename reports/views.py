"""Log from a report: paste or upload a narrative report, review what was read from it, then go on to the entry page
filled in. Nothing is written here: "Accept" keeps the entry page's data in the session (reports.drafts)."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workshops import drafts
from workshops.models import Attendance, Outcome, Workshop, WorkshopOrganisation

from . import limits
from .drafts import build_draft
from .forms import ReportForm
from .reader import Reader, read_report

PAYLOAD_SALT = "reports.from-report"
PAYLOAD_MAX_AGE = 60 * 60 * 24
TEMPLATE = "reports/from_report.html"
STATUS_LABELS = {
    "on_record": gettext_lazy("on record"),
    "other_name": gettext_lazy("other name"),
    "choice": gettext_lazy("choose"),
    "new": gettext_lazy("new"),
}


@login_required
@permission_required("workshops.add_workshop", raise_exception=True)
def log_from_report(request):
    if request.method != "POST":
        return render(request, TEMPLATE, {"form": ReportForm()})
    if request.POST.get("step") == "accept":
        return _accept(request)
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form})
    text, name = form.cleaned_data["report"], form.cleaned_data["name"]
    return _review(request, text, name, read_report(text, name=name, cut=form.cleaned_data["cut"], user=request.user))


def _accept(request):
    """The proposal the review page showed, as the server signed it into the page: read once, never again, and
    never one the browser changed."""
    try:
        data = signing.loads(request.POST.get("payload", ""), salt=PAYLOAD_SALT, max_age=PAYLOAD_MAX_AGE)
        text, name, proposal = data["text"], data["name"], data["proposal"]
    except (signing.BadSignature, KeyError, TypeError):
        messages.error(request, _("The report could not be read back. Paste or upload it again."))
        return render(request, TEMPLATE, {"form": ReportForm()})
    review = Review(text, proposal, request.POST)
    if review.errors:
        return _review(request, text, name, proposal, review=review)
    draft = build_draft(proposal, decisions=review.decisions, source_text=text, source_name=name)
    token = drafts.store(request, draft)
    return redirect(f"{reverse('workshops:create')}?draft={token}")


def _review(request, text, name, proposal, *, review=None):
    review = review or Review(text, proposal, None)
    payload = signing.dumps({"text": text, "name": name, "proposal": proposal}, salt=PAYLOAD_SALT, compress=True)
    context = {"proposal": proposal, "review": review, "payload": payload, "source_name": name, "form": None}
    return render(request, TEMPLATE, {**context, "cut_notes": cut_notes(proposal)})


def cut_notes(proposal):
    """What the caps left out of the report (reports/limits.py), for the review page."""
    cut = proposal.get("cut") or {}
    notes = []
    if cut.get("characters"):
        notes.append(
            _(
                "This report is longer than %(limit)s characters (it has %(length)s): only its first %(limit)s were "
                "read. Read the rest as another report."
            )
            % {"limit": _number(limits.MAX_CHARS), "length": _number(cut["characters"])}
        )
    if cut.get("people"):
        notes.append(
            _(
                "This report names %(count)s people: only the part naming the first %(limit)s was read. Read the "
                "rest as another report."
            )
            % {"limit": _number(limits.MAX_PEOPLE), "count": _number(cut["people"])}
        )
    return notes


def _number(value):
    return number_format(value, force_grouping=True)


@dataclass
class Choice:
    value: str
    label: str
    checked: bool = False


@dataclass
class EntityRow:
    key: str
    kind: str
    written: list
    proposed: str
    status: str
    status_label: str
    details: str
    evidence: str
    choices: list = field(default_factory=list)
    error: str = ""


@dataclass
class FactRow:
    label: str
    value: str
    evidence: str


class Review:
    """The review page's rows: each fact beside its sentence, each person and organisation beside its match with the
    choices offered; with `data` (the accepted form), the choices made and what is missing."""

    def __init__(self, text, proposal, data):
        self.text = text
        self.proposal = proposal
        self._sentences = list(Reader(text).sentences())
        self.errors = []
        self.decisions = {}
        self.organisations = [self._organisation_row(o) for o in proposal["organisations"]]
        self.people = [self._person_row(p) for p in proposal["people"]]
        self.facts = self._fact_rows()
        if data is not None:
            self._decide(data)

    # evidence
    def evidence(self, span):
        """The sentence(s) holding span, the span itself in <mark>."""
        if not span:
            return ""
        start, end = span
        covering = [(s, e) for s, e in self._sentences if s < end and start < e] or [(start, end)]
        s0, s1 = covering[0][0], covering[-1][1]
        if s1 - s0 > 900:  # a whole paragraph read as one fact: the marked part only
            s0, s1 = start, min(end, start + 900)
        return format_html(
            "{}<mark>{}</mark>{}", self.text[s0:start], self.text[start : min(end, s1)], self.text[min(end, s1) : s1]
        )

    # rows
    def _organisation_row(self, org):
        match = org["match"]
        written = []
        for mention in org["mentions"]:
            status = mention.get("match", {}).get("status", match["status"])
            item = (mention["text"], STATUS_LABELS[status])
            if item not in written:
                written.append(item)
        choices = [Choice(str(c["id"]), c["label"]) for c in match["candidates"]]
        choices.append(Choice("new", _("A new organisation: %(name)s") % {"name": org["name"]}))
        choices.append(Choice("skip", _("Leave out")))
        default = str(match["record_id"]) if match["status"] in {"on_record", "other_name"} else "new"
        if match["status"] != "choice":
            for choice in choices:
                choice.checked = choice.value == default
        role = dict(WorkshopOrganisation.Role.choices).get(org["role"], "")
        return EntityRow(
            key=org["key"],
            kind="organisation",
            written=written,
            proposed=next((c["label"] for c in match["candidates"] if c["id"] == match["record_id"]), org["name"]),
            status=match["status"],
            status_label=STATUS_LABELS[match["status"]],
            details=str(role),
            evidence=self.evidence(org["role_evidence"] or org["mentions"][0]["evidence"]),
            choices=choices,
        )

    def _person_row(self, person):
        match = person["match"]
        orgs = {o["key"]: o["short_name"] or o["name"] for o in self.proposal["organisations"]}
        written = [(m["text"], "") for m in person["mentions"]]
        written = list(dict.fromkeys(written))
        name = " ".join(p for p in [person["honorific"], person["name"]] if p)
        choices = [Choice(str(c["id"]), c["label"]) for c in match["candidates"]]
        choices.append(Choice("new", _("A new person: %(name)s") % {"name": name}))
        choices.append(Choice("skip", _("Leave out")))
        default = str(match["record_id"]) if match["status"] in {"on_record", "other_name"} else "new"
        if match["status"] != "choice":
            for choice in choices:
                choice.checked = choice.value == default
        title = person["title"]["value"] if person["title"] else ""
        details = ", ".join(x for x in [title, orgs.get(person["organisation"], "")] if x)
        role = dict(Attendance.Role.choices).get(person["role"], "")
        return EntityRow(
            key=person["key"],
            kind="person",
            written=written,
            proposed=name,
            status=match["status"],
            status_label=STATUS_LABELS[match["status"]],
            details=f"{details} · {role}" if details else str(role),
            evidence=self.evidence(
                person["title"]["evidence"] if person["title"] else person["mentions"][0]["evidence"]
            ),
            choices=choices,
        )

    def _fact_rows(self):
        p = self.proposal
        rows = []

        def add(label, fact, value=None):
            if fact:
                rows.append(
                    FactRow(label, value if value is not None else str(fact["value"]), self.evidence(fact["evidence"]))
                )

        add(_("Title"), p["title"])
        add(_("Headline"), p["other_title"])
        if p["date"]:
            precision = dict(Workshop.DatePrecision.choices)[p["date"]["precision"]]
            add(_("Date"), p["date"], f"{p['date']['value']} ({precision})")
        add(_("Kind"), p["kind"], p["kind"] and str(Workshop.Kind(p["kind"]["value"]).label))
        add(_("Format"), p["format"], p["format"] and str(Workshop.Format(p["format"]["value"]).label))
        add(_("Online platform"), p["platform"])
        add(_("Venue"), p["venue"])
        for label, key in [(_("Programme"), "programme"), (_("Initiative"), "initiative")]:
            fact = p[key]
            if fact:
                on_record = fact["record_name"] or _("not on record: choose it on the entry page")
                add(label, fact, f"{fact['value']} → {on_record}")
        add(_("Reported attendance"), p["reported_attendance"])
        people = {person["key"]: person["name"] for person in p["people"]}
        for topic in p["topics"]:
            add(_("Topic"), topic)
        for statement in p["statements"]:
            speaker = people.get(statement["speaker"], _("speaker not found"))
            add(
                _("Quoted") if statement["is_verbatim"] else _("Said"),
                {"value": "", **statement},
                f"{speaker}: “{statement['text']}”",
            )
        for outcome in p["outcomes"]:
            add(str(Outcome.Kind(outcome["kind"]).label), {"value": outcome["text"], **outcome})
        owners = {o["key"]: o["short_name"] or o["name"] for o in p["organisations"]} | people
        for action in p["actions"]:
            extra = [owners[action["owner"]]] if action["owner"] else []
            extra += [action["due_date"]] if action["due_date"] else []
            value = action["title"] + (f" ({', '.join(extra)})" if extra else "")
            add(_("Follow-up action"), {"value": value, **action}, value)
        return rows

    def _decide(self, data):
        for row in [*self.organisations, *self.people]:
            # A radio not sent keeps the match proposed; a choice between records must be made.
            default = next((choice.value for choice in row.choices if choice.checked), "")
            chosen = data.get(f"choice-{row.key}", default)
            allowed = {choice.value for choice in row.choices}
            for choice in row.choices:
                choice.checked = choice.value == chosen
            if chosen not in allowed:
                row.error = _("Choose which record this is, a new one, or leave it out.")
                self.errors.append(row.error)
            else:
                self.decisions[row.key] = chosen
