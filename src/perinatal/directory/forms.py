"""Forms of the directory pages: search, readers' reports, editors' corrections."""

from django import forms
from django.utils.translation import gettext_lazy as _

from perinatal.core.constants import TEXT_MAX_LENGTH
from perinatal.core.municipalities import MAX_PLACE_LENGTH, find_place
from perinatal.core.widgets import QuickSelect

from .areas import unknown_place_message
from .constants import SERVICE_LANGUAGES, CostCategory, Need, Phase, ReportKind, ServiceStatus
from .forms_editing import LANG_LABELS
from .language_fallback import CONTENT_LANGUAGES
from .search.query import SearchQuery
from .services import OTHER_FIELDS

MAX_QUERY = 10_000


def _with_any(choices) -> list[tuple[str, str]]:
    return [("", _("All")), *choices]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("What are you looking for?"),
        required=False,
        max_length=MAX_QUERY,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    phase = forms.ChoiceField(
        label=_("Phase"), required=False, choices=_with_any(Phase.choices), widget=QuickSelect
    )
    need = forms.ChoiceField(
        label=_("Need"), required=False, choices=_with_any(Need.choices), widget=QuickSelect
    )
    language = forms.ChoiceField(
        label=_("Language spoken"),
        required=False,
        choices=_with_any(sorted(SERVICE_LANGUAGES.items(), key=lambda kv: kv[1])),
        widget=QuickSelect,
    )
    place = forms.CharField(
        label=_("Postcode or municipality"), required=False, max_length=MAX_PLACE_LENGTH
    )
    low_cost = forms.BooleanField(label=_("Free or social tariff"), required=False)
    programme = forms.BooleanField(label=_("First-1000-days programme (Δ)"), required=False)

    def clean_q(self) -> str:
        # Invisible control characters never help a search; drop them.
        text = self.cleaned_data["q"]
        return "".join(ch for ch in text if ch.isprintable() or ch.isspace())

    def clean_place(self) -> tuple[str, ...]:
        """The NIS codes of the municipalities the place stands for (none when left empty)."""
        place = self.cleaned_data["place"].strip()
        if not place:
            return ()
        found = find_place(place)
        if not found:
            raise forms.ValidationError(unknown_place_message(place))
        return tuple(m.nis for m in found)

    def to_query(self, lang: str) -> SearchQuery:
        data = self.cleaned_data
        return SearchQuery(
            text=data.get("q", ""),
            lang=lang if lang in CONTENT_LANGUAGES else "nl",
            phases=(data["phase"],) if data.get("phase") else (),
            needs=(data["need"],) if data.get("need") else (),
            languages=(data["language"],) if data.get("language") else (),
            low_cost=bool(data.get("low_cost")),
            programme=bool(data.get("programme")),
            places=data.get("place") or (),
        )


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to report?"), choices=ReportKind.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    reporter_email = forms.EmailField(
        label=_("Your e-mail (optional, only to ask you more)"), required=False
    )
    # Honeypot: hidden from people, filled by robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if len(message) < 5:
            raise forms.ValidationError(_("Please describe the problem in a few words."))
        return message


def _tristate(label):
    # NullBooleanSelect shows True as "true" and reads it back: a plain Select compared
    # "True" with "true", opened every known answer as "Unknown" and saved it so.
    widget = forms.NullBooleanSelect()
    widget.choices = [("unknown", _("Unknown")), ("true", _("Yes")), ("false", _("No"))]
    return forms.NullBooleanField(label=label, required=False, widget=widget)


class ServiceEditForm(forms.Form):
    """An editor's correction of one service, in every language."""

    url = forms.URLField(label=_("Website"), required=False, max_length=500, assume_scheme="https")
    email = forms.EmailField(label=_("E-mail"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ServiceStatus.choices)
    cost_category = forms.ChoiceField(label=_("Cost"), choices=CostCategory.choices)
    prescription_required = _tristate(_("Prescription needed"))
    referral_required = _tristate(_("Referral needed"))
    programme_1000_days = forms.BooleanField(
        label=_("Takes part in the first-1000-days programme"), required=False
    )
    for_professionals = forms.BooleanField(
        label=_("Only for professionals (a training, tool or guide, not offered for referral)"),
        required=False,
    )
    phases = forms.MultipleChoiceField(
        label=_("Phases"),
        choices=Phase.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs = forms.MultipleChoiceField(
        label=_("Needs"), choices=Need.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        label=_("Reason for the change (kept in the history)"), required=False, max_length=500
    )

    TEXT_FIELDS = (
        ("name", _("Name"), True),
        ("description", _("Description"), False),
        ("eligibility_description", _("Access conditions"), False),
        ("fees_description", _("Costs"), False),
        ("application_process", _("How to apply"), False),
    )
    LANG_LABELS = LANG_LABELS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, label, is_short in self.TEXT_FIELDS:
            for lang in CONTENT_LANGUAGES:
                widget = forms.TextInput() if is_short else forms.Textarea(attrs={"rows": 3})
                self.fields[f"{name}_{lang}"] = forms.CharField(
                    label=f"{label} ({self.LANG_LABELS[lang]})",
                    required=False,
                    widget=widget,
                    max_length=300 if is_short else 5000,
                )

    def clean(self):
        data = super().clean() or {}
        if not (data.get("name_nl") or "").strip() or not (data.get("name_fr") or "").strip():
            raise forms.ValidationError(_("A service needs a name in Dutch and in French."))
        return data

    @classmethod
    def initial_for(cls, service) -> dict:
        initial = {name: getattr(service, name) for name in OTHER_FIELDS}
        for name, _label, _short in cls.TEXT_FIELDS:
            for lang in CONTENT_LANGUAGES:
                initial[f"{name}_{lang}"] = getattr(service, f"{name}_{lang}") or ""
        initial["phases"] = list(service.phases.values_list("code", flat=True))
        initial["needs"] = list(service.needs.values_list("code", flat=True))
        return initial


class ReportCloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"), choices=[("resolved", _("Resolved")), ("rejected", _("Rejected"))]
    )
    resolution = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
