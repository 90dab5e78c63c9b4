"""Publication mode: counts about 1 to 4 families are withheld, averages and shares
need 20 families, a lone withheld part of a sum takes the smallest other part with it, and a
trend's change against a withheld figure is withheld too. Cases as a table."""

from decimal import Decimal

import pytest

from django.utils import translation

from ..reports.publication import cell_text, for_publication, reason_text
from .test_publication_samples import figures, sample_report, sample_trend, seed_report

ANT, LIM, OVL, VBR, WVL, BRU = "10000", "70000", "40000", "20001", "30000", "04000"


def areas(**families: int) -> dict:
    """Areas by their initial (A, L, O, V, W, B) with that many families, two dossiers and
    sixty hours each."""
    codes = {"A": ANT, "L": LIM, "O": OVL, "V": VBR, "W": WVL, "B": BRU}
    return {
        codes[k]: figures(2 * n, n, Decimal(60 * n), 1 if n else 0) for k, n in families.items()
    }


def withheld(published: dict) -> dict[str, str]:
    """Row → reason, for the rows whose counts are withheld."""
    return {
        entry["cell"].removesuffix(".families"): entry["reason"]
        for entry in published["suppressed"]
        if entry["cell"].endswith(".families")
    }


CHANGE_FIGURES = (
    "dossiers",
    "families",
    "hours",
    "avg_hours_per_dossier",
    "avg_hours_per_family",
    "services",
    "hours_change_pct",
)
BIG = {"A": 50, "L": 45, "O": 40, "V": 30, "W": 60, "B": 25}


@pytest.mark.parametrize(
    ("families", "public", "expected"),
    [
        pytest.param(BIG, 0, {}, id="every-area-large-enough"),
        pytest.param(
            {**BIG, "L": 3},
            0,
            {f"provinces.{LIM}": "few_families", f"provinces.{BRU}": "complementary"},
            id="a-small-area-takes-the-smallest-other-with-it",
        ),
        pytest.param(
            {**BIG, "L": 4},
            0,
            {f"provinces.{LIM}": "few_families", f"provinces.{BRU}": "complementary"},
            id="four-families-are-withheld",
        ),
        pytest.param({**BIG, "L": 5}, 0, {}, id="five-families-are-published"),
        pytest.param(
            {**BIG, "L": 3, "B": 0},
            0,
            {f"provinces.{LIM}": "few_families", f"provinces.{VBR}": "complementary"},
            id="an-empty-area-is-no-complement",
        ),
        pytest.param(
            {**BIG, "L": 3, "B": 2},
            0,
            {f"provinces.{LIM}": "few_families", f"provinces.{BRU}": "few_families"},
            id="two-small-areas-protect-each-other",
        ),
        pytest.param(
            {**BIG, "L": 3, "O": 25},
            0,
            {f"provinces.{LIM}": "few_families", f"provinces.{OVL}": "complementary"},
            id="a-tie-goes-to-the-first-in-the-fixed-order",
        ),
        pytest.param(
            {"L": 3},
            0,
            {
                f"provinces.{LIM}": "few_families",
                "total": "few_families",
                "sectors.private": "few_families",
            },
            id="a-small-total-is-withheld-itself",
        ),
        pytest.param(
            {"L": 3, "V": 0},
            3,
            {
                f"provinces.{LIM}": "few_families",
                "total": "few_families",
                "sectors.public": "few_families",
            },
            id="an-empty-sector-stays-published-beside-a-small-total",
        ),
        pytest.param(
            BIG,
            3,
            {"sectors.public": "few_families", "sectors.private": "complementary"},
            id="a-small-sector-takes-the-other-sector-with-it",
        ),
        pytest.param(BIG, 23, {}, id="seed-004-public-services-helped-23-families"),
    ],
)
def test_withheld_rows(families, public, expected):
    report = sample_report(
        areas=areas(**families), public=figures(public * 2, public, Decimal(60 * public), 1)
    )
    assert withheld(for_publication(report)) == expected


def test_a_withheld_row_has_every_figure_null():
    published = for_publication(sample_report(areas=areas(**{**BIG, "L": 3})))
    for row in (published["provinces"][1], published["provinces"][5]):
        assert [row[k] for k in list(row)[2:]] == [None] * 6
    assert published["provinces"][0]["dossiers"] == 100
    assert published["total"]["dossiers"] == 2 * (sum(BIG.values()) - 45 + 3)


def test_the_rest_of_family_care_about_few_families_withholds_all_family_care():
    report = sample_report(areas=areas(**BIG), family_care=figures(9000, 252, "0"))
    published = for_publication(report)
    assert published["family_care"] == {
        "dossiers": None,
        "families": None,
        "newborn_dossier_share_pct": None,
    }
    assert withheld(published) == {"family_care": "complementary"}
    assert published["total"]["families"] == 250


