"""/insights/: workshops per quarter, participation, the agreement funnel, statistics and the partnership network.

Every figure comes from a handful of grouped queries; the page passes them to static/js/insights.js with
json_script and also prints them as tables, so they can be read without the charts.
"""

from collections import Counter, defaultdict
from itertools import combinations

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count, Q
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django_countries import countries

from agreements.models import Agreement, AgreementParty
from institutes.models import Organisation
from workshops.models import Attendance, Programme, Workshop, WorkshopOrganisation


class InsightsFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=gettext_lazy("Programme"), queryset=Programme.objects.order_by("name"), required=False
    )
    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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


def participation(workshops):
    attendances = Attendance.objects.filter(workshop__in=workshops, organisation__isnull=False)
    by_country = (
        attendances.values("organisation__country")
        .annotate(attendances=Count("id"), people=Count("person", distinct=True))
        .order_by("-attendances", "organisation__country")
    )
    kinds = dict(Organisation.Kind.choices)
    by_kind = (
        attendances.values("organisation__kind")
        .annotate(attendances=Count("id"), people=Count("person", distinct=True))
        .order_by("-attendances", "organisation__kind")
    )
    return {
        "countries": [
            {
                "label": countries.name(r["organisation__country"]) or _("No country"),
                "attendances": r["attendances"],
                "people": r["people"],
            }
            for r in by_country
        ],
        "kinds": [
            {"label": str(kinds[r["organisation__kind"]]), "attendances": r["attendances"], "people": r["people"]}
            for r in by_kind
        ],
    }


def agreement_funnel(agreements):
    counts = dict(agreements.values_list("status").annotate(n=Count("id")).order_by())
    return [
        {"key": value, "label": str(label), "count": counts.get(value, 0)} for value, label in Agreement.Status.choices
    ]


def network(workshops, agreements):
    """Organisations (with workshop, people, attendance and agreement counts), and who met or signed with whom."""
    workshop_orgs = defaultdict(set)
    for workshop_id, org_id in WorkshopOrganisation.objects.filter(workshop__in=workshops).values_list(
        "workshop_id", "organisation_id"
    ):
        workshop_orgs[workshop_id].add(org_id)
    attendance_rows = list(
        Attendance.objects.filter(workshop__in=workshops, organisation__isnull=False).values_list(
            "workshop_id", "organisation_id", "person_id"
        )
    )
    people = defaultdict(set)
    attendance_counts = Counter()
    for workshop_id, org_id, person_id in attendance_rows:
        workshop_orgs[workshop_id].add(org_id)
        people[org_id].add(person_id)
        attendance_counts[org_id] += 1
    agreement_orgs = defaultdict(set)
    for agreement_id, org_id in AgreementParty.objects.filter(agreement__in=agreements).values_list(
        "agreement_id", "organisation_id"
    ):
        agreement_orgs[agreement_id].add(org_id)

    workshop_counts, agreement_counts = Counter(), Counter()
    met, signed = Counter(), Counter()
    for orgs in workshop_orgs.values():
        workshop_counts.update(orgs)
        met.update(combinations(sorted(orgs), 2))
    for orgs in agreement_orgs.values():
        agreement_counts.update(orgs)
        signed.update(combinations(sorted(orgs), 2))

    ids = set(workshop_counts) | set(agreement_counts)
    organisations = Organisation.objects.filter(pk__in=ids).order_by("name")
    nodes = [
        {
            "id": f"o{org.pk}",
            "label": org.label,
            "name": org.name,
            "country": org.country.name if org.country else "",
            "url": reverse("institutes:detail", args=[org.pk]),
            "workshops": workshop_counts[org.pk],
            "people": len(people[org.pk]),
            "attendances": attendance_counts[org.pk],
            "agreements": agreement_counts[org.pk],
            "activity": workshop_counts[org.pk] + agreement_counts[org.pk],
        }
        for org in organisations
    ]
    edges = [
        {"id": f"w{a}-{b}", "source": f"o{a}", "target": f"o{b}", "kind": "workshop", "weight": n}
        for (a, b), n in sorted(met.items())
    ] + [
        {"id": f"a{a}-{b}", "source": f"o{a}", "target": f"o{b}", "kind": "agreement", "weight": n}
        for (a, b), n in sorted(signed.items())
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


def country_workshops_and_agreements(workshops, agreements):
    """Distinct workshops and agreements per country of the organisations involved."""
    per_country = defaultdict(lambda: {"workshops": set(), "agreements": set()})
    for workshop_id, country in WorkshopOrganisation.objects.filter(workshop__in=workshops).values_list(
        "workshop_id", "organisation__country"
    ):
        per_country[country]["workshops"].add(workshop_id)
    for workshop_id, country in Attendance.objects.filter(
        workshop__in=workshops, organisation__isnull=False
    ).values_list("workshop_id", "organisation__country"):
        per_country[country]["workshops"].add(workshop_id)
    for agreement_id, country in AgreementParty.objects.filter(agreement__in=agreements).values_list(
        "agreement_id", "organisation__country"
    ):
        per_country[country]["agreements"].add(agreement_id)
    return {
        (countries.name(code) or _("No country")): (len(v["workshops"]), len(v["agreements"]))
        for code, v in per_country.items()
    }


def insights_data(programme=None, start=None, end=None):
    workshops = filtered_workshops(programme, start, end)
    agreements = filtered_agreements(programme, start, end)
    graph = network(workshops, agreements)
    by_country = country_workshops_and_agreements(workshops, agreements)
    country_rows = []
    for row in country_statistics(graph["nodes"]):
        n_workshops, n_agreements = by_country.get(row["country"], (0, 0))
        country_rows.append({**row, "workshops": n_workshops, "agreements": n_agreements})
    return {
        "quarters": workshops_per_quarter(workshops),
        "participation": participation(workshops),
        "funnel": agreement_funnel(agreements),
        "network": graph,
        "countries": country_rows,
    }


@require_safe
@login_required
@permission_required("workshops.view_workshop", raise_exception=True)
@permission_required("agreements.view_agreement", raise_exception=True)
def insights_page(request):
    form = InsightsFilterForm(request.GET or None)
    choices = form.cleaned_data if form.is_valid() else {}
    data = insights_data(choices.get("programme"), choices.get("start"), choices.get("end"))
    organisations = sorted(data["network"]["nodes"], key=lambda n: (-n["activity"], n["name"]))
    return render(
        request,
        "insights/insights.html",
        {
            "form": form,
            "data": data,
            "organisations": organisations,
        },
    )
