from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from partnership.pagination import paginate
from workshops.models import Attendance

from .filters import PersonFilter
from .models import Person, Position


@require_safe
@login_required
@permission_required("participants.view_person", raise_exception=True)
def person_list(request):
    queryset = Person.objects.prefetch_related(
        Prefetch("positions", queryset=Position.objects.select_related("organisation").order_by("-start_date", "-id"))
    )
    filterset = PersonFilter(request.GET or None, queryset=queryset)
    page = paginate(request, filterset.qs)
    return render(request, "participants/person_list.html", {"filter": filterset, "page": page})


@require_safe
@login_required
@permission_required("participants.view_person", raise_exception=True)
def person_detail(request, pk):
    person = get_object_or_404(
        Person.objects.prefetch_related(
            "aliases",
            Prefetch(
                "positions", queryset=Position.objects.select_related("organisation").order_by("-start_date", "-id")
            ),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("workshop", "organisation").order_by(
                    "-workshop__start_date"
                ),
            ),
        ),
        pk=pk,
    )
    return render(request, "participants/person_detail.html", {"person": person})
