import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.roles import role_required
from accounts.scope import programme_scope
from agreements.models import Agreement
from common.pagination import COUNT_LIMIT, capped_counts
from workshops.models import ActionItem, Workshop

EXPIRY_WINDOWS = (90, 30, 7)
FIGURES_SECONDS = 24 * 3600  # the figures' longest stay in the cache (their key changes with the day)
HOME_LIST_LENGTH = 5  # the first few stale drafts and overdue actions; the count links to the rest


def home_figures(user, today, stale_days):
    """The home page's figures for the user's programmes: (agreements per status, {"stale": n, "expiring_<days>": n},
    (open actions, overdue actions, workshops) each counted no further than COUNT_LIMIT + 1). Kept in the cache
    until an agreement, an action or a workshop changes (every change writes a history row: the newest ids are the
    version, read in one query from three primary key indexes) or the day does. Computing them reads 20,000 agreements
    at a million workshops (8 ms, ten times the 100,000's) and up to 10,001 index entries per count (5-16 ms on
    SQLite at 20,000 workshops)."""
    tables = [model.history.model._meta.db_table for model in (Agreement, ActionItem, Workshop)]
    with connection.cursor() as cursor:
        quote = connection.ops.quote_name
        cursor.execute("SELECT " + ", ".join(f"(SELECT MAX(history_id) FROM {quote(table)})" for table in tables))
        version = ":".join(str(newest) for newest in cursor.fetchone())
    scope = programme_scope(user)
    scope_key = "all" if scope is None else hashlib.sha256(",".join(map(str, sorted(scope))).encode()).hexdigest()
    key = f"home:figures:{version}:{today.isoformat()}:{stale_days}:{scope_key}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    actions = ActionItem.objects.visible_to(user)
    capped = capped_counts([actions.open(), actions.overdue(today), Workshop.objects.visible_to(user)], COUNT_LIMIT)
    figures = (*_agreement_figures(user, today, stale_days), tuple(capped))
    cache.set(key, figures, FIGURES_SECONDS)
    return figures


def _agreement_figures(user, today, stale_days):
    """({status: count}, {"stale": n, "expiring_<days>": n}) of the agreements the user sees: per status, how many,
    how many stale and how many expiring in each window, in one statement read from the index on (status,
    status_since, expires_on) alone (agreements migration 0007)."""
    per_status = (
        Agreement.objects.visible_to(user)
        .values("status")
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
    return counts, figures


@require_safe
@role_required
def home(request):
    """The manager's overview. Every number is a link to the filtered list that makes it up."""
    today = timezone.localdate()
    stale_days = settings.STALE_AGREEMENT_DAYS
    # Each figure and list counts the user's programmes only (accounts/scope.py).
    user = request.user
    agreements = Agreement.objects.visible_to(user)
    actions = ActionItem.objects.visible_to(user)
    workshops = Workshop.objects.visible_to(user)
    counts, figures, (open_count, overdue_count, workshop_count) = home_figures(user, today, stale_days)
    pipeline = [(value, label, counts.get(value, 0)) for value, label in Agreement.Status.choices]
    overdue_actions = actions.overdue(today)
    # Open and overdue counted no further than COUNT_LIMIT (home_figures), as the lists do: an exact count read every
    # open item (two thirds of them at 100,000 workshops, 55 ms, and ten times that at a million). Mine apart, through
    # the owner's index.
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
            # Their date and title only: no hosts, no count of the named.
            "upcoming_workshops": workshops.upcoming().order_by("start_date", "id")[:5],
            "open_actions": open_count,
            "overdue_count": overdue_count,
            "overdue": overdue[:HOME_LIST_LENGTH],
            "my_overdue_actions": overdue_actions.owned_by(request.user).count(),
            "workshop_count": workshop_count,
            "count_limit": COUNT_LIMIT,
        },
    )
