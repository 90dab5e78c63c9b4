"""The Kindboekje's figures on the dashboard (booklets/figures.py), on data made
through the Kindboekje's services: hand-outs per step and channel, per region (the fixed
order) or month, replacements apart and booklets recorded in error nowhere; double hand-outs
prevented; children without a Kindboekje six weeks after birth; all counted in the database."""

from datetime import date, timedelta

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from perinatal.booklets.constants import RefusalCode, VoidReason
from perinatal.booklets.errors import BookletRefused
from perinatal.booklets.services import booklet_cancel, booklet_hand_out, booklet_replace
from perinatal.booklets.tests.factories import born
from perinatal.monitoring.figures import BY_MONTH, BY_REGION, module_table
from perinatal.pathways.tests.factories import register

pytestmark = pytest.mark.django_db

ANTWERP, LIMBURG, BRUSSELS, NAMUR = "2000", "3500", "1080", "5000"
REGION_KEYS = ["10000", "70000", "40000", "20001", "30000", "04000"]


def family(by, *, postcode: str, on: date):
    return register(
        by,
        registered_on=on - timedelta(days=30),
        due_date=on + timedelta(days=90),
        postcode=postcode,
        municipality="Gemeente",
    )


def table(key: str, by: str = BY_REGION, *, year: int = 2025, on: date = date(2026, 1, 31)):
    with translation.override("en"):
        return module_table(key, year=year, by=by, on=on)


def rows(found) -> dict[str, dict]:
    return {row["key"]: row for row in found.all_rows}


@pytest.fixture
def hand_outs(kg_nurse, midwife):
    """2025: two in Antwerp in January (step 1), one by a midwife in Antwerp in February
    (step 2), one after birth in Limburg in February (step 3), a replacement in March in
    Antwerp, a hand-out recorded in error; and one in January 2026 (another year)."""
    for day in (date(2025, 1, 10), date(2025, 1, 20)):
        booklet = booklet_hand_out(
            by=kg_nurse, pregnancy=family(kg_nurse, postcode=ANTWERP, on=day), on=day
        )
    booklet_replace(by=kg_nurse, booklet=booklet, reason=VoidReason.LOST, on=date(2025, 3, 4))
    booklet_hand_out(
        by=midwife,
        pregnancy=family(kg_nurse, postcode=ANTWERP, on=date(2025, 2, 3)),
        on=date(2025, 2, 3),
    )
    after_birth = born(kg_nurse, on=date(2025, 2, 1), postcode=LIMBURG, municipality="Hasselt")
    booklet_hand_out(by=kg_nurse, pregnancy=after_birth, on=date(2025, 2, 12))
    wrong = booklet_hand_out(
        by=kg_nurse,
        pregnancy=family(kg_nurse, postcode=BRUSSELS, on=date(2025, 5, 5)),
        on=date(2025, 5, 5),
    )
    booklet_cancel(by=kg_nurse, booklet=wrong, note="wrong family")
    booklet_hand_out(
        by=kg_nurse,
        pregnancy=family(kg_nurse, postcode=ANTWERP, on=date(2026, 1, 5)),
        on=date(2026, 1, 5),
    )


FIGURES = ("handouts", "step_1", "step_2", "step_3", "no_step", "replacements")


@pytest.mark.usefixtures("hand_outs")
def test_hand_outs_per_step_and_region_in_the_fixed_order():
    found = table("kindboekje_steps")
    assert [row["key"] for row in found.rows] == REGION_KEYS
    assert [row["label"] for row in found.rows][:2] == ["Antwerp", "Limburg"]
    by_key = rows(found)
    assert [by_key["10000"][k] for k in FIGURES] == [3, 2, 1, 0, 0, 1]
    assert [by_key["70000"][k] for k in FIGURES] == [1, 0, 0, 1, 0, 0]
    assert [by_key["04000"][k] for k in FIGURES] == [0, 0, 0, 0, 0, 0]  # recorded in error
    assert [by_key["total"][k] for k in FIGURES] == [4, 2, 1, 1, 0, 1]


@pytest.mark.usefixtures("hand_outs")
def test_hand_outs_per_step_and_month():
    found = table("kindboekje_steps", BY_MONTH)
    assert [row["key"] for row in found.rows] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert found.rows[0]["label"] == "January 2025"
    by_key = rows(found)
    assert [by_key["2025-01"][k] for k in FIGURES] == [2, 2, 0, 0, 0, 0]
    assert [by_key["2025-02"][k] for k in FIGURES] == [2, 0, 1, 1, 0, 0]
    assert [by_key["2025-03"][k] for k in FIGURES] == [0, 0, 0, 0, 0, 1]
    assert by_key["total"]["handouts"] == 4
    assert rows(table("kindboekje_steps", BY_MONTH, year=2026))["total"]["handouts"] == 1


