"""Publication mode on random reports and trends (Hypothesis): nothing about 1 to 4 families
is published, no withheld figure can be recomputed by subtraction from a published total and
the other published parts, averages need 20 families, and a trend publishes a change only
between two figures that are published in their own year."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ..constants import REPORT_AREA_CODES
from ..reports.publication import for_publication
from ..selectors import Figures
from .test_publication_samples import sample_report, sample_trend

ADDITIVE = ("dossiers", "families", "hours")
MIN_FAMILIES, MIN_FOR_AVERAGE = 5, 20

# Mostly small groups, so that the rules have work to do.
family_counts = st.one_of(st.integers(0, 7), st.integers(0, 60), st.integers(0, 3000))


@st.composite
def area_figures(draw) -> Figures:
    families = draw(family_counts)
    if not families:
        return Figures(0, 0, Decimal(0), 0)
    dossiers = families + draw(st.integers(0, 5))
    hours = Decimal(draw(st.integers(0, 100 * 60 * dossiers))) / 100
    return Figures(dossiers, families, hours, draw(st.integers(1, 4)))


@st.composite
def reports(draw, year: int = 2016) -> dict:
    areas = {nis: draw(area_figures()) for nis in REPORT_AREA_CODES}
    dossiers = sum(a.dossiers for a in areas.values())
    families = sum(a.families for a in areas.values())
    hours = sum((a.hours for a in areas.values()), Decimal(0))
    public_families = draw(st.integers(0, families))
    private_families = families - public_families
    if not public_families:
        public = Figures(0, 0, Decimal(0), 0)
    else:
        low, high = public_families, dossiers - private_families
        public_dossiers = high if not private_families else draw(st.integers(low, high))
        cents = int(hours * 100)
        public_hours = cents if not private_families else draw(st.integers(0, cents))
        public = Figures(public_dossiers, public_families, Decimal(public_hours) / 100, 1)
    rest = draw(family_counts)
    care = Figures(dossiers + rest, families + rest, Decimal(0), 0)
    return sample_report(year, areas, public=public, family_care=care)


def parts_and_total(report: dict) -> list[tuple[list[dict], dict]]:
    return [
        (report["provinces"], report["total"]),
        (list(report["sectors"].values()), report["total"]),
    ]


def rows(report: dict) -> list[dict]:
    return [*report["provinces"], report["total"], *report["sectors"].values()]


@settings(max_examples=300, deadline=None)
@given(reports())
def test_nothing_about_fewer_than_five_families_is_published(report):
    published = for_publication(report)
    for raw, out in zip(
        [*rows(report), report["family_care"]],
        [*rows(published), published["family_care"]],
        strict=True,
    ):
        if 0 < raw["families"] < MIN_FAMILIES:
            assert all(out[k] is None for k in out if k not in ("province", "nis"))
        else:
            assert out["families"] in (None, raw["families"])
    care, total = published["family_care"], published["total"]
    if care["families"] is not None and total["families"] is not None:
        rest = care["families"] - total["families"]
        assert rest == 0 or rest >= MIN_FAMILIES  # the rest of family care is no small group


@settings(max_examples=300, deadline=None)
@given(reports())
def test_no_withheld_figure_can_be_recomputed_from_the_totals(report):
    published = for_publication(report)
    for (raw_parts, _), (parts, total) in zip(
        parts_and_total(report), parts_and_total(published), strict=True
    ):
        for key in ADDITIVE:
            if total[key] is None:
                continue
            hidden = [i for i, part in enumerate(parts) if part[key] is None]
            assert len(hidden) != 1, (key, hidden)  # never one unknown beside a known total
            for i in hidden:
                recomputed = total[key] - sum(p[key] for p in parts if p[key] is not None)
                if key != "hours":  # a complement has families and dossiers, maybe no hours
                    assert recomputed != raw_parts[i][key]
    if published["total"]["dossiers"] is None:
        assert published["family_care"]["newborn_dossier_share_pct"] is None


@settings(max_examples=300, deadline=None)
@given(reports())
def test_averages_are_shown_over_twenty_families_of_a_published_row(report):
    published = for_publication(report)
    for raw, out in zip(rows(report), rows(published), strict=True):
        for key in ("avg_hours_per_dossier", "avg_hours_per_family"):
            if out.get(key) is not None:
                assert raw["families"] >= MIN_FOR_AVERAGE
                assert out[key] == raw[key]
                assert out["hours"] is not None and out["dossiers"] is not None
    if published["family_care"]["newborn_dossier_share_pct"] is not None:
        assert report["total"]["families"] >= MIN_FOR_AVERAGE
        assert published["family_care"]["dossiers"] is not None


@st.composite
def trends(draw) -> tuple[dict, list[dict]]:
    before = draw(reports(2013))
    years = [draw(reports(year)) for year in (2014, 2015, 2016)]
    return before, years


@settings(max_examples=150, deadline=None)
@given(trends())
def test_a_trend_publishes_a_change_only_between_two_published_figures(drawn):
    before, years = drawn
    published = for_publication(sample_trend(years, before=before))
    alone = [for_publication(report) for report in (before, *years)]
    for index, year in enumerate(published["years"]):
        earlier, now = alone[index], alone[index + 1]
        assert {k: v for k, v in year.items() if k != "change"} == {
            k: v for k, v in now.items() if k not in ("publication", "suppressed")
        }
        change = year["change"]
        pairs = [*zip(change["provinces"], now["provinces"], earlier["provinces"], strict=True)]
        for row, now_row, earlier_row in [
            *pairs,
            (change["total"], now["total"], earlier["total"]),
        ]:
            for key, value in row.items():
                if key in ("province", "nis") or value is None:
                    continue
                figure = "hours" if key == "hours_change_pct" else key
                assert now_row[figure] is not None and earlier_row[figure] is not None, key
