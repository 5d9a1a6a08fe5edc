import calendar
import dataclasses
import datetime
import re

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from common.concurrency import VersionedFormMixin
from common.forms import DateInput, TimeInput
from participants.models import Person

from .data import FOREIGN_KEYS, LIMITS, REFERENCES, ROW_CLASSES, WORKSHOP_FIELDS, is_new, is_record_id
from .models import ActionItem, Attendance, Outcome, Statement, Workshop, WorkshopOrganisation
from .new_records import NewRecords
from .timezones import TimeZoneInput, parse_timezone

_NUMERIC_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_PRECISION_ORDER = [Workshop.DatePrecision.DAY, Workshop.DatePrecision.MONTH, Workshop.DatePrecision.YEAR]


def _month_numbers():
    """Month names and abbreviations a person may type, in English and in the page's language."""
    names = {}
    for number in range(1, 13):
        for name in (calendar.month_name[number], calendar.month_abbr[number], MONTHS[number], MONTHS_3[number]):
            names[str(name).casefold().rstrip(".")] = number
    return names


def parse_partial_date(text):
    """(date, precision) for "2022-11-21", "2022-11", "2022", "2022年11月", "November 2022", "21 Nov 2022";
    None if it is none of these. A month or a year gives its first day."""
    text = " ".join(text.split())
    numeric = re.sub(r"[/.年月]", "-", text.replace("日", "")).replace(" ", "").strip("-")
    if match := _NUMERIC_DATE.match(numeric):
        year, month, day = (int(part) if part else None for part in match.groups())
        precision = _PRECISION_ORDER[(day is None) + (month is None)]
        return _date_or_none(year, month or 1, day or 1), precision
    words = [word.strip(",.").casefold() for word in text.split()]
    months = _month_numbers()
    month = next((months[word] for word in words if word in months), None)
    year = next((int(word) for word in words if len(word) == 4 and word.isdigit()), None)
    days = [int(word) for word in words if word.isdigit() and len(word) <= 2]
    if month is None or year is None or len(words) != 2 + len(days) or len(days) > 1:
        return None
    if days:
        return _date_or_none(year, month, days[0]), Workshop.DatePrecision.DAY
    return _date_or_none(year, month, 1), Workshop.DatePrecision.MONTH


