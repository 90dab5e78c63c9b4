"""Ordering Kindboekjes: independent midwives and parents.

Seed 000: orders from 1 August 2024, by independent midwives and parents; at most 50 per order;
for at most six months of need; a midwife names her practice and states she is an independent
midwife; a Zwangerschapsboekje brings the booklet "Opvolging zwangerschap en geboorte" unless
the orderer says otherwise in the remarks.

- Refused before anything is stored: `missing_practice`, `order_too_large` (midwives),
  `child_already_has_booklet`, `child_already_ordered` (parents). The parents' messages stay
  generic: a parent may type any number, so they never say who handed a booklet out or when.
- Stored as refused: `over_six_months_need`, with the figures, so that the order desk may
  approve it as an exception with a reason (`OrderRefused.order`).
The order desk's decisions are in `order_desk.py`.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.models import Organisation
from perinatal.accounts.roles import is_independent_midwife, is_parent
from perinatal.audit.models import AccessAction, ChangeAction
from perinatal.audit.services import change_record, snapshot
from perinatal.core import national_number
from perinatal.core.constants import TEXT_MAX_LENGTH
from perinatal.core.municipalities import area_for_postcode
from perinatal.pathways.access_log import log_access
from perinatal.pathways.constants import MAX_CHILDREN_PER_BIRTH
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.selectors import child_by_number_hash, pregnancy_of_mother_by_hash

from ..constants import OrderKind, OrderStatus, RefusalCode
from ..errors import BookletRefused, InvalidInput, NoAccess
from ..models import BookletOrder
from ..ordering import NeedFigures, need_figures, orders_open
from ..rules import max_kindboekjes_per_order
from ..situation import birth_of
from .distribution import GRANT, open_parent_order, valid_booklet

RULE_OPEN = "booklets.orders.open_from"
RULE_MAX = "booklets.orders.max_kindboekjes"
RULE_NEED = "booklets.orders.need_months"
RULE_PRACTICE = "booklets.orders.practice"
RULE_PARENT = "booklets.orders.one_per_child"
# Input bounds (not rules of the source): a Zwangerschapsboekje order and declared births.
MAX_INPUT = 999


class OrderRefused(BookletRefused):
    """An order refused by a rule but kept (`over_six_months_need`): the order desk may still
    approve it as an exception."""

    def __init__(self, order: BookletOrder, figures: NeedFigures, message: str):
        super().__init__(
            RefusalCode.OVER_SIX_MONTHS_NEED,
            message,
            rule=RULE_NEED,
            detail={
                "order_id": str(order.public_id),
                "quantity": figures.quantity,
                "stock": figures.stock,
                "on_order": figures.on_order,
                "need": figures.need,
                "basis": figures.basis,
            },
        )
        self.order = order


@dataclass(frozen=True)
class ShipTo:
    name: str
    street: str
    postcode: str
    municipality: str


def _check_open(on: date) -> None:
    if not orders_open(on):
        raise BookletRefused(
            RefusalCode.ORDERS_NOT_OPEN,
            _("Kindboekjes can be ordered from 1 August 2024."),
            rule=RULE_OPEN,
        )


def _ship_to(ship_to: ShipTo, errors: dict[str, list[str]]) -> dict[str, str]:
    fields = {
        "ship_to_name": (ship_to.name or "").strip(),
        "ship_to_street": (ship_to.street or "").strip(),
        "ship_to_postcode": (ship_to.postcode or "").strip(),
        "ship_to_municipality": (ship_to.municipality or "").strip(),
    }
    limits = {"ship_to_name": 200, "ship_to_street": 200, "ship_to_municipality": 100}
    for name, value in fields.items():
        if not value:
            errors[name] = [_("This field is required.")]
        elif len(value) > limits.get(name, 4):
            errors[name] = [_("This is too long.")]
    area = area_for_postcode(fields["ship_to_postcode"])
    if fields["ship_to_postcode"] and area is None:
        errors["ship_to_postcode"] = [_("Enter a Belgian postcode of four digits.")]
    fields["area_nis"] = area.nis if area else ""
    return fields


def _count(value: Any, name: str, errors: dict[str, list[str]]) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_INPUT:
        errors[name] = [_("Enter a number from 0 to %(most)s.") % {"most": MAX_INPUT}]
        return 0
    return value


def _created(by: Any, order: BookletOrder) -> None:
    change_record(
        actor=by,
        action=ChangeAction.CREATE,
        instance=order,
        changes={
            name: [None, value]
            for name, value in snapshot(
                order, ("kind", "status", "kindboekjes", "zwangerschapsboekjes", "area_nis")
            ).items()
        },
        reason=order.refusal_code,
    )


def need_message(figures: NeedFigures) -> str:
    basis = (
        _("your hand-outs recorded in the last six months")
        if figures.basis == "history"
        else _("the births you declared for the next six months")
    )
    return _(
        "This order exceeds six months of need: %(quantity)s Kindboekjes ordered, %(stock)s in "
        "stock and %(on_order)s on their way, for a need of %(need)s over six months (from "
        "%(basis)s). The order is kept as refused; the order desk may approve it as an "
        "exception."
    ) % {
        "quantity": figures.quantity,
        "stock": max(figures.stock, 0),
        "on_order": figures.on_order,
        "need": figures.need,
        "basis": basis,
    }


def order_submit_midwife(
    *,
    by: Any,
    practice_name: str,
    independent_midwife: bool,
    kindboekjes: int,
    ship_to: ShipTo,
    zwangerschapsboekjes: int = 0,
    without_opvolging: bool = False,
    remarks: str = "",
    declared_births: int | None = None,
    request: Any = None,
) -> BookletOrder:
    """An independent midwife's order for her practice (seed 000). Raises `BookletRefused`
    (`missing_practice`, `order_too_large`; nothing stored), `OrderRefused`
    (`over_six_months_need`; the order is stored as refused) or `InvalidInput`."""
    if not is_independent_midwife(by):
        raise NoAccess(_("Only independent midwives order Kindboekjes for a practice."))
    on = timezone.localdate()
    _check_open(on)
    errors: dict[str, list[str]] = {}
    kindboekjes = _count(kindboekjes, "kindboekjes", errors)
    zwangerschapsboekjes = _count(zwangerschapsboekjes, "zwangerschapsboekjes", errors)
    if declared_births is not None:
        declared_births = _count(declared_births, "declared_births_six_months", errors)
    if "kindboekjes" not in errors and kindboekjes == 0 and zwangerschapsboekjes == 0:
        errors["kindboekjes"] = [_("Order at least one Kindboekje or Zwangerschapsboekje.")]
    if len(remarks or "") > TEXT_MAX_LENGTH:
        errors["remarks"] = [_("This is too long.")]
    shipping = _ship_to(ship_to, errors)
    if errors:
        raise InvalidInput(errors)
    if not (practice_name or "").strip() or not independent_midwife:
        raise BookletRefused(
            RefusalCode.MISSING_PRACTICE,
            _(
                "State the name of your practice and that you are an independent midwife: "
                "Kind en Gezin monitors the orders by practice."
            ),
            rule=RULE_PRACTICE,
        )
    most = max_kindboekjes_per_order(on)
    if kindboekjes > most:
        raise BookletRefused(
            RefusalCode.ORDER_TOO_LARGE,
            _("At most %(most)s Kindboekjes can be ordered at a time; this order has %(n)s.")
            % {"most": most, "n": kindboekjes},
            rule=RULE_MAX,
        )
    with transaction.atomic():
        # One order of a practice at a time, so two orders cannot both pass the need rule.
        organisation = Organisation.objects.select_for_update().get(pk=by.organisation_id)
        figures = None
        if kindboekjes:
            figures = need_figures(
                organisation, quantity=kindboekjes, declared_births=declared_births, on=on
            )
            if figures.basis == "declared" and declared_births is None:
                raise InvalidInput(
                    {
                        "declared_births_six_months": [
                            _(
                                "No hand-outs of your practice are recorded for the last six "
                                "months: say how many births you expect to follow in the next "
                                "six months."
                            )
                        ]
                    }
                )
        order = BookletOrder(
            kind=OrderKind.MIDWIFE,
            ordered_by=by,
            organisation=organisation,
            practice_name=practice_name.strip()[:200],
            independent_midwife=True,
            kindboekjes=kindboekjes,
            zwangerschapsboekjes=zwangerschapsboekjes,
            opvolging_boekjes=0 if without_opvolging else zwangerschapsboekjes,
            without_opvolging=bool(without_opvolging) and zwangerschapsboekjes > 0,
            remarks=(remarks or "").strip(),
            declared_births_six_months=declared_births,
            need_six_months=figures.need if figures else None,
            need_basis=figures.basis if figures else "",
            stock_at_order=figures.stock if figures else None,
            **shipping,
        )
        if figures is not None and not figures.within:
            order.status = OrderStatus.REFUSED
            order.refusal_code = RefusalCode.OVER_SIX_MONTHS_NEED
            order.refusal_reason = need_message(figures)
            order.decided_at = timezone.now()
        order.save()
        _created(by, order)
    # Refused above, on the need figures, or else the new order is submitted.
    if figures is not None and order.status == OrderStatus.REFUSED:
        raise OrderRefused(order, figures, order.refusal_reason)
    return order


# Parents -----------------------------------------------------------------------------------


def family_for_subject(digest: str, whose: str, child_order: int) -> tuple[Pregnancy | None, int]:
    """The pregnancy and child slot a national number points to, if the family is on the
    platform: the child's number → the child's birth; the mother's → her latest pregnancy."""
    if whose == "child":
        child = child_by_number_hash(digest)
        return (child.birth.pregnancy, child.birth_order) if child else (None, 1)
    pregnancy = pregnancy_of_mother_by_hash(digest, include_ended=False)
    if pregnancy is not None:
        birth = birth_of(pregnancy)
        if (
            birth is not None
            and birth.children.exists()  # born
            and not birth.children.filter(birth_order=child_order).exists()
        ):
            pregnancy = None  # no such child recorded: the order is not linked
    return pregnancy, child_order