@pytest.mark.usefixtures("hand_outs")
def test_hand_outs_per_channel_add_up_to_the_hand_outs():
    by_key = rows(table("kindboekje_channels"))
    assert by_key["10000"]["channel_kg_start_conversation"] == 2
    assert by_key["10000"]["channel_independent_midwife"] == 1
    assert by_key["70000"]["channel_kg_first_contact_after_birth"] == 1
    for row in by_key.values():
        channels = sum(value for key, value in row.items() if key.startswith("channel_"))
        assert channels == row["handouts"]


def test_double_hand_outs_prevented_and_refused_channels(kg_nurse, midwife, hospital_user):
    pregnancy = family(kg_nurse, postcode=ANTWERP, on=date(2025, 1, 10))
    booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=date(2025, 1, 10))
    for day in (date(2025, 2, 1), date(2025, 2, 20)):
        with pytest.raises(BookletRefused) as refused:
            booklet_hand_out(by=midwife, pregnancy=pregnancy, on=day)
        assert refused.value.code == RefusalCode.ALREADY_HAS_BOOKLET
    newborn = born(kg_nurse, on=date(2025, 2, 1), postcode=LIMBURG, municipality="Hasselt")
    with pytest.raises(BookletRefused):
        booklet_hand_out(by=hospital_user, pregnancy=newborn, on=date(2025, 2, 2))

    by_region = rows(table("kindboekje_prevented"))
    assert (
        by_region["10000"]["already_has_booklet"],
        by_region["10000"]["channel_not_allowed"],
    ) == (2, 0)
    assert (
        by_region["70000"]["already_has_booklet"],
        by_region["70000"]["channel_not_allowed"],
    ) == (0, 1)
    assert by_region["total"]["already_has_booklet"] == 2
    by_month = rows(table("kindboekje_prevented", BY_MONTH))
    assert by_month["2025-02"]["already_has_booklet"] == 2
    assert by_month["2025-01"]["already_has_booklet"] == 0


def test_children_without_a_kindboekje_six_weeks_after_birth(kg_nurse):
    on = date(2025, 3, 20)
    covered = born(kg_nurse, on=date(2025, 1, 10), postcode=ANTWERP, municipality="Antwerpen")
    booklet_hand_out(by=kg_nurse, pregnancy=covered, on=date(2025, 1, 20))
    born(kg_nurse, on=date(2025, 1, 12), postcode=ANTWERP, municipality="Antwerpen", children=2)
    born(
        kg_nurse, on=on - timedelta(days=41), postcode=ANTWERP, municipality="Antwerpen"
    )  # not due

    found = rows(table("kindboekje_without", on=on))
    assert (found["10000"]["children"], found["10000"]["without"]) == (3, 2)
    assert str(found["10000"]["without_pct"]) == "66.7"
    assert found["70000"]["without_pct"] is None  # no child: no share
    assert (found["total"]["children"], found["total"]["without"]) == (3, 2)


def test_families_outside_flanders_and_brussels_come_together_after_the_six(kg_nurse):
    day = date(2025, 4, 2)
    booklet_hand_out(by=kg_nurse, pregnancy=family(kg_nurse, postcode=NAMUR, on=day), on=day)
    found = table("kindboekje_steps")
    assert [row["key"] for row in found.rows] == [*REGION_KEYS, "other"]
    assert found.rows[-1]["label"] == "Other areas"
    assert (found.rows[-1]["handouts"], found.total["handouts"]) == (1, 1)


@pytest.mark.parametrize(
    "key", ["kindboekje_steps", "kindboekje_channels", "kindboekje_prevented", "kindboekje_without"]
)
@pytest.mark.parametrize("by", [BY_REGION, BY_MONTH])
def test_counted_in_the_database_in_two_grouped_statements(kg_nurse, midwife, key, by):
    def statements() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            table(key, by)
        return [query["sql"].upper() for query in captured]

    def add_family(day: date) -> None:
        pregnancy = born(kg_nurse, on=day, postcode=ANTWERP, municipality="Antwerpen")
        booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=day + timedelta(days=1))
        with pytest.raises(BookletRefused):
            booklet_hand_out(by=midwife, pregnancy=pregnancy, on=day + timedelta(days=2))

    add_family(date(2025, 1, 5))
    few = statements()
    for day in range(6, 16):
        add_family(date(2025, 2, day))
    many = statements()
    assert len(many) == len(few) == 2
    assert "GROUP BY" in many[0] and "COUNT(" in many[0]  # the rows per region or month
    assert "COUNT(" in many[1] and "GROUP BY" not in many[1]  # the total
