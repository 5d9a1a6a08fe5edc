import calendar
import datetime
import re

from django import forms
from django.db import models
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import gettext_lazy as _

from common.concurrency import VersionedFormMixin
from common.forms import DateInput, TimeInput
from institutes.models import Organisation
from participants.models import Person

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


class WorkshopForm(VersionedFormMixin, forms.ModelForm):
    start_date = forms.CharField(
        label=_("Start date"),
        max_length=40,
        widget=PartialDateInput(),
        help_text=_("A day (2022-11-21), or only the month (2022-11, November 2022) or the year (2022)."),
    )

    class Meta:
        model = Workshop
        fields = [
            "title",
            "other_title",
            "kind",
            "format",
            "status",
            "start_date",
            "date_precision",
            "start_time",
            "end_date",
            "end_time",
            "timezone",
            "venue",
            "platform",
            "programme",
            "initiative",
            "topics",
            "reported_attendance",
            "summary",
            "minutes",
        ]
        widgets = {
            "end_date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "reported_attendance": forms.NumberInput(attrs={"min": 0}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out, the precision is what the date typed gives.
        self.fields["date_precision"].required = False
        if self.instance.pk and self.instance.start_date:
            self.initial["start_date"] = self.instance.date_iso

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
        self.fields["timezone"].widget = TimeZoneInput()
        self.fields["timezone"].help_text = _("Type a country, a city or an offset such as UTC+8.")

    def clean_new_records(self):
        if self.new_record_set.errors:
            raise forms.ValidationError(self.new_record_set.errors)
        return self.cleaned_data["new_records"]

    def clean_timezone(self):
        return parse_timezone(self.cleaned_data["timezone"])

    def clean_new_topics(self):
        names = [" ".join(n.split()) for n in self.cleaned_data["new_topics"].split(";")]
        unique = []
        for name in names:
            if name and name.casefold() not in {u.casefold() for u in unique}:
                if len(name) > 200:
                    raise forms.ValidationError(_("A topic can be at most 200 characters long."))
                unique.append(name)
        return unique


class NewOrRecordChoiceField(forms.ModelChoiceField):
    """A person or organisation select that also takes "new:<key>", a record added on the page and not yet saved:
    its value is then the unsaved instance, which workshop_save creates before the row."""

    new_records = None

    def to_python(self, value):
        record = self.new_records.resolve(value, self.queryset.model) if self.new_records else None
        if record is not None:
            return record.instance
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, models.Model) and value.pk is None and self.new_records:
            for record in self.new_records.for_model(type(value)):
                if record.instance is value:
                    return record.value
        return super().prepare_value(value)


class EntryRowForm(forms.ModelForm):
    """A row of the entry page: its person and organisation selects take the page's new records too."""

    def __init__(self, *args, new_records=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_records = new_records
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField):
                model = field.queryset.model
                if model in (Person, Organisation):
                    field.__class__ = NewOrRecordChoiceField
                    field.new_records = new_records
                    if new_records:
                        field.extra_choices = [(r.value, r.label) for r in new_records.for_model(model)]

    def new_values(self):
        """The unsaved new records this row refers to."""
        if not hasattr(self, "cleaned_data"):
            return []
        return [value for value in self.cleaned_data.values() if isinstance(value, models.Model) and value.pk is None]

    def _get_validation_exclusions(self):
        # A record still to be created has no id to check yet; workshop_save checks the row again once it has.
        exclude = super()._get_validation_exclusions()
        for name, value in getattr(self, "cleaned_data", {}).items():
            if isinstance(value, models.Model) and value.pk is None:
                exclude.add(name)
        return exclude


class SharedChoicesFormSet(forms.BaseInlineFormSet):
    """Reads each select's options once per formset instead of once per row: a fixed number of queries."""

    def _share_choices(self, form):
        cache = self.__dict__.setdefault("_choice_cache", {})
        for name, field in form.fields.items():
            if (
                isinstance(field, forms.ModelChoiceField)
                and not isinstance(field, forms.ModelMultipleChoiceField)
                and not field.widget.is_hidden
            ):
                if name not in cache:
                    cache[name] = list(field.choices) + list(getattr(field, "extra_choices", []))
                field.choices = cache[name]
        return form

    def _construct_form(self, i, **kwargs):
        return self._share_choices(super()._construct_form(i, **kwargs))

    @property
    def empty_form(self):
        return self._share_choices(super().empty_form)


def _formset(model, fields, *, widgets=None, labels=None, form=EntryRowForm):
    return forms.inlineformset_factory(
        Workshop,
        model,
        form=form,
        formset=SharedChoicesFormSet,
        fields=fields,
        extra=0,
        can_delete=True,
        widgets=widgets or {},
        labels=labels or {},
    )


HostFormSet = _formset(WorkshopOrganisation, ["organisation", "role"])
AttendanceFormSet = _formset(
    Attendance,
    ["person", "organisation", "title", "role", "presence", "contribution"],
    widgets={"contribution": forms.Textarea(attrs={"rows": 2})},
)
StatementFormSet = _formset(
    Statement, ["speaker", "text", "is_verbatim"], widgets={"text": forms.Textarea(attrs={"rows": 3})}
)
OutcomeFormSet = _formset(Outcome, ["kind", "text"], widgets={"text": forms.Textarea(attrs={"rows": 2})})


class ActionItemRowForm(EntryRowForm):
    """A follow-up action row. Its owner is any person on record, ours or a partner's; one the page cannot keep (no
    longer on record, or no longer active) is refused with the reason, never dropped."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].error_messages["invalid_choice"] = _(
            "This person is not on record any more (merged or removed): choose the owner again."
        )
        self.fields["owner_organisation"].error_messages["invalid_choice"] = _(
            "This organisation is not on record any more (merged or removed): choose it again."
        )


ActionItemFormSet = _formset(
    ActionItem,
    ["title", "owner", "owner_organisation", "due_date", "status"],
    widgets={"due_date": DateInput()},
    form=ActionItemRowForm,
)

# prefix, formset class, heading: the order the entry page shows them in.
ENTRY_FORMSETS = [
    ("hosts", HostFormSet, _("Host and coordinating organisations")),
    ("attendance", AttendanceFormSet, _("Who attended")),
    ("statements", StatementFormSet, _("What was said")),
    ("outcomes", OutcomeFormSet, _("What was agreed")),
    ("actions", ActionItemFormSet, _("Follow-up actions")),
]


def entry_formsets(data, instance, new_records=None):
    """The page's formsets. One the POST did not include (no management form) is left unbound, so its rows are
    kept as they are rather than read as 'all removed'. Their person and organisation selects take the values
    "new:<key>" of `new_records` (NewRecords) too."""
    formsets = []
    for prefix, formset_class, heading in ENTRY_FORMSETS:
        bound = data is not None and f"{prefix}-TOTAL_FORMS" in data
        formset = formset_class(
            data if bound else None, instance=instance, prefix=prefix, form_kwargs={"new_records": new_records}
        )
        formset.heading = heading
        formsets.append(formset)
    return formsets


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

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = (
            Person.objects.filter(attendances__workshop=workshop).exclude(email="").order_by("family_name", "id")
        )
        self.fields["recipients"].label_from_instance = lambda person: f"{person.formal_name} <{person.email}>"

    def clean_message(self):
        return self.cleaned_data["message"].strip()
