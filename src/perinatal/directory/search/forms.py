"""The editors' forms of the search vocabulary: a synonym, a verdict on a question."""

from django import forms
from django.utils.translation import gettext_lazy as _

from perinatal.directory.constants import Need

from .models import PHRASE_MAX_LENGTH, WORDS_MAX_LENGTH, QuestionStatus

LANGUAGE_CHOICES = [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")]


class SynonymForm(forms.Form):
    lang = forms.ChoiceField(label=_("Language of the phrase"), choices=LANGUAGE_CHOICES)
    phrase = forms.CharField(
        label=_("Word or phrase people type"),
        max_length=PHRASE_MAX_LENGTH,
        error_messages={"required": _("Write the word or phrase people type.")},
        help_text=_("For example “baby blues”, “pas de mutuelle”, “geboortepremie”."),
    )
    needs = forms.MultipleChoiceField(
        label=_("It means these needs"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Services with one of these needs come first."),
    )
    words = forms.CharField(
        label=_("It also means these words (one per line)"),
        max_length=WORDS_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Searched instead of the phrase; a line of several words needs them all."),
    )
    enabled = forms.BooleanField(label=_("In use"), required=False, initial=True)
    question = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["lang"]  # a phrase keeps its language; add another for another
            del self.fields["question"]
        else:
            del self.fields["enabled"]

    @staticmethod
    def initial_for(synonym) -> dict:
        return {
            "phrase": synonym.phrase,
            "needs": synonym.need_codes,
            "words": synonym.words,
            "enabled": synonym.enabled,
        }


class SynonymFilterForm(forms.Form):
    lang = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All")), *LANGUAGE_CHOICES], required=False
    )
    q = forms.CharField(label=_("Contains"), required=False, max_length=PHRASE_MAX_LENGTH)
    disabled = forms.BooleanField(label=_("Only those not in use"), required=False)


class QuestionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=QuestionStatus.choices,
        required=False,
        initial=QuestionStatus.OPEN,
    )


class QuestionMarkForm(forms.Form):
    status = forms.ChoiceField(choices=QuestionStatus.choices)