def _date_or_none(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


class PartialDateInput(forms.TextInput):
    """The start as far as it is known: a workshop dated to the month shows "2022-11", not its first day."""

    def __init__(self, **kwargs):
        super().__init__(attrs={"placeholder": "2022-11-21", "autocomplete": "off", "class": "partial-date"}, **kwargs)

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        return super().format_value(value)


class RecordsChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses values that are no record ids before asking the database (an id past
    the database's integers is a message, not an error of the database)."""

    def _check_values(self, value):
        for each in value:
            if not is_record_id(str(each)):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": each}
                )
        return super()._check_values(value)


# The workshop's fields as the page shows them: the topics after the initiative.
_WORKSHOP_FORM_FIELDS = [
    *WORKSHOP_FIELDS[: WORKSHOP_FIELDS.index("initiative") + 1],
    "topics",
    *WORKSHOP_FIELDS[WORKSHOP_FIELDS.index("initiative") + 1 :],
]
_WorkshopFields = type(
    "_WorkshopFields",
    (forms.Form,),
    forms.fields_for_model(
        Workshop,
        fields=_WORKSHOP_FORM_FIELDS,
        widgets={
            "end_date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "reported_attendance": forms.NumberInput(attrs={"min": 0}),
        },
        field_classes={"topics": RecordsChoiceField},
    ),
)


class WorkshopForm(VersionedFormMixin, _WorkshopFields):
    """The workshop's own fields, read into the values of WorkshopData (data.py): this form only reads what was
    typed; workshop_write checks the record and says what is wrong."""

    start_date = forms.CharField(
        label=_("Start date"),
        max_length=40,
        widget=PartialDateInput(),
        help_text=_("A day (2022-11-21), or only the month (2022-11, November 2022) or the year (2022)."),
    )

    def __init__(self, data=None, *, instance=None, initial=None, **kwargs):
        self.instance = instance if instance is not None else Workshop()
        values = {}
        if self.instance.pk:
            values = {name: getattr(self.instance, name) for name in _WORKSHOP_FORM_FIELDS if name != "topics"}
            values["topics"] = [topic.pk for topic in self.instance.topics.all()]
            values["start_date"] = self.instance.date_iso
        values.update(initial or {})
        super().__init__(data, initial=values, **kwargs)
        # Left out, the precision is what the date typed gives.
        self.fields["date_precision"].required = False
        # Our colleagues with a role, and whoever coordinates it already.
        self.fields["coordinator"].queryset = (
            get_user_model()
            .objects.filter(Q(is_active=True, groups__isnull=False) | Q(pk=self.instance.coordinator_id or 0))
            .distinct()
            .order_by("first_name", "last_name", "username")
        )

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_start_date(self):
        text = self.cleaned_data["start_date"]
        parsed = parse_partial_date(text)
        if parsed is None or parsed[0] is None:
            try:  # a full date in the page language's own format
                parsed = forms.DateField().to_python(text), Workshop.DatePrecision.DAY
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Give a date such as 2022-11-21, a month such as 2022-11 or November 2022, or a year."),
                    code="invalid",
                ) from None
        self.typed_precision = parsed[1]
        return parsed[0]

    def clean(self):
        cleaned = super().clean()
        precision = cleaned.get("date_precision") or Workshop.DatePrecision.DAY
        typed = getattr(self, "typed_precision", None)
        if typed:
            # The less precise of the two: "2022-11" cannot be a day, and a day typed with "month" chosen is
            # recorded as that month.
            precision = max(precision, typed, key=_PRECISION_ORDER.index)
        cleaned["date_precision"] = precision
        if precision != Workshop.DatePrecision.DAY:
            for name in ("end_date", "start_time", "end_time"):
                if cleaned.get(name):
                    self.add_error(name, _("Leave this empty for a workshop dated only to the month or year."))
        return cleaned

    def workshop_values(self):
        """The workshop's fields of WorkshopData, from the cleaned form."""
        values = {}
        for name in WORKSHOP_FIELDS:
            value = self.cleaned_data.get(name)
            if name in FOREIGN_KEYS:
                value = value.pk if value is not None else None
            elif value is None and isinstance(self.fields[name], forms.CharField):
                value = ""
            values[name] = value
        values["topics"] = sorted(topic.pk for topic in self.cleaned_data.get("topics") or [])
        return values


# The workshop's own fields whose records may be many: their selects hold what is chosen; {field: type-ahead URL}.
CHOSEN_ONLY = {
    "programme": "workshops:programme-match",
    "initiative": "workshops:programme-match",
    "topics": "workshops:topic-match",
}


