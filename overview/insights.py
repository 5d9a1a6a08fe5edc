"""/insights/: workshops per quarter, participation, the agreement funnel, statistics and the partnership network.

Every figure is counted in the database by a handful of grouped queries (no attendance row comes into Python); the
page passes them to static/js/insights.js with json_script and also prints them as tables, so they can be read
without the charts.

Counting reads every attendance row (seconds at 100,000 workshops, tens of seconds at a million), so no request
does it: the `refresh_insights` job (cron, every few minutes) renders the figures of every language and every
filter asked for into InsightsSnapshot rows, and the page shows the latest one with its time. A filter nobody asked
for before gets a row without figures and the page says they are being prepared; the next run fills it.
"""

import contextlib
import contextvars
import datetime
import time
from collections import defaultdict

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_countries import countries

from accounts.scope import sees_all_programmes
from agreements.models import Agreement, AgreementParty
from institutes.models import Organisation
from workshops.models import Attendance, Programme, Workshop, WorkshopOrganisation

from .models import InsightsSnapshot

# A filtered snapshot nobody has asked for in this long is dropped by the job (the unfiltered ones stay).
KEEP_UNUSED = datetime.timedelta(days=30)
ASK_AGAIN = datetime.timedelta(days=1)
# Cytoscape cannot lay out 100,000 links in a browser: the network draws the strongest ones of each kind.
MAX_EDGES = 2000
# The per-organisation table and the network's unlinked organisations: the most active ones. Every organisation at a
# million workshops (10,000 rows, 5 MB of page) is what the organisations list is for, not a chart page.
MAX_ORGANISATIONS = 100


class InsightsFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=gettext_lazy("Programme"), queryset=Programme.objects.order_by("name"), required=False
    )
    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The figures of all programmes are for all-programme roles: a user of some programmes picks one of them.
        if user is not None and not sees_all_programmes(user):
            programme = self.fields["programme"]
            programme.queryset = Programme.objects.visible_to(user).order_by("name")
            programme.required = True
            programme.empty_label = None
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", _("The end of the period cannot be before its start."))
        return cleaned


def filtered_workshops(programme=None, start=None, end=None):
    workshops = Workshop.objects.all()
    if programme:
        workshops = workshops.filter(Q(programme=programme) | Q(initiative=programme))
    if start:
        workshops = workshops.filter(start_date__gte=start)
    if end:
        workshops = workshops.filter(start_date__lte=end)
    return workshops


def filtered_agreements(programme=None, start=None, end=None):
    agreements = Agreement.objects.all()
    if programme:
        agreements = agreements.filter(programme=programme)
    # An agreement belongs to the period in which it was proposed (or created, when that is not known).
    if start:
        agreements = agreements.filter(
            Q(proposed_on__gte=start) | Q(proposed_on__isnull=True, created_at__date__gte=start)
        )
    if end:
        agreements = agreements.filter(Q(proposed_on__lte=end) | Q(proposed_on__isnull=True, created_at__date__lte=end))
    return agreements


def workshops_per_quarter(workshops):
    rows = (
        workshops.annotate(year=ExtractYear("start_date"), quarter=ExtractQuarter("start_date"))
        .values("year", "quarter", "format")
        .annotate(n=Count("id"))
        .order_by("year", "quarter", "format")
    )
    quarters = sorted({(r["year"], r["quarter"]) for r in rows})
    labels = [f"{year} Q{quarter}" for year, quarter in quarters]
    index = {q: i for i, q in enumerate(quarters)}
    series = []
    for value, label in Workshop.Format.choices:
        counts = [0] * len(quarters)
        for r in rows:
            if r["format"] == value:
                counts[index[(r["year"], r["quarter"])]] = r["n"]
        series.append({"key": value, "label": str(label), "counts": counts})
    rows = [{"label": label, "counts": [s["counts"][i] for s in series]} for i, label in enumerate(labels)]
    return {"labels": labels, "series": series, "rows": rows}