def _generic_refusal(code: str) -> BookletRefused:
    if code == RefusalCode.CHILD_ALREADY_HAS_BOOKLET:
        message = _(
            "We cannot take this order: this child already has a Kindboekje. If it was lost "
            "or damaged, ask Kind en Gezin or your midwife."
        )
    else:
        message = _("We cannot take this order: a Kindboekje was already ordered for this child.")
    return BookletRefused(code, message, rule=RULE_PARENT)


def _ordered_before(digest: str, child_order: int) -> bool:
    return (
        BookletOrder.objects.filter(
            kind=OrderKind.PARENT, kindboekjes=1, subject_hash=digest, child_order=child_order
        )
        .exclude(status=OrderStatus.REFUSED)
        .exists()
    )


def order_submit_parent(
    *,
    by: Any,
    number: str,
    whose: str,
    ship_to: ShipTo,
    child_order: int = 1,
    request: Any = None,
) -> BookletOrder:
    """A parent's order of one Kindboekje for one child, identified by the child's national
    number (`whose="child"`) or, for an expected child, the mother's (`whose="mother"`, with
    `child_order` 2 for the second of twins). Raises `BookletRefused`
    (`child_already_has_booklet`, `child_already_ordered`) or `InvalidInput`."""
    if not is_parent(by):
        raise NoAccess(_("Only parents order a Kindboekje for their child here."))
    on = timezone.localdate()
    _check_open(on)
    errors: dict[str, list[str]] = {}
    digest = ""
    try:
        digest = national_number.lookup_hash(number)
    except ValidationError as exc:
        errors["national_number"] = exc.messages
    if whose not in ("child", "mother"):
        errors["whose"] = [_("Say whose national number this is.")]
    if not isinstance(child_order, int) or not 1 <= child_order <= MAX_CHILDREN_PER_BIRTH:
        errors["child_order"] = [_("Choose the child.")]
    shipping = _ship_to(ship_to, errors)
    if errors:
        raise InvalidInput(errors)
    pregnancy, slot = family_for_subject(digest, whose, child_order if whose == "mother" else 1)
    if pregnancy is not None:
        log_access(
            by=by,
            pregnancy=pregnancy,
            grant=GRANT,
            action=AccessAction.READ,
            purpose="parents' Kindboekje order: registry check",
            request=request,
        )
        if valid_booklet(pregnancy, slot) is not None:
            raise _generic_refusal(RefusalCode.CHILD_ALREADY_HAS_BOOKLET)
        if open_parent_order(pregnancy, slot) is not None:
            raise _generic_refusal(RefusalCode.CHILD_ALREADY_ORDERED)
    if _ordered_before(digest, slot):
        raise _generic_refusal(RefusalCode.CHILD_ALREADY_ORDERED)
    try:
        with transaction.atomic():
            order = BookletOrder.objects.create(
                kind=OrderKind.PARENT,
                ordered_by=by,
                kindboekjes=1,
                subject_hash=digest,
                child_order=slot,
                pregnancy=pregnancy,
                **shipping,
            )
            _created(by, order)
    except IntegrityError:
        # An order for the same child came in at the same moment: the constraint kept one.
        raise _generic_refusal(RefusalCode.CHILD_ALREADY_ORDERED) from None
    return order
