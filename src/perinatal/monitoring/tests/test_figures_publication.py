"""Publication mode of the other modules' tables (monitoring/figures/publication.py): the
small-number rule of the kraamzorg report for tables of counts. A table of cases, then
properties on random tables: nothing from 1 to 4 is published, no sum of the table has
exactly one withheld figure (so none can be recomputed from the totals), a share is shown
only over 20 or more and never of a withheld figure."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from django.utils import translation

from ..figures import Column, Table, add_shares, publish_table, reason_text, year_table

COLUMNS = [
    Column("all", "All"),
    Column("a", "A", parts_of="all"),
    Column("b", "B", parts_of="all"),
    Column("c", "C", parts_of="all"),
    Column("a_pct", "A (%)", kind="share", share_of=("a", "all")),
]
REGIONS = ["10000", "70000", "40000", "20001", "30000", "04000"]


def make(parts: list[tuple[int, int, int]]) -> Table:
    """A table whose rows (one per region) have the parts a, b, c; `all` and the total row
    are their sums."""
    rows = [
        {"key": key, "label": key, "all": a + b + c, "a": a, "b": b, "c": c}
        for key, (a, b, c) in zip(REGIONS, parts, strict=False)
    ]
    total = {"key": "total", "label": "Total"}
    for name in ("all", "a", "b", "c"):
        total[name] = sum(row[name] for row in rows)
    add_shares(COLUMNS, [*rows, total])
    return year_table("t", "T", "", 2025, "region", COLUMNS, rows, total)


def withheld(table: Table) -> dict[str, str]:
    return {entry["cell"]: entry["reason"] for entry in table.suppressed}


@pytest.mark.parametrize(
    ("value", "published"), [(0, True), (1, False), (4, False), (5, True), (120, True)]
)
def test_a_count_from_1_to_4_is_withheld_0_and_5_are_published(value, published):
    table = publish_table(make([(value, 50, 50), (60, 50, 50), (70, 50, 50)]))
    assert (table.rows[0]["a"] is not None) is published
    if not published:
        assert withheld(table)["10000.a"] == "small_count"


def test_a_lone_withheld_part_takes_the_smallest_other_non_empty_part_with_it():
    # column a: 3 (withheld), 0, 9, 7 -> the complement is 7 (not the empty one)
    table = publish_table(make([(3, 50, 50), (0, 50, 50), (9, 50, 50), (7, 50, 50)]))
    found = withheld(table)
    assert found["10000.a"] == "small_count"
    assert found["20001.a"] == "complementary"
    assert "70000.a" not in found  # an empty part is not chosen while another exists
    # the rows' own sums (a + b + c = all) now each have one withheld part: b is withheld too
    assert found["10000.b"] == found["20001.b"] == "complementary"
    # which leaves column b with two withheld: nothing more there
    assert sum(cell.endswith(".b") for cell in found) == 2


def test_a_tie_goes_to_the_first_in_the_tables_order():
    table = publish_table(make([(2, 50, 50), (8, 50, 50), (8, 50, 50)]))
    found = withheld(table)
    assert found["70000.a"] == "complementary"
    assert "40000.a" not in found


def test_a_share_needs_20_in_its_base():
    table = publish_table(make([(6, 6, 6), (10, 10, 10)]))
    assert withheld(table) == {"10000.a_pct": "small_base"}  # over 18
    assert str(table.rows[1]["a_pct"]) == "33.3"  # over 30


def test_a_share_of_a_withheld_figure_is_withheld():
    table = publish_table(make([(2, 40, 40), (30, 40, 40), (30, 40, 40)]))
    found = withheld(table)
    assert found["10000.a_pct"] == "share_of_withheld"  # 2 of 82
    assert found["70000.a"] == "complementary"
    assert found["70000.a_pct"] == "share_of_withheld"
    assert table.rows[2]["a_pct"] is not None


def test_nothing_to_withhold_lists_nothing():
    table = publish_table(make([(10, 20, 30), (0, 0, 0), (50, 60, 70)]))
    assert table.suppressed == []
    assert table.publication == {"min_families": 5, "min_for_average": 20}
    assert table.rows[0]["a_pct"] is not None


def test_the_limits_are_the_settings(settings):
    settings.MONITORING_MIN_FAMILIES = 10
    table = publish_table(make([(7, 50, 50), (60, 50, 50), (70, 50, 50)]))
    assert withheld(table)["10000.a"] == "small_count"
    with translation.override("en"):
        assert reason_text("small_count", table.publication) == "a small number (1 to 9)"


def test_a_table_in_publication_mode_is_refused():
    with pytest.raises(ValueError):
        publish_table(publish_table(make([(1, 2, 3)])))


counts = st.one_of(st.just(0), st.integers(1, 6), st.integers(7, 60))
tables = st.lists(st.tuples(counts, counts, counts), min_size=1, max_size=6).map(make)


def sums(table: Table) -> list[tuple[list[tuple[int, str]], tuple[int, str]]]:
    rows = len(table.rows)
    found = [([(i, k) for i in range(rows)], (rows, k)) for k in ("all", "a", "b", "c")]
    found += [([(i, k) for k in ("a", "b", "c")], (i, "all")) for i in range(rows + 1)]
    return found


@settings(max_examples=300, deadline=None)
@given(tables)
def test_property_no_small_count_no_lone_withheld_figure_no_weak_share(table):
    published = publish_table(table)
    cells = withheld(published)
    everything = published.all_rows

    def is_withheld(index: int, key: str) -> bool:
        return f"{everything[index]['key']}.{key}" in cells

    for index, row in enumerate(everything):
        for key in ("all", "a", "b", "c"):
            value = row[key]
            assert value is None or not 0 < value < 5
            assert (value is None) == is_withheld(index, key)
        if row["a_pct"] is not None:
            assert row["all"] is not None and row["all"] >= 20 and row["a"] is not None
    for parts, whole in sums(published):
        assert sum(is_withheld(*cell) for cell in (*parts, whole)) != 1