def attendance_counts(workshops):
    """Attendances and distinct people per organisation, per country and per kind of organisation, from one pass
    over the attendance rows in the database: (organisation, person) pairs first, then the three groupings of them.
    """
    condition, params = _within("a.workshop_id", workshops)
    rows = _fetch(
        f"""WITH ap AS (
            SELECT a.organisation_id, a.person_id, COUNT(*) AS n FROM {_table(Attendance)} a
            WHERE a.organisation_id IS NOT NULL AND {condition} GROUP BY a.organisation_id, a.person_id
        )
        SELECT 'organisation', ap.organisation_id, NULL, SUM(ap.n), COUNT(*) FROM ap GROUP BY ap.organisation_id
        UNION ALL SELECT 'country', NULL, o.country, SUM(ap.n), COUNT(DISTINCT ap.person_id)
            FROM ap JOIN {_table(Organisation)} o ON o.id = ap.organisation_id GROUP BY o.country
        UNION ALL SELECT 'kind', NULL, o.kind, SUM(ap.n), COUNT(DISTINCT ap.person_id)
            FROM ap JOIN {_table(Organisation)} o ON o.id = ap.organisation_id GROUP BY o.kind""",
        params,
    )
    counts = {"organisation": {}, "country": {}, "kind": {}}
    for level, organisation_id, value, attendances, people in rows:
        # int(): PostgreSQL's SUM of a bigint is a numeric, which would reach the page's JSON as a string.
        counts[level][organisation_id if level == "organisation" else value] = {
            "attendances": int(attendances),
            "people": people,
        }
    return counts


def participation(counts):
    """Attendances and people by country and by kind of organisation, the most attendances first."""
    kinds = dict(Organisation.Kind.choices)
    by_country = sorted(counts["country"].items(), key=lambda item: (-item[1]["attendances"], item[0]))
    by_kind = sorted(counts["kind"].items(), key=lambda item: (-item[1]["attendances"], item[0]))
    return {
        "countries": [{"label": countries.name(code) or _("No country"), **n} for code, n in by_country],
        "kinds": [{"label": str(kinds[kind]), **n} for kind, n in by_kind],
    }


def agreement_funnel(agreements):
    counts = dict(agreements.values_list("status").annotate(n=Count("id")).order_by())
    return [
        {"key": value, "label": str(label), "count": counts.get(value, 0)} for value, label in Agreement.Status.choices
    ]


def _workshop_members(workshops):
    """SQL for every (workshop, organisation) pair the records put together, once each: an organisation linked to the
    workshop in any role, or one a named attendee came from."""
    linked, linked_params = _within("workshop_id", workshops)
    attended, attended_params = _within("workshop_id", workshops)
    sql = (
        f"SELECT workshop_id AS group_id, organisation_id FROM {_table(WorkshopOrganisation)} WHERE {linked} "
        f"UNION SELECT workshop_id, organisation_id FROM {_table(Attendance)} "
        f"WHERE organisation_id IS NOT NULL AND {attended}"
    )
    return sql, (*linked_params, *attended_params)


def _agreement_members(agreements):
    """SQL for every (agreement, organisation) pair of the agreements' parties, once each."""
    condition, params = _within("agreement_id", agreements)
    sql = f"SELECT DISTINCT agreement_id AS group_id, organisation_id FROM {_table(AgreementParty)} WHERE {condition}"
    return sql, params


def _within(column, queryset):
    """An SQL condition (and its parameters) that the column holds the id of a record of the queryset; always true
    for an unfiltered queryset, which spares the database a join with every row of the table."""
    if not queryset.query.has_filters():
        return "1 = 1", ()
    ids, params = queryset.order_by().values("pk").query.sql_with_params()
    return f"{column} IN ({ids})", params


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


_memo = contextvars.ContextVar("insights_memo", default=None)


