"""Forms of the booklet orders and the order desk. They only parse what was typed; the rules
(50 per order, six months of need, one per child, the desk's flow) are the services'."""

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from perinatal.core.constants import TEXT_MAX_LENGTH
from perinatal.core.geography import AREAS
from perinatal.core.refusals import RuleRefused
from perinatal.pathways.constants import MAX_CHILDREN_PER_BIRTH

from ..constants import ORDER_NEXT, OrderKind, OrderStatus
from ..services.orders import MAX_INPUT, ShipTo

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _quantity(
    label: "StrOrPromise", *, required: bool = True, help_text: "StrOrPromise" = ""
) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=MAX_INPUT,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class ShipToForm(forms.Form):
    ship_to_name = forms.CharField(label=_("Send to (name)"), max_length=200)
    ship_to_street = forms.CharField(label=_("Street and number"), max_length=200)
    ship_to_postcode = forms.CharField(
        label=_("Postcode"), max_length=4, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    ship_to_municipality = forms.CharField(label=_("Municipality"), max_length=100)

    def ship_to(self) -> ShipTo:
        data = self.cleaned_data
        return ShipTo(
            name=data["ship_to_name"],
            street=data["ship_to_street"],
            postcode=data["ship_to_postcode"],
            municipality=data["ship_to_municipality"],
        )


class MidwifeOrderForm(ShipToForm):
    refusal: RuleRefused | None  # set by `core.pages.attempt` when the service ran

    field_order = [
        "practice_name",
        "independent_midwife",
        "kindboekjes",
        "declared_births_six_months",
        "zwangerschapsboekjes",
        "remarks",
        "without_opvolging",
    ]

    practice_name = forms.CharField(
        label=_("Name of your practice"), max_length=200, required=False
    )
    independent_midwife = forms.BooleanField(label=_("I am an independent midwife"), required=False)
    kindboekjes = _quantity(
        _("Kindboekjes"), help_text=_("At most 50 per order, for at most six months of need.")
    )
    declared_births_six_months = _quantity(
        _("Births you expect to follow in the next six months"),
        required=False,
        help_text=_("Required when no hand-outs of your practice are recorded for six months."),
    )
    zwangerschapsboekjes = _quantity(_("Zwangerschapsboekjes"), required=False)
    remarks = forms.CharField(
        label=_("Remarks"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    without_opvolging = forms.BooleanField(
        label=_("Without the booklet 'Opvolging zwangerschap en geboorte'"),
        required=False,
        help_text=_(
            "Each Zwangerschapsboekje comes with the booklet 'Opvolging zwangerschap en "
            "geboorte' unless you tick this."
        ),
    )

    def clean_zwangerschapsboekjes(self) -> int:
        return self.cleaned_data.get("zwangerschapsboekjes") or 0


class ParentOrderForm(ShipToForm):
    field_order = ["whose", "national_number", "child_order"]

    whose = forms.ChoiceField(
        label=_("Whose national number do you give?"),
        choices=[
            ("child", _("my child's (the child is born)")),
            ("mother", _("the mother's (the child is expected)")),
        ],
        widget=forms.RadioSelect,
        initial="child",
    )
    national_number = forms.CharField(
        label=_("National number"),
        max_length=20,
        help_text=_("11 digits, with or without dots and dashes."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    child_order = forms.TypedChoiceField(
        label=_("Which child"),
        coerce=int,
        initial=1,
        choices=lambda: (
            [(1, _("the (first) expected child"))]
            + [
                (n, _("child %(n)s of twins or more") % {"n": n})
                for n in range(2, MAX_CHILDREN_PER_BIRTH + 1)
            ]
        ),
        help_text=_("Only for an expected child: twins get one Kindboekje each."),
    )


class DeskFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all"))] + OrderStatus.choices
    )
    kind = forms.ChoiceField(
        label=_("Ordered by"), required=False, choices=[("", _("all"))] + OrderKind.choices
    )
    area = forms.ChoiceField(
        label=_("Province or region"),
        required=False,
        choices=lambda: [("", _("all"))] + [(a.nis, a.name) for a in AREAS],
    )
    q = forms.CharField(label=_("Practice"), required=False, max_length=100)


class DeskDecisionForm(forms.Form):
    """The next statuses of the order (ORDER_NEXT), with a reason where one is needed."""

    status = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text=_("Required to refuse an order or to approve one as an exception."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, current: str, exception_possible: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        labels: dict[str, StrOrPromise] = {
            OrderStatus.APPROVED: _("approve"),
            OrderStatus.REFUSED: _("refuse"),
            OrderStatus.SHIPPED: _("shipped"),
            OrderStatus.DELIVERED: _("delivered"),
        }
        choices = []
        for status in ORDER_NEXT.get(current, ()):
            label = labels[status]
            if current == OrderStatus.REFUSED and status == OrderStatus.APPROVED:
                if not exception_possible:
                    continue
                label = _("approve as an exception")
            choices.append((status, label))
        status_field = cast(forms.ChoiceField, self.fields["status"])  # declared above
        status_field.choices = choices