@pytest.mark.parametrize(
    ("families", "shown"), [(19, False), (20, True), (0, False)], ids=["19", "20", "none"]
)
def test_averages_need_twenty_families(families, shown):
    published = for_publication(sample_report(areas=areas(**{**BIG, "A": families})))
    antwerpen = published["provinces"][0]
    assert antwerpen["families"] == families
    assert (antwerpen["avg_hours_per_dossier"] is not None) is shown
    assert (antwerpen["avg_hours_per_family"] == Decimal(60)) is shown
    reasons = {e["cell"]: e["reason"] for e in published["suppressed"]}
    listed = f"provinces.{ANT}.avg_hours_per_family" in reasons
    assert listed is (families == 19)  # without dossiers there was no average to withhold


@pytest.mark.parametrize(("families", "shown"), [(19, False), (20, True)])
def test_the_newborn_share_needs_twenty_newborn_families(families, shown):
    published = for_publication(sample_report(areas=areas(A=families)))
    share = published["family_care"]["newborn_dossier_share_pct"]
    assert (share == Decimal("10.00")) is shown


def test_a_withheld_total_withholds_the_newborn_share():
    published = for_publication(sample_report(areas=areas(L=3)))
    assert published["family_care"]["dossiers"] == 60
    assert published["family_care"]["newborn_dossier_share_pct"] is None
    assert {"cell": "family_care.newborn_dossier_share_pct", "reason": "complementary"} in (
        published["suppressed"]
    )


def test_the_published_2016_figures_need_nothing_withheld():
    report = seed_report(2016)
    published = for_publication(report)
    assert published.pop("suppressed") == []
    assert published.pop("publication") == {"min_families": 5, "min_for_average": 20}
    assert published == report


def test_the_report_itself_is_not_changed():
    report = sample_report(areas=areas(**{**BIG, "L": 3}))
    for_publication(report)
    assert report["provinces"][1]["families"] == 3


def test_the_limits_are_settings(settings):
    settings.MONITORING_MIN_FAMILIES = 10
    settings.MONITORING_MIN_FOR_AVERAGE = 40
    published = for_publication(sample_report(areas=areas(**{**BIG, "L": 7})))
    assert withheld(published) == {
        f"provinces.{LIM}": "few_families",
        f"provinces.{BRU}": "complementary",
    }
    assert published["provinces"][3]["avg_hours_per_family"] is None  # V: 30 families
    assert published["provinces"][0]["avg_hours_per_family"] == Decimal(60)  # A: 50 families
    assert published["publication"] == {"min_families": 10, "min_for_average": 40}


def test_a_change_against_a_withheld_year_before_the_trend_is_withheld():
    before = sample_report(2015, areas(**{**BIG, "L": 3}))
    trend = sample_trend([sample_report(2016, areas(**BIG))], before=before)
    published = for_publication(trend)
    change = published["years"][0]["change"]
    assert change["provinces"][0]["hours"] == Decimal(0)
    for index in (1, 5):  # Limburg (3 families in 2015) and its complement Brussels
        assert [change["provinces"][index][k] for k in CHANGE_FIGURES] == [None] * 7
    assert {
        "cell": f"years.2016.change.provinces.{LIM}.families",
        "reason": "change_of_withheld",
    } in (published["suppressed"])
    assert published["years"][0]["provinces"][1]["families"] == 45


def test_a_withheld_year_in_a_trend_withholds_its_change_and_the_next():
    reports = [
        sample_report(2014, areas(**BIG)),
        sample_report(2015, areas(**{**BIG, "L": 3})),
        sample_report(2016, areas(**BIG)),
    ]
    published = for_publication(sample_trend(reports))
    first, second, third = published["years"]
    assert first["change"] is None
    assert second["provinces"][1]["hours"] is None
    assert second["change"]["provinces"][1]["hours"] is None
    assert third["change"]["provinces"][1]["hours_change_pct"] is None
    assert third["change"]["provinces"][0]["hours"] == Decimal(0)
    assert third["change"]["total"]["hours"] is not None
    cells = {e["cell"] for e in published["suppressed"]}
    assert f"years.2015.provinces.{LIM}.hours" in cells
    assert f"years.2016.change.provinces.{BRU}.dossiers" in cells


def test_a_change_of_an_average_needs_twenty_families_in_both_years():
    reports = [
        sample_report(2015, areas(**{**BIG, "A": 19})),
        sample_report(2016, areas(**{**BIG, "A": 20})),
    ]
    change = for_publication(sample_trend(reports))["years"][1]["change"]["provinces"][0]
    assert change["avg_hours_per_family"] is None
    assert change["families"] == 1


def test_withheld_cells_in_words():
    with translation.override("en"):
        assert cell_text(f"years.2016.provinces.{LIM}.hours") == "2016 · Limburg · Hours"
        assert cell_text("sectors.public.families") == "Public services · Families"
        assert (
            cell_text("years.2016.change.total.dossiers")
            == "2016 · Total · Dossiers, change against the year before"
        )
        assert reason_text("few_families", {"min_families": 5}) == "about fewer than 5 families"
    with translation.override("fr"):
        assert cell_text(f"provinces.{LIM}.hours").startswith("Limbourg · ")


def test_data_already_in_publication_mode_is_refused():
    published = for_publication(sample_report(areas=areas(**BIG)))
    with pytest.raises(ValueError, match="already in publication mode"):
        for_publication(published)