@contextlib.contextmanager
def same_counts():
    """Within this block a statement already run is answered from memory: the job renders each filter in every
    language, and only the labels differ between them."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _fetch(sql, params):
    memo = _memo.get()
    key = (sql, tuple(params))
    if memo is not None and key in memo:
        return memo[key]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if memo is not None:
        memo[key] = rows
    return rows


def together(members):
    """From (group, organisation) pairs (workshops or agreements), counted in the database in one statement: the
    groups of each organisation, the groups of each pair of organisations (the MAX_EDGES pairs with the most), and the
    distinct groups per country."""
    sql, params = members
    rows = _fetch(
        f"""WITH m AS ({sql})
        SELECT 'organisation', m.organisation_id, NULL, NULL, COUNT(*) FROM m GROUP BY m.organisation_id
        UNION ALL SELECT * FROM (
            SELECT 'pair', a.organisation_id, b.organisation_id, NULL, COUNT(*)
            FROM m a JOIN m b ON a.group_id = b.group_id AND a.organisation_id < b.organisation_id
            GROUP BY a.organisation_id, b.organisation_id
            ORDER BY COUNT(*) DESC, a.organisation_id, b.organisation_id LIMIT %s
        ) strongest
        UNION ALL SELECT 'country', NULL, NULL, o.country, COUNT(DISTINCT m.group_id)
            FROM m JOIN {_table(Organisation)} o ON o.id = m.organisation_id GROUP BY o.country""",
        (*params, MAX_EDGES + 1),
    )
    counts = {"organisation": {}, "pair": [], "country": {}}
    for level, organisation_id, other_id, country, n in rows:
        if level == "pair":
            counts["pair"].append((organisation_id, other_id, n))
        else:
            counts[level][organisation_id if level == "organisation" else country] = n
    strongest_first = sorted(counts["pair"], key=lambda pair: (-pair[2], pair[0], pair[1]))
    counts["more_pairs"] = len(strongest_first) > MAX_EDGES
    counts["pair"] = sorted(strongest_first[:MAX_EDGES])
    return counts


def network(attendance, met, signed):
    """Organisations (with workshop, people, attendance and agreement counts), and who met or signed with whom."""
    workshop_counts, agreement_counts = met["organisation"], signed["organisation"]
    organisations = Organisation.objects.filter(pk__in=set(workshop_counts) | set(agreement_counts)).order_by("name")
    nodes = []
    for org in organisations:
        counts = attendance.get(org.pk, {"attendances": 0, "people": 0})
        nodes.append(
            {
                "id": f"o{org.pk}",
                "label": org.label,
                "name": org.name,
                "country": org.country.name if org.country else "",
                "url": reverse("institutes:detail", args=[org.pk]),
                "workshops": workshop_counts.get(org.pk, 0),
                "people": counts["people"],
                "attendances": counts["attendances"],
                "agreements": agreement_counts.get(org.pk, 0),
                "activity": workshop_counts.get(org.pk, 0) + agreement_counts.get(org.pk, 0),
            }
        )
    edges = [
        {"id": f"w{a}-{b}", "source": f"o{a}", "target": f"o{b}", "kind": "workshop", "weight": n}
        for a, b, n in met["pair"]
    ] + [
        {"id": f"a{a}-{b}", "source": f"o{a}", "target": f"o{b}", "kind": "agreement", "weight": n}
        for a, b, n in signed["pair"]
    ]
    return {"nodes": nodes, "edges": edges}


def country_statistics(nodes):
    """Per country: its organisations, and the people and attendances they sent."""
    totals = defaultdict(lambda: {"organisations": 0, "people": 0, "attendances": 0})
    for node in nodes:
        row = totals[node["country"] or _("No country")]
        row["organisations"] += 1
        row["people"] += node["people"]
        row["attendances"] += node["attendances"]
    return [{"country": country, **row} for country, row in sorted(totals.items(), key=lambda item: str(item[0]))]


def insights_data(programme=None, start=None, end=None):
    workshops = filtered_workshops(programme, start, end)
    agreements = filtered_agreements(programme, start, end)
    attendance = attendance_counts(workshops)
    met = together(_workshop_members(workshops))
    signed = together(_agreement_members(agreements))
    graph = network(attendance["organisation"], met, signed)
    workshops_in, agreements_in = _by_country_name(met["country"]), _by_country_name(signed["country"])
    country_rows = [
        {**row, "workshops": workshops_in.get(row["country"], 0), "agreements": agreements_in.get(row["country"], 0)}
        for row in country_statistics(graph["nodes"])
    ]
    return {
        "quarters": workshops_per_quarter(workshops),
        "participation": participation(attendance),
        "funnel": agreement_funnel(agreements),
        "network": graph,
        "strongest_links_only": met["more_pairs"] or signed["more_pairs"],
        "countries": country_rows,
    }


def _by_country_name(counts):
    return {(countries.name(code) or _("No country")): n for code, n in counts.items()}


@require_safe
@login_required
@permission_required("workshops.view_workshop", raise_exception=True)
@permission_required("agreements.view_agreement", raise_exception=True)
def insights_page(request):
    form = InsightsFilterForm(request.GET or None, user=request.user)
    choices = form.cleaned_data if form.is_valid() else {}
    programme, start, end = choices.get("programme"), choices.get("start"), choices.get("end")
    if programme is None and not sees_all_programmes(request.user):
        # Snapshots are computed per filter, not per user: one of the user's programmes, or no figures at all.
        programme = form.fields["programme"].queryset.first()
        if programme is None:
            return render(request, "insights/insights.html", {"form": form, "figures": None, "computed_at": None})
    language = get_language()
    key = InsightsSnapshot.key_for(language, programme, start, end)
    snapshot = InsightsSnapshot.objects.filter(key=key).only("figures", "computed_at", "requested_at").first()
    if snapshot is None or timezone.now() - snapshot.requested_at > ASK_AGAIN:
        # Ask the job for this filter (again): its row says when it was last wanted (written at most once a day).
        InsightsSnapshot.objects.update_or_create(
            key=key,
            defaults={"requested_at": timezone.now()},
            create_defaults={
                "programme": programme,
                "start": start,
                "end": end,
                "language": language,
                "requested_at": timezone.now(),
            },
        )
    return render(
        request,
        "insights/insights.html",
        {
            "form": form,
            # mark_safe: the figures are the HTML _render_figures rendered and escaped.
            "figures": mark_safe(snapshot.figures) if snapshot and snapshot.figures is not None else None,
            "computed_at": snapshot.computed_at if snapshot else None,
        },
    )


def refresh(*, only_missing=False, now=None):
    """Compute the figures of every snapshot asked for (and of the unfiltered page in every language); drop filtered
    snapshots unused for KEEP_UNUSED. Returns the snapshots computed. `only_missing`: those without figures only."""
    now = now or timezone.now()
    for language, _name in settings.LANGUAGES:
        InsightsSnapshot.objects.get_or_create(
            key=InsightsSnapshot.key_for(language), defaults={"language": language, "requested_at": now}
        )
    filtered = Q(programme__isnull=False) | Q(start__isnull=False) | Q(end__isnull=False)
    InsightsSnapshot.objects.filter(filtered, requested_at__lt=now - KEEP_UNUSED).delete()
    snapshots = InsightsSnapshot.objects.select_related("programme").order_by("programme", "start", "end", "language")
    if only_missing:
        snapshots = snapshots.filter(figures__isnull=True)
    done = []
    with same_counts():
        for snapshot in snapshots:
            started = time.monotonic()
            with translation.override(snapshot.language):
                figures = _render_figures(insights_data(snapshot.programme, snapshot.start, snapshot.end))
            snapshot.figures, snapshot.computed_at = figures, timezone.now()
            snapshot.seconds = time.monotonic() - started
            snapshot.save(update_fields=["figures", "computed_at", "seconds"])
            done.append(snapshot)
    return done


def _render_figures(data):
    """The page's figures as HTML: the tables, and the data the charts and the network are drawn from. Rendered
    without the request, as every user who may see the page is shown the same."""
    organisations = sorted(data["network"]["nodes"], key=lambda n: (-n["activity"], n["name"]))
    shown = organisations[:MAX_ORGANISATIONS]
    edges = data["network"]["edges"]
    # The network draws the organisations of the table and those at either end of a link drawn.
    drawn = {node["id"] for node in shown} | {e["source"] for e in edges} | {e["target"] for e in edges}
    network = {"nodes": [node for node in data["network"]["nodes"] if node["id"] in drawn], "edges": edges}
    context = {
        "data": {**data, "network": network},
        "organisations": shown,
        "organisation_count": len(organisations),
        "max_edges": MAX_EDGES,
    }
    return render_to_string("insights/_figures.html", context)
