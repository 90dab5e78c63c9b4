"""The forms of "My data": a parent's request for a correction, and the care team's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

LONGEST = 2000


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("What is wrong in the record?"),
        max_length=LONGEST,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say where it is (for example the date of a visit) and what is wrong."),
    )
    should_be = forms.CharField(
        label=_("What should it be?"),
        max_length=LONGEST,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CorrectionAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer to the family"),
        max_length=LONGEST,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Say what you corrected, or why the record stays as it is. The family reads this."
        ),
    )
