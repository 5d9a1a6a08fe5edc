from django import forms
from django.utils.translation import gettext_lazy as _

from common.concurrency import VersionedFormMixin
from common.forms import DateInput

from .models import Agreement, AgreementDocument, AgreementParty, Amendment
from .services import agreement_refuse_settled_changes


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
        ]
        widgets = {
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
        if self.instance.is_frozen:
            # Signed text is settled: what changes after signing goes through an amendment.
            for name, field in self.fields.items():
                if name not in {"summary", "version"}:
                    field.disabled = True
                    field.help_text = _("Settled at signing; change it with an amendment.")

    def clean(self):
        cleaned = super().clean()
        try:
            agreement_refuse_settled_changes(agreement=self.instance, data=cleaned)
        except forms.ValidationError as error:
            self.add_error(None, error)
        return cleaned


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def __init__(self, *args, transition, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        if transition.needs_comment:
            self.fields["comment"].label = _("Reason")
            self.fields["comment"].required = True
        if transition.name == "activate":
            self.fields["effective_from"] = forms.DateField(label=_("In force from"), widget=DateInput())


class PartyForm(forms.ModelForm):
    class Meta:
        model = AgreementParty
        fields = ["organisation", "role", "signatory", "signatory_title", "signed_on"]
        widgets = {"signed_on": DateInput()}


class BasePartyFormSet(forms.BaseInlineFormSet):
    """Parties of one agreement. A posted count of existing rows that is not the number on record (a tampered form,
    or a party removed by someone else meanwhile) is refused with a message rather than trusted."""

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
