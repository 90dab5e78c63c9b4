"""The monitoring tables of the Kindboekje procedure, on data made through the services."""

from datetime import date, datetime, timedelta

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from perinatal.booklets.constants import (
    Channel,
    OrderKind,
    OrderStatus,
    RefusalCode,
    VoidReason,
)
from perinatal.booklets.errors import BookletRefused
from perinatal.booklets.models import BookletOrder
from perinatal.booklets.monitoring import Period, monitoring_table
from perinatal.booklets.rules import follow_up_due
from perinatal.booklets.services import booklet_cancel, booklet_hand_out, booklet_replace
from perinatal.pathways.tests.factories import register

from .factories import born

pytestmark = pytest.mark.django_db

Q1_2025 = Period.months(date(2025, 1, 1), date(2025, 3, 1))
ANTWERP, LIMBURG, BRUSSELS = "2000", "3500", "1080"


def family(by, *, postcode: str, on: date):
    """A pregnancy in the area of `postcode`, registered a month before `on`."""
    return register(
        by,
        registered_on=on - timedelta(days=30),
        due_date=on + timedelta(days=90),
        postcode=postcode,
        municipality="Gemeente",
    )


def table(key: str, *, period: Period = Q1_2025, area: str | None = None, on=date(2025, 6, 1)):
    with translation.override("en"):
        return monitoring_table(key, period=period, area=area, on=on)


def as_dicts(found) -> list[dict]:
    keys = [column.key for column in found.columns]
    assert all(list(row) == keys for row in found.rows)  # a value for each column, in order
    return [dict(row) for row in found.rows]


def test_hand_outs_are_counted_per_month_region_channel_and_step(kg_nurse, midwife):
    for day in (date(2025, 1, 10), date(2025, 1, 20)):
        booklet_hand_out(by=kg_nurse, pregnancy=family(kg_nurse, postcode=ANTWERP, on=day), on=day)
    booklet_hand_out(
        by=midwife,
        pregnancy=family(kg_nurse, postcode=ANTWERP, on=date(2025, 2, 3)),
        on=date(2025, 2, 3),
    )
    after_birth = born(kg_nurse, on=date(2025, 2, 1), postcode=LIMBURG, municipality="Hasselt")
    booklet_hand_out(by=kg_nurse, pregnancy=after_birth, on=date(2025, 2, 12))
    booklet_hand_out(  # outside the period
        by=kg_nurse,
        pregnancy=family(kg_nurse, postcode=ANTWERP, on=date(2025, 4, 2)),
        on=date(2025, 4, 2),
    )

    rows = as_dicts(table("handouts"))

    assert [
        (r["month"], r["region"], r["channel"], r["step"], r["in_turn"], r["handouts"])
        for r in rows
    ] == [
        (date(2025, 1, 1), "Antwerp", Channel.KG_START_CONVERSATION.label, 1, "yes", 2),
        (date(2025, 2, 1), "Antwerp", Channel.INDEPENDENT_MIDWIFE.label, 2, "yes", 1),
        (date(2025, 2, 1), "Limburg", Channel.KG_FIRST_CONTACT_AFTER_BIRTH.label, 3, "yes", 1),
    ]
    assert all(r["replacements"] == 0 for r in rows)


def test_a_replacement_is_counted_apart_and_a_booklet_recorded_in_error_not_at_all(kg_nurse):
    lost = booklet_hand_out(
        by=kg_nurse,
        pregnancy=family(kg_nurse, postcode=BRUSSELS, on=date(2025, 1, 5)),
        on=date(2025, 1, 5),
    )
    booklet_replace(by=kg_nurse, booklet=lost, reason=VoidReason.LOST, on=date(2025, 3, 4))
    wrong = booklet_hand_out(
        by=kg_nurse,
        pregnancy=family(kg_nurse, postcode=BRUSSELS, on=date(2025, 1, 6)),
        on=date(2025, 1, 6),
    )
    booklet_cancel(by=kg_nurse, booklet=wrong, note="wrong family")

    regions = as_dicts(table("regions"))

    brussels = regions[0]
    assert brussels["region"] == "Brussels-Capital Region"
    assert (brussels["handouts"], brussels["replacements"], brussels["step_1"]) == (1, 1, 1)
    assert regions[-1]["region"] == "Total" and regions[-1]["handouts"] == 1
    march = [r for r in as_dicts(table("handouts")) if r["month"] == date(2025, 3, 1)]
    assert [(r["handouts"], r["replacements"], r["in_turn"]) for r in march] == [(0, 1, "no")]


