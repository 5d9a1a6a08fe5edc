from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.views.decorators.http import require_safe

from agreements.models import Agreement
from workshops.models import ActionItem, Workshop


@require_safe
@login_required
def home(request):
    counts = dict(Agreement.objects.values_list("status").annotate(n=Count("id")).order_by())
    pipeline = [(value, label, counts.get(value, 0)) for value, label in Agreement.Status.choices]
    return render(
        request,
        "home.html",
        {
            "pipeline": pipeline,
            "recent_workshops": Workshop.objects.for_list()[:5],
            "upcoming_workshops": Workshop.objects.for_list().upcoming().order_by("start_date")[:5],
            "open_actions": ActionItem.objects.open().count(),
            "overdue_actions": ActionItem.objects.overdue().count(),
            "workshop_count": Workshop.objects.count(),
        },
    )
