from django import forms
from django.utils.translation import gettext_lazy as _

from common.concurrency import VersionedFormMixin
from common.forms import DateInput, TimeInput
from participants.models import Person

from .models import ActionItem, Attendance, Outcome, Statement, Workshop, WorkshopOrganisation


class WorkshopForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Workshop
        fields = [
            "title",
            "other_title",
            "kind",
            "format",
            "status",
            "start_date",
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
            "start_date": DateInput(),
            "end_date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "reported_attendance": forms.NumberInput(attrs={"min": 0}),
        }

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())


class WorkshopEntryForm(WorkshopForm):
    """The workshop's own fields on the one-page entry, plus topics typed that do not exist yet."""

    new_topics = forms.CharField(
        label=_("New topics"),
        required=False,
        max_length=1000,
        help_text=_("Topics not in the list above, separated by semicolons."),
    )

    def clean_new_topics(self):
        names = [" ".join(n.split()) for n in self.cleaned_data["new_topics"].split(";")]
        unique = []
        for name in names:
            if name and name.casefold() not in {u.casefold() for u in unique}:
                if len(name) > 200:
                    raise forms.ValidationError(_("A topic can be at most 200 characters long."))
                unique.append(name)
        return unique


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
                    cache[name] = list(field.choices)
                field.choices = cache[name]
        return form

    def _construct_form(self, i, **kwargs):
        return self._share_choices(super()._construct_form(i, **kwargs))

    @property
    def empty_form(self):
        return self._share_choices(super().empty_form)


def _formset(model, fields, *, widgets=None, labels=None):
    return forms.inlineformset_factory(
        Workshop,
        model,
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
ActionItemFormSet = _formset(ActionItem, ["title", "owner", "due_date", "status"], widgets={"due_date": DateInput()})

# prefix, formset class, heading: the order the entry page shows them in.
ENTRY_FORMSETS = [
    ("hosts", HostFormSet, _("Host and coordinating organisations")),
    ("attendance", AttendanceFormSet, _("Who attended")),
    ("statements", StatementFormSet, _("What was said")),
    ("outcomes", OutcomeFormSet, _("What was agreed")),
    ("actions", ActionItemFormSet, _("Follow-up actions")),
]


def entry_formsets(data, instance):
    """The page's formsets. One the POST did not include (no management form) is left unbound, so its rows are
    kept as they are rather than read as 'all removed'."""
    formsets = []
    for prefix, formset_class, heading in ENTRY_FORMSETS:
        bound = data is not None and f"{prefix}-TOTAL_FORMS" in data
        formset = formset_class(data if bound else None, instance=instance, prefix=prefix)
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