def test_regions_follow_the_fixed_report_order_with_names_in_the_users_language(kg_nurse):
    day = date(2025, 2, 10)
    for postcode in ("1000", "8000", "3500", "2000", "9000", "3000"):
        booklet_hand_out(by=kg_nurse, pregnancy=family(kg_nurse, postcode=postcode, on=day), on=day)

    assert table("regions").values("region") == [
        "Antwerp",
        "Limburg",
        "East Flanders",
        "Flemish Brabant",
        "West Flanders",
        "Brussels-Capital Region",
        "Total",
    ]
    with translation.override("fr"):
        french = monitoring_table("regions", period=Q1_2025, area=None, on=date(2025, 6, 1))
    assert french.values("region")[:2] == ["Anvers", "Limbourg"]


def test_the_region_filter_keeps_one_region(kg_nurse):
    day = date(2025, 2, 10)
    for postcode in (ANTWERP, LIMBURG, LIMBURG):
        booklet_hand_out(by=kg_nurse, pregnancy=family(kg_nurse, postcode=postcode, on=day), on=day)

    rows = as_dicts(table("regions", area="70000"))

    assert [(r["region"], r["handouts"]) for r in rows] == [("Limburg", 2), ("Total", 2)]


def test_double_hand_outs_prevented_and_refused_channels_per_region_and_month(
    kg_nurse, midwife, hospital_user
):
    pregnancy = family(kg_nurse, postcode=ANTWERP, on=date(2025, 1, 10))
    booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=date(2025, 1, 10))
    for day in (date(2025, 2, 1), date(2025, 2, 20)):
        with pytest.raises(BookletRefused) as refused:
            booklet_hand_out(by=midwife, pregnancy=pregnancy, on=day)
        assert refused.value.code == RefusalCode.ALREADY_HAS_BOOKLET
    newborn = born(kg_nurse, on=date(2025, 2, 1), postcode=LIMBURG, municipality="Hasselt")
    with pytest.raises(BookletRefused) as refused:
        booklet_hand_out(by=hospital_user, pregnancy=newborn, on=date(2025, 2, 2))
    assert refused.value.code == RefusalCode.CHANNEL_NOT_ALLOWED

    rows = as_dicts(table("prevented"))

    assert [
        (r["month"], r["region"], r["channel"], r["already_has_booklet"], r["channel_not_allowed"])
        for r in rows
    ] == [
        (date(2025, 2, 1), "Antwerp", Channel.INDEPENDENT_MIDWIFE.label, 2, 0),
        (date(2025, 2, 1), "Limburg", Channel.MATERNITY_CLINIC.label, 0, 1),
    ]


@pytest.mark.parametrize(("days", "counted"), [(41, False), (42, True), (43, True)])
def test_a_child_is_without_a_kindboekje_from_the_42nd_day_after_birth(kg_nurse, days, counted):
    on = date(2025, 3, 20)
    born(kg_nurse, on=on - timedelta(days=days))

    rows = as_dicts(table("without_booklet", on=on))

    assert sum(r["without"] for r in rows) == (1 if counted else 0)
    assert follow_up_due(on - timedelta(days=days), on=on) is counted


def test_a_child_with_a_kindboekje_or_a_parents_order_is_not_without_one(kg_nurse, parent):
    on = date(2025, 6, 1)
    twins = born(kg_nurse, on=date(2025, 1, 10), children=2)
    booklet_hand_out(by=kg_nurse, pregnancy=twins, on=date(2025, 1, 20), child_order=1)
    ordered = born(kg_nurse, on=date(2025, 1, 12))
    BookletOrder.objects.create(
        kind=OrderKind.PARENT,
        ordered_by=parent,
        kindboekjes=1,
        subject_hash="a" * 64,
        pregnancy=ordered,
        area_nis="04000",
        ship_to_name="X",
        ship_to_street="Straat 1",
        ship_to_postcode="1080",
        ship_to_municipality="Molenbeek",
    )
    born(kg_nurse, on=date(2025, 2, 3), postcode=ANTWERP, municipality="Antwerpen")

    rows = as_dicts(table("without_booklet", on=on))

    assert [(r["month"], r["region"], r["children"], r["without"]) for r in rows] == [
        (date(2025, 1, 1), "Brussels-Capital Region", 3, 1),  # twin 2
        (date(2025, 2, 1), "Antwerp", 1, 1),
    ]


def practice_order(midwife, *, kindboekjes: int, status: str, area_nis: str, **dates):
    order = BookletOrder.objects.create(
        kind=OrderKind.MIDWIFE,
        status=status,
        ordered_by=midwife,
        organisation=midwife.organisation,
        practice_name="Praktijk",
        independent_midwife=True,
        kindboekjes=kindboekjes,
        area_nis=area_nis,
        ship_to_name="Praktijk",
        ship_to_street="Straat 1",
        ship_to_postcode="2000",
        ship_to_municipality="Antwerpen",
        **dates,
    )
    BookletOrder.objects.filter(pk=order.pk).update(
        submitted_at=timezone.make_aware(datetime(2025, 1, 15, 10))
    )
    return order


