"""Both CSV styles in every accepted encoding read to the same rows; columns in any order;
provinces and the newborn mark as the offices write them."""

import pytest

from ..submissions.file import COLUMNS
from .builders import csv_bytes, read, row

ROWS = [
    row(dossier_id="A1", family_id="F1", province="Oost-Vlaanderen", hours="12.75"),
    row(dossier_id="A2", family_id="F2", province="Région de Bruxelles-Capitale", hours="3"),
]


@pytest.mark.parametrize("style", ["comma", "semicolon"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_both_styles_in_every_encoding_read_the_same_rows(style, encoding):
    rows = [dict(r) for r in ROWS]
    rows.append(row(dossier_id="A3", family_id="Fé3", province="Flandre orientale", hours="0.25"))
    found = read(csv_bytes(rows, style=style, encoding=encoding))
    assert found.errors == []
    assert found.delimiter == (";" if style == "semicolon" else ",")
    assert found.rows == {
        ("GZ-001", 2016): [
            ("A1", "F1", "40000", True, "12.75"),
            ("A2", "F2", "04000", True, "3"),
            ("A3", "Fé3", "40000", True, "0.25"),
        ]
    }


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "windows-1252")],
)
def test_the_encoding_is_detected(encoding, name):
    data = csv_bytes([row(family_id="Gezin-é")], encoding=encoding)
    assert read(data).encoding == name


def test_columns_come_in_any_order_and_any_case():
    columns = tuple(reversed(COLUMNS))
    data = csv_bytes([row(dossier_id="X1")], columns=columns)
    data = data.replace(b"hours", b" Hours ", 1)
    found = read(data)
    assert found.errors == []
    assert found.rows[("GZ-001", 2016)][0][0] == "X1"


@pytest.mark.parametrize(
    ("written", "nis"),
    [
        ("Antwerpen", "10000"),
        ("antwerpen", "10000"),
        ("Anvers", "10000"),
        ("10000", "10000"),
        ("Limburg", "70000"),
        ("Limbourg", "70000"),
        ("70000", "70000"),
        ("Oost-Vlaanderen", "40000"),
        ("OOST VLAANDEREN", "40000"),
        ("Flandre orientale", "40000"),
        ("40000", "40000"),
        ("Vlaams-Brabant", "20001"),
        ("Brabant flamand", "20001"),
        ("20001", "20001"),
        ("West-Vlaanderen", "30000"),
        ("Flandre occidentale", "30000"),
        ("30000", "30000"),
        ("Brussels Hoofdstedelijk Gewest", "04000"),
        ("Région de Bruxelles-Capitale", "04000"),
        ("REGION DE BRUXELLES CAPITALE", "04000"),
        ("Bruxelles", "04000"),
        ("04000", "04000"),
        ("4000", "04000"),
    ],
)
def test_province_as_dutch_or_french_name_or_nis_code_in_any_case_and_accents(written, nis):
    found = read(csv_bytes([row(province=written)]))
    assert found.errors == []
    assert found.rows[("GZ-001", 2016)][0][2] == nis


@pytest.mark.parametrize(
    ("written", "newborn"),
    [
        ("1", True),
        ("0", False),
        ("true", True),
        ("FALSE", False),
        ("ja", True),
        ("Nee", False),
        ("oui", True),
        ("non", False),
    ],
)
def test_newborn_mark_in_every_accepted_spelling(written, newborn):
    found = read(csv_bytes([row(newborn=written)]))
    assert found.errors == []
    assert found.rows[("GZ-001", 2016)][0][3] is newborn


def test_a_file_holds_several_services_and_years():
    rows = [
        row(service_id="GZ-001", work_year=2015),
        row(service_id="GZ-001", work_year=2016),
        row(service_id="GZ-002", service_name="Dienst B", service_sector="public"),
    ]
    found = read(csv_bytes(rows))
    assert found.errors == []
    assert sorted(found.rows) == [("GZ-001", 2015), ("GZ-001", 2016), ("GZ-002", 2016)]
    assert found.services["GZ-002"].sector == "public"


def test_empty_lines_are_skipped():
    data = csv_bytes([row(dossier_id="E1")]) + b"\r\n,,,,,,,,\r\n"
    found = read(data)
    assert found.errors == []
    assert found.row_count == 1