class WorkshopEntryForm(WorkshopForm):
    """The workshop's own fields on the one-page entry, plus topics typed that do not exist yet, the people and
    organisations added on the page (see new_records.py) and the report the entry was read from, if any."""

    new_topics = forms.CharField(
        label=_("New topics"),
        required=False,
        max_length=1000,
        help_text=_("Topics not in the list above, separated by semicolons."),
    )
    new_records = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200_000)
    source_report = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2_000_000, strip=False)
    source_report_name = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)

    def __init__(self, *args, new_records=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_record_set = new_records if new_records is not None else NewRecords()
        for name in CHOSEN_ONLY:
            self._offer_chosen_only(name)
        self.fields["timezone"].widget = TimeZoneInput()
        self.fields["timezone"].help_text = _("Type a country, a city or an offset such as UTC+8.")

    def _offer_chosen_only(self, name):
        """The select offers the records chosen, not every one on record: the type-ahead finds the others. The field
        still accepts any record on record (its queryset is all of them)."""
        field = self.fields[name]
        value = self[name].value()
        values = value if isinstance(value, list | tuple) else [value]
        ids = [int(v) for v in (str(getattr(v, "pk", v)) for v in values) if is_record_id(v)]
        found = field.queryset.filter(pk__in=ids[: LIMITS["topics"]]) if ids else []
        chosen = [(str(record.pk), str(record)) for record in found]
        field.widget.choices = chosen if field.widget.allow_multiple_selected else [("", "---------"), *chosen]
        field.widget.attrs["data-match-url"] = reverse_lazy(CHOSEN_ONLY[name])

    def clean_new_records(self):
        if self.new_record_set.errors:
            raise forms.ValidationError(self.new_record_set.errors)
        return self.cleaned_data["new_records"]

    def clean_timezone(self):
        return parse_timezone(self.cleaned_data["timezone"])

    def clean_new_topics(self):
        return [name for name in (" ".join(n.split()) for n in self.cleaned_data["new_topics"].split(";")) if name]

    def workshop_data(self, stored):
        """WorkshopData: `stored` (the record as it is, or an empty one) with this form's fields; rows left as
        they are (the formsets add theirs)."""
        data = dataclasses.replace(stored, **self.workshop_values())
        data.new_topics = self.cleaned_data.get("new_topics") or []
        data.new_people = list(self.new_record_set.people)
        data.new_organisations = list(self.new_record_set.organisations)
        data.source_report = self.cleaned_data.get("source_report") or ""
        data.source_report_name = self.cleaned_data.get("source_report_name") or ""
        for kind in ENTRY_KINDS:
            setattr(data, kind, None)
        return data


class DuplicateChoiceForm(forms.Form):
    """The entry page's answer to "this workshop may already be on record": save it anyway."""

    allow_duplicate = forms.BooleanField(label=_("Save anyway, this is a different workshop"), required=False)

    def allowed(self):
        return self.is_valid() and self.cleaned_data["allow_duplicate"]


class RecordField(forms.CharField):
    """A person or an organisation of a row: a record's id, "new:<key>" (a record added on the page, see
    new_records.py) or nothing. Whether it exists is the service's to say."""

    def __init__(self, *, model, **kwargs):
        self.model = model
        super().__init__(widget=forms.Select, max_length=60, **kwargs)

    def widget_attrs(self, widget):
        return {}  # a select takes no maxlength

    def to_python(self, value):
        value = super().to_python(value)
        if value and not (is_record_id(value) or is_new(value)):
            raise forms.ValidationError(_("Choose from the list."), code="invalid_choice")
        return value


class EntryRowForm(forms.Form):
    """A row of the entry page. Its person and organisation selects offer only their current value (`labels` gives
    its name): the type-ahead asks the server for the others."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    row_fields = ()

    def __init__(self, *args, labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        labels = labels or {}
        for name, field in self.fields.items():
            if isinstance(field, RecordField):
                value = self[name].value()
                choices = [("", "---------")]
                if value:
                    label = labels.get((field.model, str(value))) or labels.get(str(value), str(value))
                    choices.append((str(value), label))
                field.widget.choices = choices

    def row_values(self):
        return {name: self.cleaned_data.get(name) for name in self.row_fields}


class BoundedFormSet(forms.BaseFormSet):
    """A formset that builds no row form when the page says it has more rows than its maximum: the count is a
    message, answered before any row is read."""

    default_error_messages = {
        "too_many_forms": _("At most %(num)d rows here; remove some, or split the record."),
    }

    def declared_total(self):
        try:
            return int(self.data.get(f"{self.prefix}-TOTAL_FORMS", 0))
        except (TypeError, ValueError):
            return 0

    @cached_property
    def forms(self):
        if self.is_bound and self.declared_total() > self.absolute_max:
            return []
        return super().forms


def _row_form(model, names, *, widgets=None, labels=None, base=EntryRowForm):
    plain = [name for name in names if name not in REFERENCES]
    made = forms.fields_for_model(model, fields=plain, widgets=widgets or {}, labels=labels or {})
    attrs = {"row_fields": tuple(names)}
    for name in names:
        if name in REFERENCES:
            field = model._meta.get_field(name)
            attrs[name] = RecordField(
                model=field.related_model,
                label=(labels or {}).get(name) or capfirst(field.verbose_name),
                required=not field.blank,
            )
        else:
            attrs[name] = made[name]
    return type(f"{model.__name__}RowForm", (base,), attrs)


def _formset(model, fields, kind, *, widgets=None, labels=None, base=EntryRowForm):
    return forms.formset_factory(
        _row_form(model, fields, widgets=widgets, labels=labels, base=base),
        formset=BoundedFormSet,
        extra=0,
        can_delete=True,
        max_num=LIMITS[kind],
        absolute_max=LIMITS[kind],
        validate_max=True,
    )


HostFormSet = _formset(WorkshopOrganisation, ["organisation", "role"], "hosts")
AttendanceFormSet = _formset(
    Attendance,
    ["person", "organisation", "title", "role", "presence", "contribution"],
    "attendance",
    widgets={"contribution": forms.Textarea(attrs={"rows": 2})},
)
StatementFormSet = _formset(
    Statement, ["speaker", "text", "is_verbatim"], "statements", widgets={"text": forms.Textarea(attrs={"rows": 3})}
)
OutcomeFormSet = _formset(Outcome, ["kind", "text"], "outcomes", widgets={"text": forms.Textarea(attrs={"rows": 2})})
ActionItemFormSet = _formset(
    ActionItem,
    ["title", "owner", "owner_organisation", "due_date", "status"],
    "actions",
    widgets={"due_date": DateInput()},
)

# WorkshopData's list, formset class, heading: the order the entry page shows them in. The formset's prefix is the
# list's name, so the service's messages ("attendance-2-person") name the page's fields.
ENTRY_FORMSETS = [
    ("hosts", HostFormSet, _("Host and coordinating organisations")),
    ("attendance", AttendanceFormSet, _("Who attended")),
    ("statements", StatementFormSet, _("What was said")),
    ("outcomes", OutcomeFormSet, _("What was agreed")),
    ("actions", ActionItemFormSet, _("Follow-up actions")),
]
ENTRY_KINDS = [kind for kind, _formset, _heading in ENTRY_FORMSETS]


def row_initial(row, form_class):
    """A WorkshopData row as a row form's initial values."""
    initial = {name: getattr(row, name) for name in form_class.row_fields}
    initial["id"] = row.id
    return initial


def entry_formsets(data, record, labels):
    """The page's formsets: bound to `data` (a POST), or showing the rows of `record` (a WorkshopData). One the POST
    did not include (no management form) is left unbound, so its rows are kept as they are rather than read as 'all
    removed'. `labels` names the people and organisations the selects hold."""
    formsets = []
    for prefix, formset_class, heading in ENTRY_FORMSETS:
        bound = data is not None and f"{prefix}-TOTAL_FORMS" in data
        rows = [row_initial(row, formset_class.form) for row in (record.rows(prefix) or [])] if record else []
        formset = formset_class(
            data if bound else None,
            initial=None if bound else rows,
            prefix=prefix,
            form_kwargs={"labels": labels},
        )
        formset.heading = heading
        formset.service_errors = []
        formsets.append(formset)
    return formsets


def rows_from_formset(formset, stored_rows):
    """The formset's rows as WorkshopData rows, in the page's order: each kept row is the stored row it names (its
    fields the page does not show kept) with the page's values; removed and untouched blank rows are left out.
    Returns (rows, the form of each row)."""
    row_class = ROW_CLASSES[formset.prefix]
    by_id = {row.id: row for row in stored_rows or []}
    rows, sources = [], []
    for row_form in formset.forms:
        cleaned = getattr(row_form, "cleaned_data", None)
        if not cleaned or cleaned.get("DELETE"):
            continue
        values = {
            name: "" if value is None and isinstance(row_form.fields[name], forms.CharField) else value
            for name, value in row_form.row_values().items()
        }
        row_id = cleaned.get("id")
        rows.append(dataclasses.replace(by_id.get(row_id) or row_class(), **values, id=row_id))
        sources.append(row_form)
    return rows, sources


class AttendanceUploadForm(forms.Form):
    """Step 1 of the attendance import: the file. Reading it is part of validation, so a file that cannot be read
    gets its message next to the field."""

    MAX_BYTES = 5 * 1024 * 1024

    file = forms.FileField(
        label=_("Attendance report"),
        help_text=_(
            "CSV or Excel (.xlsx): a Zoom participant report, a Microsoft Teams attendance report, or any list with "
            "a column of names. At most 5 MB."
        ),
    )

    def clean_file(self):
        from .attendance_files import ImportFileError, read_table

        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".tsv", ".txt", ".xlsx", ".xlsm")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            self.table = read_table(upload.name, upload.read())
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        if not self.table.rows:
            raise forms.ValidationError(_("The file has no rows below its header."))
        return upload


