"""iCalendar feeds: workshops, one's own action due dates, and agreement dates, behind a per-user secret URL.

Calendar apps cannot sign in, so the feed URL itself is the credential; a user can reset it, which breaks the old URL.
"""

import datetime
import logging

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from icalendar import Calendar, Event

from accounts.models import new_calendar_token
from agreements.models import Agreement
from workshops.models import ActionItem, Workshop

FEEDS = {
    "workshops": ("workshops.view_workshop", gettext_lazy("Workshops")),
    "actions": ("workshops.view_actionitem", gettext_lazy("My action items")),
    "agreements": ("agreements.view_agreement", gettext_lazy("Agreement dates")),
}
WORKSHOP_STATUS = {
    Workshop.Status.PLANNED: "CONFIRMED",
    Workshop.Status.HELD: "CONFIRMED",
    Workshop.Status.POSTPONED: "TENTATIVE",
    Workshop.Status.CANCELLED: "CANCELLED",
}
# Feeds stay small enough for a calendar app to poll: the recent past and everything ahead.
HORIZON_DAYS = 365

logger = logging.getLogger(__name__)


def _shift(day, days):
    """`day` moved by `days`, held at the first or last day a date can be: the models keep dates in sane years, but
    a record written past them must still show in everyone's calendar rather than break it."""
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return datetime.date.max if days > 0 else datetime.date.min


def _each(records, make_events):
    """The events of each record; a record whose events cannot be made is logged and left out, and the feed goes on
    with the others."""
    for record in records:
        try:
            events = list(make_events(record))
        except Exception:
            logger.exception("calendar event failed for %s %s", type(record).__name__, record.pk)
            continue
        yield from events


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", "-//Partnership//Partnership calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Partnership — {name}")
    return calendar


def _event(uid, summary, start, *, end=None, url="", status="CONFIRMED", description="", busy=True):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("summary", summary)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    event.add("status", status)
    if url:
        event.add("url", url)
    if description:
        event.add("description", description)
    if not busy:
        event.add("transp", "TRANSPARENT")
    return event


def workshop_events(request, user, since):
    workshops = Workshop.objects.visible_to(user).filter(start_date__gte=since).order_by("start_date", "id")
    return _each(workshops, lambda workshop: _workshop_events(request, workshop))


def _workshop_events(request, workshop):
    url = request.build_absolute_uri(workshop.get_absolute_url())
    summary, description = workshop.title, workshop.summary[:2000]
    if workshop.date_precision != Workshop.DatePrecision.DAY:
        # A calendar needs a day: the first of the month or year, saying so, rather than leaving it out of the
        # calendar of those who plan around it.
        summary = f"{workshop.title} ({workshop.date_display})"
        description = "\n\n".join(
            filter(None, [_("Date known only as %(date)s.") % {"date": workshop.date_display}, description])
        )
    start = end = None
    if workshop.starts_at:
        try:
            start = workshop.starts_at
            end = workshop.ends_at or start + datetime.timedelta(hours=2)
        except OverflowError:
            start = None
    if start is None:
        start = workshop.start_date
        end = _shift(workshop.end_date or workshop.start_date, 1)
    yield _event(
        f"workshop-{workshop.pk}@partnership",
        summary,
        start,
        end=end,
        url=url,
        status=WORKSHOP_STATUS[workshop.current_status],
        description=description,
    )


def action_events(request, user, since):
    actions = ActionItem.objects.visible_to(user).owned_by(user).filter(due_date__gte=since).order_by("due_date", "id")
    return _each(actions, lambda action: _action_events(request, action))


def _action_events(request, action):
    status = "CANCELLED" if action.status == ActionItem.Status.CANCELLED else "CONFIRMED"
    # An event (VEVENT) has no "completed" status, unlike a to-do (which calendar subscriptions rarely show): a done
    # action says so in its title and no longer takes up the day.
    done = action.status == ActionItem.Status.DONE
    summary = _("Done: %(title)s") if done else _("Due: %(title)s")
    description = ""
    if done and action.completed_on:
        description = _("Done on %(date)s.") % {"date": action.completed_on.isoformat()}
    yield _event(
        f"action-{action.pk}@partnership",
        summary % {"title": action.title},
        action.due_date,
        end=_shift(action.due_date, 1),
        status=status,
        description=description,
        busy=not done,
        url=request.build_absolute_uri(reverse("workshops:detail", args=[action.workshop_id]))
        if action.workshop_id
        else "",
    )


def agreement_events(request, user, since):
    # An expired agreement keeps its dates in the calendar; one that ended early or never started does not.
    ended_early = set(Agreement.Status.closed()) - {Agreement.Status.EXPIRED}
    agreements = Agreement.objects.visible_to(user).exclude(status__in=ended_early).order_by("id")
    return _each(agreements, lambda agreement: _agreement_events(request, agreement, since))


def _agreement_events(request, agreement, since):
    url = request.build_absolute_uri(agreement.get_absolute_url())
    dates = []
    if agreement.expires_on:
        dates.append(("expiry", _("Expires: %(title)s"), agreement.expires_on))
        if agreement.notice_period_days:
            notice = _shift(agreement.expires_on, -agreement.notice_period_days)
            dates.append(("review", _("Review (notice period starts): %(title)s"), notice))
    if agreement.target_signing_date and agreement.status in Agreement.Status.pipeline():
        dates.append(("signing", _("Target signing: %(title)s"), agreement.target_signing_date))
    for key, label, day in dates:
        if day >= since:
            yield _event(
                f"agreement-{agreement.pk}-{key}@partnership",
                label % {"title": agreement.title},
                day,
                end=_shift(day, 1),
                url=url,
            )


@require_safe
def feed(request, token, name):
    user = get_user_model().objects.filter(calendar_token=token, is_active=True).first()
    if user is None or name not in FEEDS or not user.has_perm(FEEDS[name][0]):
        raise Http404
    since = timezone.localdate() - datetime.timedelta(days=HORIZON_DAYS)
    calendar = _calendar(FEEDS[name][1])
    if name == "workshops":
        # The token's user's programmes only, as their pages.
        events = workshop_events(request, user, since)
    elif name == "actions":
        events = action_events(request, user, since)
    else:
        events = agreement_events(request, user, since)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="partnership-{name}.ics"'
    return response


@require_safe
@login_required
def calendar_page(request):
    urls = [
        (label, request.build_absolute_uri(reverse("calendar:feed", args=[request.user.calendar_token, name])))
        for name, (permission, label) in FEEDS.items()
        if request.user.has_perm(permission)
    ]
    return render(request, "calendar.html", {"feeds": urls})


@require_POST
@login_required
def reset_token(request):
    request.user.calendar_token = new_calendar_token()
    request.user.save(update_fields=["calendar_token"])
    messages.success(request, _("New calendar addresses made; the old ones no longer work."))
    return redirect("calendar:page")
