from collections import defaultdict

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.concurrency import VersionedFormMixin
from common.forms import DateInput
from participants.models import Person, Position

from .models import Agreement, AgreementDocument, AgreementParty, Amendment
from .services import FOCAL_POINT_FIELDS, agreement_refuse_outside_contacts, agreement_refuse_settled_changes


class AgreementForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "title",
            "kind",
            "scope",
            "programme",
            "summary",
            "scope_topics",
            "proposed_on",
            "target_signing_date",
            "expires_on",
            "notice_period_days",
            "renews",
            "responsible_users",
            "contact_people",
        ]
        widgets = {
            "responsible_users": forms.CheckboxSelectMultiple,
            "contact_people": forms.CheckboxSelectMultiple,
            "proposed_on": DateInput(),
            "target_signing_date": DateInput(),
            "expires_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "notice_period_days": forms.NumberInput(attrs={"min": 0}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["renews"].queryset = Agreement.objects.exclude(pk=self.instance.pk)
        # Our colleagues with a role; the people at the parties (and whoever is chosen already).
        chosen_users = self.instance.responsible_users.all() if self.instance.pk else get_user_model().objects.none()
        self.fields["responsible_users"].queryset = (
            get_user_model()
            .objects.filter(Q(is_active=True, groups__isnull=False) | Q(pk__in=chosen_users))
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        chosen_people = self.instance.contact_people.all() if self.instance.pk else Person.objects.none()
        self.fields["contact_people"].queryset = Person.objects.filter(
            Q(pk__in=self.instance.party_people()) | Q(pk__in=chosen_people)
        ).order_by("family_name", "given_name", "id")
        if not self.instance.pk:
            self.fields["contact_people"].help_text = _("Add the parties first; then choose their contact persons.")
        if self.instance.is_frozen:
            # Signed text is settled: what changes after signing goes through an amendment.
            for name, field in self.fields.items():
                if name not in {"summary", "version", *FOCAL_POINT_FIELDS}:
                    field.disabled = True
                    field.help_text = _("Settled at signing; change it with an amendment.")

    def clean(self):
        cleaned = super().clean()
        try:
            agreement_refuse_settled_changes(agreement=self.instance, data=cleaned)
        except forms.ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def clean_contact_people(self):
        people = self.cleaned_data["contact_people"]
        try:
            agreement_refuse_outside_contacts(agreement=self.instance, people=people)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return people


class TransitionForm(forms.Form):
    occurred_on = forms.DateField(
        label=_("Date it happened"),
        required=False,
        widget=DateInput(),
        help_text=_("Not in the future, and not before the previous step. Today if left empty."),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def __init__(self, *args, transition, occurred_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        # Bringing into force happened on the day it took effect: left empty, the service takes that day.
        default = None if transition.name == "activate" else timezone.localdate()
        self.fields["occurred_on"].initial = occurred_on or default
        self.fields["occurred_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        if transition.name == "sign":
            self.fields["occurred_on"].help_text = _(
                "The day the last party signed, unless the agreement was signed later. Not in the future."
            )
        if transition.needs_comment:
            self.fields["comment"].label = _("Reason")
            self.fields["comment"].required = True
        if transition.name == "activate":
            self.fields["effective_from"] = forms.DateField(label=_("In force from"), widget=DateInput())
            self.fields["occurred_on"].help_text = _("The day it came into force if left empty.")
            self.order_fields(["effective_from", "occurred_on", "comment"])


class RenewForm(forms.Form):
    proposed_on = forms.DateField(
        label=_("Proposed on"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "The day the renewal was really proposed: not in the future, not before this agreement was signed. "
            "Today if left empty."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed_on"].initial = timezone.localdate()
        self.fields["proposed_on"].widget.attrs["max"] = timezone.localdate().isoformat()


class FromDecisionForm(forms.Form):
    """The agreement a decision proposes, for the manager to settle before it is created: one row per organisation
    of the workshop, ticked when proposed as taking part, with the role it would take."""

    title = forms.CharField(label=_("Title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=Agreement.Kind.choices)
    scope = forms.ChoiceField(label=_("Scope"), choices=Agreement.Scope.choices)
    summary = forms.CharField(
        label=_("Scope note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the agreement will cover, in the decision's words."),
    )

    def __init__(self, *args, proposal, existing=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        for name in ("title", "kind", "scope", "summary"):
            self.fields[name].initial = getattr(proposal, name)
        self.party_rows = []
        for proposed in proposal.parties:
            pk = proposed.organisation.pk
            take = forms.BooleanField(label=proposed.organisation.name, required=False, initial=proposed.included)
            role = forms.ChoiceField(
                label=_("Role of %(organisation)s") % {"organisation": proposed.organisation.label},
                choices=AgreementParty.Role.choices,
                initial=proposed.role,
            )
            self.fields[f"take_{pk}"] = take
            self.fields[f"role_{pk}"] = role
            self.party_rows.append((proposed.organisation, self[f"take_{pk}"], self[f"role_{pk}"]))
        # The agreements the decision already led to: another is made only when the user ticks that it is meant.
        self.existing = list(existing)
        if self.existing:
            self.fields["confirm_another"] = forms.BooleanField(
                label=_("Yes, make another agreement from this decision"),
                required=True,
                error_messages={"required": _("Tick this box to make another agreement from this decision.")},
            )

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean(self):
        cleaned = super().clean()
        parties = [
            (organisation, cleaned.get(f"role_{organisation.pk}"))
            for organisation, _take, _role in self.party_rows
            if cleaned.get(f"take_{organisation.pk}")
        ]
        if sum(1 for _organisation, role in parties if role == AgreementParty.Role.PARTY) < 1:
            raise forms.ValidationError(_("Tick at least one organisation as a party."))
        cleaned["parties"] = parties
        return cleaned


class PartyForm(forms.ModelForm):
    class Meta:
        model = AgreementParty
        fields = ["organisation", "role", "signatory", "signatory_title", "signed_on"]
        widgets = {"signed_on": DateInput()}

    def __init__(self, *args, people=None, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is None:
            return
        # The party's own people (a position at the organisation) first: its signatory is nearly always one of them.
        own = staff.get(self.instance.organisation_id, set()) if self.instance.organisation_id else set()
        choices = [(person.pk, str(person)) for person in people]
        if own:
            label = _("People at %(organisation)s") % {"organisation": self.instance.organisation.label}
            self.fields["signatory"].choices = [
                ("", "---------"),
                (label, [c for c in choices if c[0] in own]),
                (_("Everyone else"), [c for c in choices if c[0] not in own]),
            ]
        else:
            self.fields["signatory"].choices = [("", "---------"), *choices]

    def mark_missing(self):
        """Show, on the unbound form, what a refused signing waits for, as errors on the fields to fill in."""
        errors = self.errors  # an unbound form has none of its own
        if self.instance.signatory_id is None:
            errors["signatory"] = self.error_class([_("Record who signed for this party.")])
        if self.instance.signed_on is None:
            errors["signed_on"] = self.error_class([_("Record the day this party signed.")])


class BasePartyFormSet(forms.BaseInlineFormSet):
    """Parties of one agreement. A posted count of existing rows that is not the number on record (a tampered form,
    or a party removed by someone else meanwhile) is refused with a message rather than trusted."""

    def get_form_kwargs(self, index):
        if not hasattr(self, "_people"):
            # Read once for every form, not once per form.
            self._people = list(Person.objects.order_by("family_name", "given_name", "id"))
            self._staff = defaultdict(set)
            organisations = self.queryset.values("organisation_id") if self.instance.pk else []
            for person_id, organisation_id in Position.objects.filter(organisation__in=organisations).values_list(
                "person_id", "organisation_id"
            ):
                self._staff[organisation_id].add(person_id)
        return {**super().get_form_kwargs(index), "people": self._people, "staff": self._staff}

    def initial_form_count(self):
        count = super().initial_form_count()
        if self.is_bound:
            return min(count, len(self.get_queryset()))
        return count

    def clean(self):
        super().clean()
        posted = self.management_form.cleaned_data.get(forms.formsets.INITIAL_FORM_COUNT)
        if posted != len(self.get_queryset()):
            raise forms.ValidationError(
                _("The parties changed since this page was opened. Reload the page and make your changes again.")
            )


PartyFormSet = forms.inlineformset_factory(
    Agreement,
    AgreementParty,
    form=PartyForm,
    formset=BasePartyFormSet,
    extra=1,
    can_delete=True,
    max_num=50,
    validate_max=True,
)


class AmendmentForm(forms.ModelForm):
    new_expiry = forms.DateField(
        label=_("New expiry date"), required=False, widget=DateInput(), help_text=_("If the amendment extends it.")
    )

    class Meta:
        model = Amendment
        fields = ["title", "description", "signed_on", "effective_from"]
        widgets = {
            "signed_on": DateInput(),
            "effective_from": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }


ALLOWED_DOCUMENTS = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
}
MAX_DOCUMENT_SIZE = 10 * 1024 * 1024
DUPLICATE_VERSION_MESSAGE = _("This agreement already has a document with this version label.")


class DocumentForm(forms.ModelForm):
    class Meta:
        model = AgreementDocument
        fields = ["file", "version_label", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def clean_version_label(self):
        label = self.cleaned_data["version_label"]
        if AgreementDocument.objects.filter(agreement=self.instance.agreement_id, version_label=label).exists():
            raise forms.ValidationError(DUPLICATE_VERSION_MESSAGE)
        return label

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in ALLOWED_DOCUMENTS:
            raise forms.ValidationError(_("Upload a PDF, DOCX or ODT file."))
        if upload.size > MAX_DOCUMENT_SIZE:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        head = upload.read(8)
        upload.seek(0)
        if not head.startswith(ALLOWED_DOCUMENTS[extension]):
            raise forms.ValidationError(
                _("The file's content is not a %(kind)s document.") % {"kind": extension[1:].upper()}
            )
        return upload
