"""The time zones a workshop can be given, with the names people look for: "China — Asia/Shanghai (UTC+8)".

The entry page offers them in a type-ahead (its own list, no server round trip); a zone typed as "UTC+8" or a label
copied whole is read back as its IANA name."""

import datetime
import functools
import re
import zoneinfo
from importlib import resources

from django import forms
from django.utils.translation import gettext as _
from django_countries import countries

_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
_IN_LABEL = re.compile(r"—\s*(\S+)\s*\(")


@functools.cache
def _country_zones():
    """[(country code, zone)] from the tz database's zone.tab, in its order."""
    text = resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _coordinates, zone, *_rest = line.split("\t")
            rows.append((code, zone))
    return rows


def zones_of(country):
    """The zones of a country code, its main one (the tz database's first) first."""
    return [zone for code, zone in _country_zones() if code == str(country)]


def utc_offset(zone, when=None):
    """ "UTC+8", "UTC+5:30", "UTC-3", "UTC" for a zone's offset now (or at `when`)."""
    when = when or datetime.datetime.now(datetime.UTC)
    offset = when.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset()
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign, minutes = ("+" if minutes > 0 else "-"), abs(minutes)
    hours, rest = divmod(minutes, 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def timezone_choices(first_countries=()):
    """[{"value": "Asia/Shanghai", "label": "China — Asia/Shanghai (UTC+8)"}] for every zone of a country, then UTC;
    the zones of `first_countries` (the hosts') first, the rest by label."""
    names = dict(countries)
    first = [str(code) for code in first_countries if code]
    rows = []
    for code, zone in _country_zones():
        label = f"{names.get(code, code)} — {zone} ({utc_offset(zone)})"
        rank = first.index(code) if code in first else len(first)
        rows.append((rank, label, {"value": zone, "label": label}))
    rows.sort(key=lambda row: row[:2])
    return [row[2] for row in rows] + [{"value": "UTC", "label": _("Coordinated Universal Time — UTC")}]


def default_timezone(countries_):
    """The main zone of the first of `countries_` that has one, or None."""
    for code in countries_:
        zones = zones_of(code) if code else []
        if zones:
            return zones[0]
    return None


def parse_timezone(text):
    """An IANA name for what was typed: the name itself (in any case), a label as offered, or an offset such as
    "UTC+8" (a whole-hour offset becomes Etc/GMT-8). Anything else is returned as typed, for the model's check."""
    text = " ".join((text or "").split())
    if match := _IN_LABEL.search(text):
        text = match.group(1)
    known = {zone.casefold(): zone for zone in zoneinfo.available_timezones()}
    if text.casefold() in known:
        return known[text.casefold()]
    if match := _OFFSET.match(text):
        sign, hours, minutes = match.groups()
        if int(hours) == 0 and not int(minutes or 0):
            return "UTC"
        if not int(minutes or 0) and int(hours) <= 12:
            # The Etc zones are named the POSIX way round: UTC+8 is Etc/GMT-8.
            return f"Etc/GMT{'-' if sign == '+' else '+'}{int(hours)}"
    return text


class TimeZoneInput(forms.TextInput):
    """A text box the page turns into a type-ahead over the list it renders as JSON (id "timezone-choices")."""

    def __init__(self, attrs=None):
        attrs = {"autocomplete": "off", "class": "timezone-input", "data-choices": "timezone-choices", **(attrs or {})}
        super().__init__(attrs=attrs)
