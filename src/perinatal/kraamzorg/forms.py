"""The forms of the kraamzorg pages: the parents' request, a professional's referral, the
intake's decision and forwarding a refused request. They only parse input; the services
decide (and put their refusals back on the form, see core.pages.attempt)."""

from datetime import date
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from perinatal.core.refusals import RuleRefused

from . import rules
from .constants import Help, RefusalReason, RequestStatus
from .models import KraamzorgOffer
from .services.requests import RequestInput

LANGUAGES = [
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("es", _("Spanish")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def band_choices(on: date) -> list[tuple[str, str]]:
    """Each band with its income limit and its hourly price, as the parents choose."""
    choices = []
    previous = None
    for band in rules.tariff(on):
        price = formats.number_format(band.price, 2)
        if band.up_to is None:
            label = _("more than %(low)s euro a month: %(price)s euro an hour") % {
                "low": previous,
                "price": price,
            }
        elif previous is None:
            label = _("up to %(high)s euro a month: %(price)s euro an hour") % {
                "high": band.up_to,
                "price": price,
            }
        else:
            label = _("%(low)s to %(high)s euro a month: %(price)s euro an hour") % {
                "low": previous + 1,
                "high": band.up_to,
                "price": price,
            }
        choices.append((band.band, label))
        previous = band.up_to
    return choices


def offer_label(offer: KraamzorgOffer) -> str:
    return offer.service.name


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    """The form's field `name`, declared as a choice field (its choices set per form)."""
    return cast(forms.ChoiceField, form.fields[name])  # declared so in the form's class


class RequestFieldsForm(forms.Form):
    """The fields of `RequestInput` that a parent and a referrer both give."""

    due_date = forms.DateField(label=_("Expected due date"), required=False, widget=DATE)
    birth_date = forms.DateField(
        label=_("Date of birth (if the baby is born)"), required=False, widget=DATE
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=4)
    municipality = forms.CharField(label=_("Municipality"), max_length=100)
    adults = forms.IntegerField(label=_("Adults in the household"), min_value=1, max_value=20)
    children = forms.IntegerField(
        label=_("Children in the household (before this birth)"), min_value=0, max_value=20
    )
    income_band = forms.ChoiceField(
        label=_("Net monthly income of the household"), widget=forms.RadioSelect
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken at home"),
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    help_wanted = forms.MultipleChoiceField(
        label=_("Which help would you like?"),
        choices=Help.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    contact_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    offer = forms.TypedChoiceField(
        label=_("Kraamzorg service"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, on: date, offers: list[KraamzorgOffer], **kwargs: Any):
        super().__init__(*args, **kwargs)
        _choice_field(self, "income_band").choices = band_choices(on)
        self.offers = {offer.pk: offer for offer in offers}
        _choice_field(self, "offer").choices = [
            ("", _("the first service that serves my address")),
            *((offer.pk, offer_label(offer)) for offer in offers),
        ]

    def request_input(self, **extra: Any) -> RequestInput:
        data = self.cleaned_data
        return RequestInput(
            due_date=data["due_date"],
            birth_date=data["birth_date"],
            postcode=data["postcode"],
            municipality=data["municipality"],
            adults=data["adults"],
            children=data["children"],
            income_band=data["income_band"],
            languages=list(data["languages"]),
            help_wanted=list(data["help_wanted"]),
            contact_name=data["contact_name"],
            contact_phone=data["contact_phone"],
            contact_email=data["contact_email"],
            **extra,
        )

    def chosen_offer(self) -> KraamzorgOffer | None:
        offer = self.cleaned_data.get("offer")
        return None if offer is None else self.offers.get(offer)


class AskForm(RequestFieldsForm):
    """The parents' request (the public form)."""

    mother_national_number = forms.CharField(
        label=_("The mother's national number (optional)"),
        required=False,
        max_length=20,
        help_text=_(
            "If the family is already followed on the platform, this links the request to it. "
            "It is not stored in clear and not shown again."
        ),
    )


class ReferForm(RequestFieldsForm):
    """A professional's referral of a family they follow."""

    reason = forms.CharField(label=_("Reason for the referral"), widget=forms.Textarea)
    vulnerability_reason = forms.CharField(
        label=_("Vulnerable family: why (leave empty if not)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


DECISION_CHOICES = [
    (RequestStatus.ACCEPTED, _("accept and plan")),
    (RequestStatus.WAITING, _("put on the waiting list")),
    (RequestStatus.REFUSED, _("refuse")),
]


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Answer"), widget=forms.RadioSelect, choices=DECISION_CHOICES
    )
    planned_start = forms.DateField(label=_("Planned start"), required=False, widget=DATE)
    planned_hours = forms.DecimalField(
        label=_("Planned hours"), required=False, min_value=0, max_digits=6, decimal_places=2
    )
    refusal_reason = forms.ChoiceField(
        label=_("Refused because"),
        required=False,
        choices=[("", "—"), *RefusalReason.choices],
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    assistant = forms.TypedChoiceField(
        label=_("Maternity-care assistant (joins the family's care team)"),
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args: Any, allowed: tuple[str, ...], assistants: Any = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        _choice_field(self, "status").choices = [
            choice for choice in DECISION_CHOICES if choice[0] in allowed
        ]
        self.assistants = {user.pk: user for user in assistants}
        _choice_field(self, "assistant").choices = [
            ("", _("not yet assigned")),
            *(
                (pk, user.get_full_name() or user.get_username())
                for pk, user in self.assistants.items()
            ),
        ]

    def chosen_assistant(self) -> Any:
        chosen = self.cleaned_data.get("assistant")
        return None if chosen is None else self.assistants.get(chosen)


class ForwardForm(forms.Form):
    offer = forms.TypedChoiceField(label=_("Another kraamzorg service"), coerce=int)

    if TYPE_CHECKING:
        refusal: RuleRefused | None  # set by core.pages.attempt

    def __init__(self, *args: Any, offers: list[KraamzorgOffer], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.offers = {offer.pk: offer for offer in offers}
        _choice_field(self, "offer").choices = [(offer.pk, offer_label(offer)) for offer in offers]

    def chosen_offer(self) -> KraamzorgOffer:
        return self.offers[self.cleaned_data["offer"]]


class ReferFamilyForm(RequestFieldsForm):
    """A referral without the family's record (an OCMW/CPAS, a CAW, a CGG/SSM, a psychologist
    …): how to reach the family, the reason and why it is vulnerable."""

    reason = forms.CharField(label=_("Reason for the referral"), widget=forms.Textarea)
    vulnerability_reason = forms.CharField(
        label=_("Why the family is vulnerable"), widget=forms.Textarea(attrs={"rows": 3})
    )
    mother_national_number = forms.CharField(
        label=_("The mother's national number (optional)"),
        required=False,
        max_length=20,
        help_text=_(
            "If the family is followed on the platform, the service can join its care team. "
            "It is not stored in clear and not shown again; you will not see the family's record."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].label = _("Name of the parent")
        self.fields["help_wanted"].label = _("Which help does the family need?")
