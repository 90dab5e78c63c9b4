"""Forms of the professionals' pages on the family record.

They only parse what was typed into Python values; the rules (which national number is
valid, which service may be recorded, which answer a referral may get) are checked by the
services, whose `InvalidInput` errors land back on the fields named here.
"""

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from perinatal.accounts.models import Organisation
from perinatal.core.constants import TEXT_MAX_LENGTH
from perinatal.directory.constants import SERVICE_LANGUAGES
from perinatal.directory.models import Service

from .constants import (
    MAX_CHILDREN_PER_BIRTH,
    REFERRAL_NEXT,
    REFERRAL_OUTCOME_NEXT,
    BirthPlace,
    ContactKind,
    NoNationalNumber,
    ProgrammeServiceKind,
    ReferralStatus,
    Sex,
)
from .models import IndicatorCatalogue
from .services.care_team import CARE_KINDS
from .services.families import LANGUAGES, ChildInput, PersonInput


def _date(label, *, required: bool = True, initial_today: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        initial=timezone.localdate if initial_today else None,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _number(label) -> forms.CharField:
    """A national number: typed in a POST form only, never offered to the browser's memory."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=20,
        help_text=_("11 digits, with or without dots and dashes."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


def _note(label, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def language_choices() -> list[tuple[str, str | Promise]]:
    return [
        (code, _("another language") if code == "other" else SERVICE_LANGUAGES.get(code, code))
        for code in LANGUAGES
    ]


# --- Finding and registering a family -------------------------------------------------


class NameSearchForm(forms.Form):
    q = forms.CharField(label=_("Mother's name"), required=False, max_length=100)


class NumberSearchForm(forms.Form):
    national_number = forms.CharField(
        label=_("Mother's national number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


class RegisterForm(forms.Form):
    mother_given_name = forms.CharField(label=_("Mother's given name"), max_length=100)
    mother_family_name = forms.CharField(label=_("Mother's family name"), max_length=100)
    mother_birth_date = _date(_("Mother's date of birth"), required=False)
    mother_national_number = _number(_("Mother's national number"))
    mother_no_national_number = forms.ChoiceField(
        label=_("No national number because"),
        required=False,
        choices=NoNationalNumber.choices,
    )
    partner_given_name = forms.CharField(
        label=_("Partner's given name"), required=False, max_length=100
    )
    partner_family_name = forms.CharField(
        label=_("Partner's family name"), required=False, max_length=100
    )
    partner_national_number = _number(_("Partner's national number"))
    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    municipality = forms.CharField(label=_("Municipality"), max_length=100)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        required=False,
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    due_date = _date(_("Expected due date"))
    consent_to_share = forms.BooleanField(
        label=_("The family consents to sharing the record within the care team"),
        required=False,
    )

    def mother(self) -> PersonInput:
        data = self.cleaned_data
        return PersonInput(
            given_name=data["mother_given_name"],
            family_name=data["mother_family_name"],
            birth_date=data.get("mother_birth_date"),
            national_number=data.get("mother_national_number", ""),
            no_national_number=data.get("mother_no_national_number", ""),
            languages=list(data.get("languages", [])),
        )

    def partner(self) -> PersonInput | None:
        data = self.cleaned_data
        if not any(
            data.get(f"partner_{name}") for name in ("given_name", "family_name", "national_number")
        ):
            return None
        return PersonInput(
            given_name=data.get("partner_given_name", ""),
            family_name=data.get("partner_family_name", ""),
            national_number=data.get("partner_national_number", ""),
        )


# --- Birth and contacts -------------------------------------------------------------------


class BirthForm(forms.Form):
    date = _date(_("Date of birth"))
    place = forms.ChoiceField(label=_("Place of birth"), choices=BirthPlace.choices)
    place_name = forms.CharField(label=_("Hospital or place"), required=False, max_length=200)


class ChildForm(forms.Form):
    given_name = forms.CharField(label=_("Given name"), required=False, max_length=100)
    family_name = forms.CharField(label=_("Family name"), required=False, max_length=100)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    national_number = _number(_("National number"))
    nicu_admission = forms.BooleanField(
        label=_("Admitted to neonatal intensive care (NICU)"), required=False
    )
    nicu_days = forms.IntegerField(
        label=_("Days in NICU"), required=False, min_value=0, max_value=365
    )

    def child(self) -> ChildInput:
        data = self.cleaned_data
        return ChildInput(
            given_name=data.get("given_name", ""),
            family_name=data.get("family_name", ""),
            sex=data.get("sex") or Sex.UNKNOWN,
            national_number=data.get("national_number", ""),
            nicu_admission=bool(data.get("nicu_admission")),
            nicu_days=data.get("nicu_days"),
        )


# Every form shown is a child, even one left blank (a child without a name yet).
ChildFormSet = forms.formset_factory(
    ChildForm, extra=0, min_num=1, max_num=MAX_CHILDREN_PER_BIRTH, validate_max=True
)


class ContactForm(forms.Form):
    date = _date(_("Date"), initial_today=True)
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactKind.choices)
    note = _note(_("Note"))
    share_with_family = forms.BooleanField(
        label=_("Show this note to the family"),
        required=False,
        help_text=_(
            "Without this, the note is internal: the care team sees it, the family does not."
        ),
    )


# --- Screening and programme services -----------------------------------------------------


class ScreeningForm(forms.Form):
    date = _date(_("Date of the screening"), initial_today=True)
    positive = forms.MultipleChoiceField(
        label=_("Indicators found present"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_assessment_reason = _note(_("Reason for a new assessment"))

    def __init__(self, *args: Any, catalogue: IndicatorCatalogue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.catalogue = catalogue
        self.indicators = list(catalogue.indicators.all())
        field = cast(forms.MultipleChoiceField, self.fields["positive"])  # declared so above
        field.choices = [(i.code, i.label) for i in self.indicators]
        self.inclusion_codes = {i.code for i in self.indicators if i.is_inclusion_criterion}


class ProgrammeServiceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Service"), choices=ProgrammeServiceKind.choices)
    date = _date(_("Date"), initial_today=True)
    participants = forms.IntegerField(
        label=_("Participants (multidisciplinary consultation)"),
        required=False,
        min_value=0,
        max_value=99,
    )
    prescribed = forms.BooleanField(
        label=_("Prescribed by a physician (perinatal physiotherapy)"), required=False
    )
    note = _note(_("Note"))


# --- Referrals ------------------------------------------------------------------------------


class ServiceSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the directory"), required=False, max_length=200)


class ReferralForm(forms.Form):
    service = forms.UUIDField(
        label=_("Service"),
        error_messages={"required": _("Choose a service of the directory.")},
        widget=forms.HiddenInput,
    )
    reason = _note(_("Reason for the referral"), required=True)

    def clean_service(self) -> Service:
        service = Service.objects.filter(id=self.cleaned_data["service"]).first()
        if service is None:
            raise forms.ValidationError(_("Choose a service of the directory."))
        if service.for_professionals:
            raise forms.ValidationError(
                _("This is for professionals (a training or a tool), not for families.")
            )
        return service


class ReferralOutcomeForm(forms.Form):
    """The referrer's record of what came of a referral to a service outside the platform."""

    status = forms.ChoiceField(label=_("Outcome"), widget=forms.RadioSelect)
    note = _note(_("Note for the care team"))

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["status"])  # declared so above
        field.choices = [
            (status, ReferralStatus(status).label)
            for status in REFERRAL_OUTCOME_NEXT.get(current, ())
        ]


class ReferralAnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("Answer"), widget=forms.RadioSelect)
    note = _note(_("Note to the referrer"))

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["status"])  # declared so above
        field.choices = [
            (status, ReferralStatus(status).label) for status in REFERRAL_NEXT.get(current, ())
        ]


# --- Care team, consent, emergency access ----------------------------------------------------


class TeamAddForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(kind__in=CARE_KINDS).order_by("name"),
        to_field_name="public_id",
    )
    task = forms.CharField(label=_("Task in the team"), required=False, max_length=200)


class TeamEndForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ConsentForm(forms.Form):
    given = forms.TypedChoiceField(
        label=_("The family's consent to share the record within the care team"),
        choices=[("yes", _("given")), ("no", _("withdrawn"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = _note(_("How it was given or withdrawn"))


class EmergencyForm(forms.Form):
    reason = _note(_("Why do you need this record now?"), required=True)
