"""The forms of linking: the parent's code and the mother's date of birth, and the care team's
choice of a link to end."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import linking
from .services.linking import MALFORMED


class LinkForm(forms.Form):
    code = forms.CharField(
        label=_("The code from your care team"),
        max_length=32,
        help_text=_(
            "10 letters and digits, for example ABCDE-23456: capitals or not, with or without the dash."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "link-code-input",
            }
        ),
    )
    mother_birth_date = forms.DateField(
        label=_("The mother's date of birth"),
        help_text=_("The date of birth of the mother of the family, as her care team knows it."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_code(self) -> str:
        code = linking.normalised(self.cleaned_data["code"])
        if not linking.is_well_formed(code):
            raise forms.ValidationError(MALFORMED, code="malformed")
        return code

    def clean_mother_birth_date(self):
        value = self.cleaned_data["mother_birth_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(
                _("A date of birth cannot be in the future."), code="future"
            )
        return value


class EndLinkForm(forms.Form):
    link = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
