"""Forms of the ask-first page: the question (a national number, POSTed only), handing out,
replacing and cancelling a Kindboekje, and the minimal registration of a family that is not on
the platform yet.

They only parse what was typed; the procedure (whose turn it is, who may hand out, when a
reason is needed) is decided by `booklets.services`, and the identity rules by
`pathways.services.families`, whose errors land back on the fields named here.
"""

from datetime import date
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perinatal.core.constants import TEXT_MAX_LENGTH
from perinatal.core.refusals import RuleRefused
from perinatal.pathways.constants import MAX_CHILDREN_PER_BIRTH, BirthPlace, NoNationalNumber
from perinatal.pathways.services.families import ChildInput, PersonInput

from ..constants import Channel, VoidReason
from ..services.registration import BirthFacts

MOTHER, CHILD = "mother", "child"


def _date(label: Any, *, required: bool = True, initial_today: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        initial=timezone.localdate if initial_today else None,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _note(label: Any, *, required: bool = False, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX_LENGTH,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AskForm(forms.Form):
    national_number = forms.CharField(
        label=_("Mother's or child's national number"),
        max_length=20,
        help_text=_("11 digits, with or without dots and dashes."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


class ChildActionForm(forms.Form):
    """A form of the family page for one child (hand out, replace, cancel), and what the page
    sets on it once POSTed: the service's refusal (`core.pages.attempt`), whether the user's
    role was refused (`views.ask._try`; both only when the form was valid), and which action
    on which child it is (`action_key`)."""

    refusal: RuleRefused | None
    forbidden: bool
    action_key: tuple[str, int]


class HandOutForm(ChildActionForm):
    """`channels`: the channels of the user's role that fit the child's situation; a choice
    only when there are two (a hospital: maternity clinic or NICU)."""

    on = _date(_("Handed out on"), initial_today=True)
    channel = forms.ChoiceField(label=_("Handed out by"), widget=forms.RadioSelect)
    reason = _note(
        _("Reason"),
        help_text=_("Required when it is not your turn under the procedure."),
    )

    def __init__(self, *args: Any, channels: list[str], default: str | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if len(channels) > 1:
            channel = cast(forms.ChoiceField, self.fields["channel"])  # declared above
            channel.choices = [(c, Channel(c).label) for c in channels]
            channel.initial = default
        else:
            del self.fields["channel"]

    @property
    def chosen_channel(self) -> str | None:
        return self.cleaned_data.get("channel") or None


class ReplaceForm(ChildActionForm):
    on = _date(_("Replaced on"), initial_today=True)
    reason = forms.ChoiceField(
        label=_("The Kindboekje was"),
        choices=[(r, VoidReason(r).label) for r in (VoidReason.LOST, VoidReason.DAMAGED)],
        widget=forms.RadioSelect,
    )
    note = _note(_("Note"))


class CancelForm(ChildActionForm):
    note = _note(_("What was recorded in error?"), required=True)


class RegisterForm(forms.Form):
    """A family not on the platform yet, with minimal identity. The national number the
    professional asked with travels in a hidden field of this POST form (never in a URL); it
    is the mother's or the child's. A child's number means the child is born: the birth is
    recorded with the registration, the number on the first child."""

    national_number = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    number_is = forms.ChoiceField(
        label=_("The national number you asked with is"),
        required=False,
        choices=[(MOTHER, _("the mother's")), (CHILD, _("the child's"))],
        initial=MOTHER,
        widget=forms.RadioSelect,
    )
    mother_given_name = forms.CharField(label=_("Mother's given name"), max_length=100)
    mother_family_name = forms.CharField(label=_("Mother's family name"), max_length=100)
    mother_no_national_number = forms.ChoiceField(
        label=_("Without the mother's national number, because"),
        required=False,
        choices=NoNationalNumber.choices,
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    municipality = forms.CharField(label=_("Municipality"), max_length=100)
    due_date = _date(_("Expected due date"), required=False)
    born = forms.BooleanField(label=_("The child is already born"), required=False)
    birth_date = _date(_("Date of birth"), required=False)
    children = forms.TypedChoiceField(
        label=_("Number of children born"),
        choices=[(n, str(n)) for n in range(1, MAX_CHILDREN_PER_BIRTH + 1)],
        coerce=int,
        initial=1,
        required=False,
    )
    birth_place = forms.ChoiceField(
        label=_("Place of birth"),
        choices=BirthPlace.choices,
        initial=BirthPlace.HOSPITAL,
        required=False,
    )
    nicu_admission = forms.BooleanField(
        label=_("Admitted to neonatal intensive care (NICU)"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Its ids must not clash with the question's form on the same page.
        kwargs.setdefault("auto_id", "id_register_%s")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        number_is_child = data.get("national_number") and data.get("number_is") == CHILD
        if data.get("born"):
            if not data.get("birth_date"):
                self.add_error("birth_date", _("Enter the date of birth."))
            data["children"] = data.get("children") or 1
        else:
            if not data.get("due_date"):
                self.add_error("due_date", _("Enter the expected due date."))
            if number_is_child:
                self.add_error("born", _("A child with a national number is born: say so."))
        return data

    @property
    def number_is_childs(self) -> bool:
        return bool(self.cleaned_data.get("national_number")) and (
            self.cleaned_data.get("number_is") == CHILD
        )

    def mother(self) -> PersonInput:
        data = self.cleaned_data
        number = "" if self.number_is_childs else data.get("national_number", "")
        return PersonInput(
            given_name=data["mother_given_name"],
            family_name=data["mother_family_name"],
            national_number=number,
            no_national_number="" if number else data.get("mother_no_national_number", ""),
        )

    def expected_due_date(self) -> date:
        """The due date typed, or for a child already born its date of birth."""
        data = self.cleaned_data
        return data.get("due_date") or data["birth_date"]

    def birth(self) -> BirthFacts | None:
        """The birth to record with the registration (None: the child is not born yet)."""
        data = self.cleaned_data
        if not data.get("born"):
            return None
        nicu = bool(data.get("nicu_admission"))
        children = [ChildInput(nicu_admission=nicu) for _n in range(data["children"])]
        if self.number_is_childs:
            children[0].national_number = data["national_number"]
        return BirthFacts(
            date=data["birth_date"],
            place=data.get("birth_place") or BirthPlace.HOSPITAL,
            children=children,
        )
