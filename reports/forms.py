from django import forms
from django.utils.translation import gettext_lazy as _

from .files import ReportFileError, report_text
from .limits import MAX_CHARS, MAX_FILE_BYTES
from .reader import normalise_text


class ReportForm(forms.Form):
    """The report: pasted, or a file. Reading the file is part of validation, so a file that cannot be read gets its
    message next to the field and the text typed stays. A text longer than MAX_CHARS is read up to it: `cut` (in
    cleaned_data) is then the length it had, and the review page says the rest was left out."""

    text = forms.CharField(label=_("Paste the report"), required=False, widget=forms.Textarea(attrs={"rows": 12}))
    file = forms.FileField(
        label=_("or upload it"),
        required=False,
        help_text=_("A .txt, .docx, .pdf, .html or .eml file of at most 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            self.file_text = report_text(upload.name, upload.read())
        except ReportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        text = (cleaned.get("text") or "").strip()
        if upload:
            cleaned["report"], cleaned["name"] = normalise_text(self.file_text), upload.name
        elif text:
            cleaned["report"], cleaned["name"] = normalise_text(text), ""
        elif not self.errors:
            self.add_error("text", _("Paste the report's text or upload its file."))
        report = cleaned.get("report") or ""
        cleaned["cut"] = len(report) if len(report) > MAX_CHARS else 0
        if cleaned["cut"]:
            cleaned["report"] = report[:MAX_CHARS]
        return cleaned
