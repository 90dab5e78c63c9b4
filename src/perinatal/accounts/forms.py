"""Forms of the login steps (the password step uses Django's AuthenticationForm)."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """The 6-digit code from the authenticator app."""

    code = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        validators=[RegexValidator(r"^[0-9]{6}$", _("Enter the 6 digits shown in the app."))],
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]{6}",
                "maxlength": "6",
                "autofocus": True,
            }
        ),
    )


class ApiTokenForm(forms.Form):
    """A new API token: its name and how many days it is valid."""

    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("Where it is used, e.g. “maternity ward system”."),
    )
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=365, initial=90)