def test_orders_per_practice_and_region_by_status(midwife, parent):
    delivered_at = timezone.make_aware(datetime(2025, 2, 1, 12))
    practice_order(
        midwife,
        kindboekjes=10,
        status=OrderStatus.DELIVERED,
        area_nis="10000",
        delivered_at=delivered_at,
    )
    practice_order(midwife, kindboekjes=30, status=OrderStatus.REFUSED, area_nis="10000")
    practice_order(midwife, kindboekjes=5, status=OrderStatus.SUBMITTED, area_nis="10000")

    rows = as_dicts(table("orders"))

    assert len(rows) == 1
    row = rows[0]
    assert (row["region"], row["practice"], row["orders"]) == (
        "Antwerp",
        str(midwife.organisation),
        3,
    )
    assert (row["delivered"], row["refused"], row["submitted"], row["approved"]) == (1, 1, 1, 0)
    assert (row["kindboekjes_ordered"], row["kindboekjes_delivered"]) == (45, 10)


def test_booklets_delivered_per_hand_out_recorded_per_region_and_practice(kg_nurse, midwife):
    practice_order(
        midwife,
        kindboekjes=10,
        status=OrderStatus.DELIVERED,
        area_nis="10000",
        delivered_at=timezone.make_aware(datetime(2025, 1, 20, 12)),
    )
    for day in (date(2025, 2, 1), date(2025, 2, 2), date(2025, 2, 3), date(2025, 2, 4)):
        booklet_hand_out(by=midwife, pregnancy=family(kg_nurse, postcode=ANTWERP, on=day), on=day)
    booklet_hand_out(  # Kind en Gezin's hand-outs are not the practice's
        by=kg_nurse,
        pregnancy=family(kg_nurse, postcode=ANTWERP, on=date(2025, 2, 5)),
        on=date(2025, 2, 5),
    )

    regions = as_dicts(table("ratio_regions"))
    practices = as_dicts(table("ratio_practices"))

    assert [(r["region"], r["delivered"], r["handouts"], r["ratio"]) for r in regions] == [
        ("Antwerp", 10, 4, 2.5),
        ("Total", 10, 4, 2.5),
    ]
    assert [(r["practice"], r["delivered"], r["handouts"], r["ratio"]) for r in practices] == [
        (str(midwife.organisation), 10, 4, 2.5)
    ]


def test_a_practice_without_hand_outs_has_no_ratio(midwife):
    practice_order(
        midwife,
        kindboekjes=10,
        status=OrderStatus.DELIVERED,
        area_nis="10000",
        delivered_at=timezone.make_aware(datetime(2025, 1, 20, 12)),
    )
    assert as_dicts(table("ratio_practices"))[0]["ratio"] is None


@pytest.mark.parametrize("key", ["handouts", "regions", "prevented", "without_booklet"])
def test_the_tables_count_in_the_database_not_row_by_row(kg_nurse, midwife, key):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            table(key)
        return len(captured)

    def add_family(day: date) -> None:
        pregnancy = born(kg_nurse, on=day)
        booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=day + timedelta(days=1))
        with pytest.raises(BookletRefused):
            booklet_hand_out(by=midwife, pregnancy=pregnancy, on=day + timedelta(days=2))

    add_family(date(2025, 1, 5))
    few = queries()
    for day in range(6, 16):
        add_family(date(2025, 2, day))
    assert queries() == few


def test_parents_orders_are_counted_together_after_the_practices(midwife, parent):
    practice_order(midwife, kindboekjes=4, status=OrderStatus.APPROVED, area_nis="70000")
    for serial in (1, 2):
        order = BookletOrder.objects.create(
            kind=OrderKind.PARENT,
            ordered_by=parent,
            kindboekjes=1,
            subject_hash=f"{serial}" * 64,
            area_nis="70000",
            ship_to_name="X",
            ship_to_street="Straat 1",
            ship_to_postcode="3500",
            ship_to_municipality="Hasselt",
        )
        BookletOrder.objects.filter(pk=order.pk).update(
            submitted_at=timezone.make_aware(datetime(2025, 2, serial, 9))
        )

    rows = as_dicts(table("orders"))

    assert [(r["region"], r["practice"], r["orders"], r["kindboekjes_ordered"]) for r in rows] == [
        ("Limburg", str(midwife.organisation), 1, 4),
        ("Limburg", "Parents (own order)", 2, 2),
    ]
    assert as_dicts(table("orders", area="10000")) == []
