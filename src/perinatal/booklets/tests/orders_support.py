"""Helpers for the order tests: a practice's recorded hand-outs, orders taken through the
desk's whole flow, families known by a national number, and a parent's order."""

from datetime import date, timedelta
from typing import Any

from perinatal.audit.models import AccessBasis
from perinatal.booklets.models import Booklet, BookletOrder
from perinatal.booklets.services import (
    ShipTo,
    booklet_hand_out,
    order_decide,
    order_submit_midwife,
    order_submit_parent,
)
from perinatal.pathways.access import Grant
from perinatal.pathways.services import families
from perinatal.pathways.tests.factories import child, mother, national_number_for, register

SHIP_TO = ShipTo(
    name="Vroedvrouwenpraktijk De Wieg",
    street="Gentsesteenweg 1",
    postcode="1080",
    municipality="Molenbeek-Saint-Jean",
)
HOME = ShipTo(name="Fam. Testouder", street="Kerkstraat 2", postcode="9000", municipality="Gent")
MIDWIFE_FORM = {
    "practice_name": "Vroedvrouwenpraktijk De Wieg",
    "independent_midwife": "on",
    "kindboekjes": "10",
    "declared_births_six_months": "",
    "zwangerschapsboekjes": "0",
    "remarks": "",
    "ship_to_name": "Vroedvrouwenpraktijk De Wieg",
    "ship_to_street": "Gentsesteenweg 1",
    "ship_to_postcode": "1080",
    "ship_to_municipality": "Molenbeek-Saint-Jean",
}
PARENT_FORM = {
    "whose": "child",
    "national_number": "",
    "child_order": "1",
    "ship_to_name": "Fam. Testouder",
    "ship_to_street": "Kerkstraat 2",
    "ship_to_postcode": "9000",
    "ship_to_municipality": "Gent",
}


def hand_outs(midwife: Any, days: list[date]) -> list[Booklet]:
    """One hand-out by the midwife's practice on each day (each for another family)."""
    return [
        booklet_hand_out(by=midwife, pregnancy=register(midwife, registered_on=day), on=day)
        for day in days
    ]


def midwife_order(midwife: Any, kindboekjes: int, **overrides: Any) -> BookletOrder:
    data = {
        "practice_name": "Vroedvrouwenpraktijk De Wieg",
        "independent_midwife": True,
        "kindboekjes": kindboekjes,
        "ship_to": SHIP_TO,
        "declared_births": None,
    }
    data.update(overrides)
    return order_submit_midwife(by=midwife, **data)


def through_desk(desk: Any, order: BookletOrder, *until: str, reason: str = "") -> BookletOrder:
    """Move `order` through the given statuses at the order desk."""
    for status in until:
        order = order_decide(by=desk, order=order, status=status, reason=reason).order
    return order


def delivered(midwife: Any, desk: Any, kindboekjes: int, **overrides: Any) -> BookletOrder:
    order = midwife_order(midwife, kindboekjes, **overrides)
    return through_desk(desk, order, "approved", "shipped", "delivered")


def mother_number(serial: int = 1) -> str:
    return national_number_for(date(1994, 3, 12), serial)


def child_number(serial: int = 1) -> str:
    return national_number_for(date.today() - timedelta(days=20), serial)


def family_with_numbers(
    by: Any, *, mother_serial: int = 1, child_serials: tuple[int, ...] = (), born_on=None
):
    """A pregnancy whose mother has a national number; with `child_serials`, born `born_on`
    (20 days ago by default) with children having those numbers."""
    pregnancy = register(
        by,
        mother=mother(national_number=mother_number(mother_serial), no_national_number=""),
        registered_on=date.today() - timedelta(days=150),
        due_date=date.today() + timedelta(days=-20 if child_serials else 60),
    )
    if child_serials:
        families.birth_record(
            by=by,
            pregnancy=pregnancy,
            grant=Grant(AccessBasis.CARE_TEAM),
            date=born_on or date.today() - timedelta(days=20),
            place="hospital",
            place_name="",
            children=[
                child(given_name=f"Kind{i}", national_number=child_number(serial))
                for i, serial in enumerate(child_serials, start=1)
            ],
        )
        pregnancy.refresh_from_db()
    return pregnancy


def parent_order(parent: Any, number: str, whose: str = "child", child_order: int = 1):
    return order_submit_parent(
        by=parent, number=number, whose=whose, child_order=child_order, ship_to=HOME
    )
