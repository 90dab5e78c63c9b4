"""The upload form of the submissions page: one or more CSV files (names ending in .csv), at
most `MAX_FILES`, each at most `MAX_UPLOAD_BYTES` (the API applies the same limits)."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# 10 work years of the largest service would be far below this; a million dossiers in one
# file are about 60 MB.
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
MAX_FILES = 20


def is_csv_name(name: str) -> bool:
    return name.lower().endswith(".csv")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".csv,text/csv", "multiple": True})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if not data and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    # The field's name is the input's; Django's form class moves fields into `base_fields`,
    # so the form's own `files` (the uploaded files) stays, which the stubs cannot express.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Submission files (CSV)"),
        help_text=_(
            "One row per dossier with the columns work_year, service_id, service_name, "
            "service_sector, dossier_id, family_id, province, newborn and hours. Separated by "
            "',' with a decimal point, or by ';' with a decimal comma; UTF-8 or Windows-1252."
        ),
    )

    def clean_files(self) -> list[UploadedFile]:
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("At most %(count)s files at a time.") % {"count": MAX_FILES}
            )
        for file in files:
            if not is_csv_name(file.name or ""):
                raise forms.ValidationError(
                    _("%(file)s is not a CSV file: its name must end in .csv.")
                    % {"file": file.name}
                )
            if file.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(
                    _("%(file)s is larger than %(size)s.")
                    % {"file": file.name, "size": filesizeformat(MAX_UPLOAD_BYTES)}
                )
        return files


class HistoryFilterForm(forms.Form):
    """The analysts' filter of the submissions history."""

    year = forms.IntegerField(label=_("Work year"), required=False, min_value=2000, max_value=2999)
    service = forms.CharField(label=_("Recognition number"), required=False, max_length=20)