class ColumnMappingForm(forms.Form):
    """Which column of the file holds what. Known reports (Zoom, Teams) are mapped already; any other file is mapped
    by the user, with the columns whose headers look right chosen for them."""

    LABELS = {
        "name": _("Name"),
        "email": _("Email"),
        "organisation": _("Organisation"),
        "title": _("Title or position"),
        "role": _("Meeting role (Teams)"),
        "joined": _("Joined"),
        "left": _("Left"),
        "duration": _("Time attended"),
    }

    def __init__(self, *args, headers, mapping=None, **kwargs):
        super().__init__(*args, prefix="map", **kwargs)
        choices = [("", _("— not in the file —")), *((str(i), h) for i, h in enumerate(headers))]
        for name, label in self.LABELS.items():
            initial = (mapping or {}).get(name)
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=name == "name",
                initial="" if initial is None else str(initial),
            )

    def hide(self):
        for field in self.fields.values():
            field.widget = forms.HiddenInput()
        return self

    def mapping(self):
        return {name: int(value) for name, value in self.cleaned_data.items() if value != ""}


class MeetingRecordSendForm(forms.Form):
    """Whom to send the meeting record to: the workshop's named participants who have an e-mail address."""

    recipients = forms.ModelMultipleChoiceField(
        label=_("Send to"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few words above the attached record."),
    )

    def __init__(self, *args, workshop, contacts=True, **kwargs):
        """contacts: whether the user may see the addresses (accounts.roles.may_see_contacts); without, each
        recipient is named only, and the record still goes to the address on record."""
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = (
            Person.objects.filter(attendances__workshop=workshop).exclude(email="").order_by("family_name", "id")
        )
        changed = _addresses_changed(self.fields["recipients"].queryset)
        self.fields["recipients"].label_from_instance = lambda person: _recipient_label(
            person, changed.get(person.pk), contacts=contacts
        )


# An address changed this recently is pointed out next to it before the record is sent there.
ADDRESS_CHANGE_NOTICE_DAYS = 30


def _addresses_changed(people):
    """Person id: the (date, user) of the last change of the person's address in the last ADDRESS_CHANGE_NOTICE_DAYS
    days, from their history; an address given when the person was created is no change."""
    since = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=ADDRESS_CHANGE_NOTICE_DAYS)
    changed, last = {}, {}
    versions = Person.history.filter(id__in=people.values("pk")).select_related("history_user")
    for version in versions.order_by("id", "history_date", "history_id"):
        before = last.get(version.id)
        if before is not None and before != version.email and version.history_date >= since:
            changed[version.id] = (version.history_date, version.history_user)
        last[version.id] = version.email
    return changed


def _recipient_label(person, change, *, contacts=True):
    label = f"{person.formal_name} <{person.email}>" if contacts else person.formal_name
    if change is None:
        return label
    when, user = change
    return _("%(label)s — address changed on %(date)s by %(user)s") % {
        "label": label,
        "date": when.date().isoformat(),
        "user": user or _("system"),
    }
