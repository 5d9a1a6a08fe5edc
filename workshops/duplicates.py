"""Workshops already on record that a new one may repeat: the same meeting logged twice, once from its report and
once by hand, or by two people.

A workshop on record is a possible duplicate of a new one when it starts within WINDOW_DAYS of it and shares a host
organisation with it, or has at least SHARED_PEOPLE of its named attendees, or has the same title. Every door that
creates a workshop (the entry page, a report's draft, the API, the admin) asks `possible_duplicates` through
`services.workshop_write`, which refuses with WorkshopMayDuplicate unless the caller says the workshop is another one.

The cost is bounded by construction: the date range is read first (Workshop's start-date index), at most SHOWN
candidates are returned, and the lists compared are those of one record (data.LIMITS bounds them).
"""

import datetime

from django.db.models import Count, Q

from .data import is_record_id
from .models import Attendance, Workshop, WorkshopOrganisation

WINDOW_DAYS = 3  # a workshop starting this many days before or after the new one may be the same
SHARED_PEOPLE = 2  # named attendees in common that make two workshops look like one
SHOWN = 10  # at most this many possible duplicates are named


def possible_duplicates(data, *, exclude=None, user=None):
    """The workshops on record (at most SHOWN, by date) that the WorkshopData `data` may repeat; `exclude`: the pk of
    the workshop itself, if it is on record; `user`: only the workshops of their programmes (a workshop they may not
    see is not named to them, nor does it stop them)."""
    if data.start_date is None:
        return []
    window = datetime.timedelta(days=WINDOW_DAYS)
    nearby = Workshop.objects.filter(start_date__range=(data.start_date - window, data.start_date + window))
    if user is not None:
        nearby = nearby.visible_to(user)
    if exclude is not None:
        nearby = nearby.exclude(pk=exclude)
    hosts = {
        int(row.organisation)
        for row in data.hosts or []
        if row.role == WorkshopOrganisation.Role.HOST and is_record_id(row.organisation)
    }
    people = {int(row.person) for row in data.attendance or [] if is_record_id(row.person)}
    shared = Q(title__iexact=" ".join(data.title.split())) if data.title.strip() else Q(pk__in=[])
    if hosts:
        shared |= Q(
            pk__in=WorkshopOrganisation.objects.filter(
                workshop__in=nearby, role=WorkshopOrganisation.Role.HOST, organisation_id__in=hosts
            ).values("workshop_id")
        )
    if len(people) >= SHARED_PEOPLE:
        shared |= Q(
            pk__in=Attendance.objects.filter(workshop__in=nearby, person_id__in=people)
            .order_by()
            .values("workshop_id")
            .annotate(shared=Count("person_id", distinct=True))
            .filter(shared__gte=SHARED_PEOPLE)
            .values("workshop_id")
        )
    return list(nearby.filter(shared).order_by("start_date", "id")[:SHOWN])


def as_json(workshops):
    """The possible duplicates as the API and the page list them."""
    return [
        {"id": workshop.pk, "title": workshop.title, "date": workshop.date_iso, "url": workshop.get_absolute_url()}
        for workshop in workshops
    ]
