import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.roles import role_required
from agreements.models import Agreement
from common.pagination import COUNT_LIMIT, capped_counts
from workshops.models import ActionItem, Workshop

EXPIRY_WINDOWS = (90, 30, 7)
HOME_LIST_LENGTH = 5  # the first few stale drafts and overdue actions; the count links to the rest


@require_safe
@role_required
def home(request):
    """The manager's overview. Every number is a link to the filtered list that makes it up."""
    today = timezone.localdate()
    stale_days = settings.STALE_AGREEMENT_DAYS
    # One statement for every agreement figure on the page: per status, how many, how many stale and how many expiring
    # in each window, read from the index on (status, status_since, expires_on) alone (agreements migration 0007).
    # Each figure and list counts the user's programmes only (accounts/scope.py).
    user = request.user
    agreements = Agreement.objects.visible_to(user)
    actions = ActionItem.objects.visible_to(user)
    workshops = Workshop.objects.visible_to(user)
    per_status = (
        agreements.values("status")
        .annotate(
            n=Count("id"),
            stale=Count(
                "id",
                filter=Q(
                    status__in=Agreement.Status.pipeline(),
                    status_since__lt=today - datetime.timedelta(days=stale_days),
                ),
            ),
            **{
                f"expiring_{days}": Count("id", filter=Agreement.objects.expiring_condition(days, today=today))
                for days in EXPIRY_WINDOWS
            },
        )
        .order_by()
    )
    counts, figures = {}, {"stale": 0, **{f"expiring_{days}": 0 for days in EXPIRY_WINDOWS}}
    for row in per_status:
        counts[row["status"]] = row["n"]
        for name in figures:
            figures[name] += row[name]
    pipeline = [(value, label, counts.get(value, 0)) for value, label in Agreement.Status.choices]
    overdue_actions = actions.overdue(today)
    # Open and overdue counted no further than COUNT_LIMIT, as the lists do: an exact count read every open item
    # (two thirds of them at 100,000 workshops, 55 ms, and ten times that at a million). Mine apart, through the
    # owner's index.
    open_count, overdue_count, workshop_count = capped_counts([actions.open(), overdue_actions, workshops], COUNT_LIMIT)
    stale = agreements.stale(stale_days, today=today).select_related("programme").order_by("status_since", "id")
    overdue = overdue_actions.select_related("owner", "workshop", "agreement").order_by("due_date", "id")
    return render(
        request,
        "home.html",
        {
            "pipeline": pipeline,
            "stale_days": stale_days,
            "stale_count": figures["stale"],
            "stale": stale[:HOME_LIST_LENGTH],
            "expiring": [(days, figures[f"expiring_{days}"]) for days in EXPIRY_WINDOWS],
            "recent_workshops": workshops.for_list()[:5],
            "upcoming_workshops": workshops.for_list().upcoming().order_by("start_date")[:5],
            "open_actions": open_count,
            "overdue_count": overdue_count,
            "overdue": overdue[:HOME_LIST_LENGTH],
            "my_overdue_actions": overdue_actions.owned_by(request.user).count(),
            "workshop_count": workshop_count,
            "count_limit": COUNT_LIMIT,
        },
    )
