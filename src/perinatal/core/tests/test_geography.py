import pytest

from perinatal.core.geography import AREAS, FLEMISH_REPORT_ORDER, area_by_code
from perinatal.core.municipalities import area_for_postcode


@pytest.mark.parametrize(
    ("postcode", "nis"),
    [
        ("1000", "04000"),
        ("1080", "04000"),
        ("1210", "04000"),
        ("1300", "20002"),
        ("1500", "20001"),
        ("1950", "20001"),
        ("2000", "10000"),
        ("2990", "10000"),
        ("3000", "20001"),
        ("3473", "20001"),
        ("3500", "70000"),
        ("3990", "70000"),
        ("4000", "60000"),
        ("5000", "90000"),
        ("6000", "50000"),
        ("6600", "80000"),
        ("7000", "50000"),
        ("8000", "30000"),
        ("8980", "30000"),
        ("9000", "40000"),
        ("9992", "40000"),
    ],
)
def test_postcode_gives_its_province_or_region(postcode, nis):
    assert area_for_postcode(postcode).nis == nis


@pytest.mark.parametrize(
    "postcode",
    # In bpost's ranges but no municipality's postcode (the official list): not a postcode.
    ["", "999", "0999", "10000", "1o00", None, "abcd", "1299", "1999", "3499", "9999"],
)
def test_what_is_not_a_belgian_postcode_has_no_area(postcode):
    assert area_for_postcode(postcode) is None


def test_report_order_is_the_five_flemish_provinces_then_brussels():
    assert [a.nis for a in FLEMISH_REPORT_ORDER] == [
        "10000",
        "70000",
        "40000",
        "20001",
        "30000",
        "04000",
    ]
    assert all(area_by_code(a.nis) is a for a in AREAS)


def test_area_name_follows_the_language():
    from django.utils import translation

    with translation.override("fr"):
        assert area_for_postcode("1000").name == "Région de Bruxelles-Capitale"
    with translation.override("nl"):
        assert area_for_postcode("1000").name == "Brussels Hoofdstedelijk Gewest"
