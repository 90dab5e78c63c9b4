"""Every validation error of a submission file, with its line, column, value and reason; a
file with any error stores nothing."""

import pytest

from django.utils import translation

from ..models import Dossier, Submission
from ..submissions.errors import InvalidSubmission
from ..submissions.file import COLUMNS
from .builders import at, csv_bytes, import_rows, read, row

# (case, rows of the file after a first good row, style, expected (line, column, value, code))
ROW_ERRORS = [
    ("year not a number", {"work_year": "16"}, "comma", (3, "work_year", "16", "bad_year")),
    ("year missing", {"work_year": ""}, "comma", (3, "work_year", "", "required")),
    (
        "year in the future",
        {"work_year": "2018"},
        "comma",
        (3, "work_year", "2018", "year_out_of_range"),
    ),
    ("year too old", {"work_year": "1999"}, "comma", (3, "work_year", "1999", "year_out_of_range")),
    ("service id missing", {"service_id": ""}, "comma", (3, "service_id", "", "required")),
    (
        "service id with spaces",
        {"service_id": "GZ 1"},
        "comma",
        (3, "service_id", "GZ 1", "bad_service_id"),
    ),
    ("service name missing", {"service_name": ""}, "comma", (3, "service_name", "", "required")),
    (
        "service name too long",
        {"service_name": "x" * 201},
        "comma",
        (3, "service_name", "x" * 100 + "…", "too_long"),
    ),
    (
        "service renamed within the file",
        {"service_name": "Other"},
        "comma",
        (3, "service_name", "Other", "inconsistent_service"),
    ),
    (
        "service changes sector within the file",
        {"service_sector": "public"},
        "comma",
        (3, "service_sector", "public", "inconsistent_service"),
    ),
    (
        "sector unknown",
        {"service_sector": "semi"},
        "comma",
        (3, "service_sector", "semi", "bad_sector"),
    ),
    ("dossier id missing", {"dossier_id": ""}, "comma", (3, "dossier_id", "", "required")),
    (
        "dossier id too long",
        {"dossier_id": "d" * 41},
        "comma",
        (3, "dossier_id", "d" * 41, "too_long"),
    ),
    (
        "dossier twice for a service and year",
        {"dossier_id": "FIRST"},
        "comma",
        (3, "dossier_id", "FIRST", "duplicate_dossier"),
    ),
    ("family id missing", {"family_id": " "}, "comma", (3, "family_id", "", "required")),
    (
        "unknown province",
        {"province": "Gelderland"},
        "comma",
        (3, "province", "Gelderland", "unknown_province"),
    ),
    (
        "Walloon province",
        {"province": "Luik"},
        "comma",
        (3, "province", "Luik", "unknown_province"),
    ),
    ("newborn unreadable", {"newborn": "maybe"}, "comma", (3, "newborn", "maybe", "bad_newborn")),
    ("hours missing", {"hours": ""}, "comma", (3, "hours", "", "required")),
    ("hours not a number", {"hours": "ten"}, "comma", (3, "hours", "ten", "bad_number")),
    ("hours in exponent notation", {"hours": "1e3"}, "comma", (3, "hours", "1e3", "bad_number")),
    ("negative hours", {"hours": "-2.5"}, "comma", (3, "hours", "-2.5", "negative_hours")),
    ("absurd hours", {"hours": "2920.01"}, "comma", (3, "hours", "2920.01", "absurd_hours")),
    (
        "too many decimals",
        {"hours": "1.23456"},
        "comma",
        (3, "hours", "1.23456", "too_many_decimals"),
    ),
    (
        "decimal comma in a comma file",
        {"hours": "1,5"},
        "comma",
        (3, "hours", "1,5", "mixed_decimal"),
    ),
    (
        "decimal point in a semicolon file",
        {"hours": "1.5"},
        "semicolon-raw",
        (3, "hours", "1.5", "mixed_decimal"),
    ),
    (
        "thousands separator in a semicolon file",
        {"hours": "1.000,5"},
        "semicolon-raw",
        (3, "hours", "1.000,5", "mixed_decimal"),
    ),
]


def _file(values: dict[str, str], style: str) -> bytes:
    first = row(dossier_id="FIRST", hours="1")
    second = row(**values)
    if style == "semicolon-raw":
        # the hours of the bad row exactly as given (the builder would convert them)
        data = csv_bytes([first, {**second, "hours": "@@"}], style="semicolon")
        return data.replace(b"@@", values["hours"].encode())
    return csv_bytes([first, second], style=style)


@pytest.mark.parametrize(
    ("case", "values", "style", "expected"), ROW_ERRORS, ids=[case[0] for case in ROW_ERRORS]
)
def test_each_row_error_is_reported_with_line_column_value_and_reason(
    case, values, style, expected
):
    found = read(_file(values, style))
    assert [(e.line, e.column, e.value, e.code) for e in found.errors] == [expected]
    with translation.override("en"):
        assert found.errors[0].reason  # a message for every code
    assert found.rows == {}


@pytest.mark.parametrize(
    ("case", "header", "expected"),
    [
        (
            "missing column",
            [c for c in COLUMNS if c != "newborn"],
            [(1, "newborn", "", "missing_column")],
        ),
        ("unknown column", [*COLUMNS, "remarks"], [(1, "remarks", "remarks", "unknown_column")]),
        ("column twice", [*COLUMNS, "hours"], [(1, "hours", "hours", "duplicate_column")]),
    ],
)
def test_missing_unknown_and_duplicate_columns_are_reported(case, header, expected):
    data = csv_bytes([row()], columns=tuple(header))
    found = read(data)
    assert [(e.line, e.column, e.value, e.code) for e in found.errors] == expected


def test_a_line_with_the_wrong_number_of_fields_is_reported():
    data = csv_bytes([row()]) + b"2016,GZ-001,Dienst\r\n"
    found = read(data)
    assert [(e.line, e.code, e.params) for e in found.errors] == [
        (3, "field_count", {"found": 3, "expected": 9})
    ]


def test_a_file_neither_utf8_nor_windows_1252_is_refused_with_the_line():
    data = csv_bytes([row()]) + b"2016,GZ-001,\x81\r\n"
    found = read(data)
    assert [(e.line, e.code) for e in found.errors] == [(3, "encoding")]


@pytest.mark.parametrize("data", [b"", b"\r\n", ",".join(COLUMNS).encode()])
def test_an_empty_file_is_refused(data):
    assert [e.code for e in read(data).errors] == ["empty_file"]


def test_a_header_mixing_separators_is_refused():
    data = b"work_year;service_id,service_name\r\n"
    assert [e.code for e in read(data).errors] == ["mixed_delimiters"]


def test_every_error_of_a_file_is_listed_not_only_the_first():
    rows = [row(hours="-1"), row(province="Mars"), row(newborn="?", hours="x")]
    found = read(csv_bytes(rows))
    assert [(e.line, e.code) for e in found.errors] == [
        (2, "negative_hours"),
        (3, "unknown_province"),
        (4, "bad_newborn"),
        (4, "bad_number"),
    ]


def test_the_reason_is_translated():
    found = read(csv_bytes([row(hours="-1")]))
    with translation.override("en"):
        assert found.errors[0].reason == "Hours cannot be negative."


@pytest.mark.django_db
def test_a_file_with_any_error_stores_nothing():
    rows = [row(dossier_id=f"OK{n}") for n in range(50)] + [row(province="Mars")]
    with pytest.raises(InvalidSubmission) as refused:
        import_rows(rows, now=at("2017-03-01 10:00"))
    assert [e.code for e in refused.value.errors] == ["unknown_province"]
    assert not Submission.objects.exists()
    assert not Dossier.objects.exists()


@pytest.mark.django_db
def test_a_service_and_year_in_two_files_of_one_import_is_refused():
    from ..services import submissions_import

    first = read(csv_bytes([row(dossier_id="A")]), name="one.csv")
    second = read(csv_bytes([row(dossier_id="B")]), name="two.csv")
    with pytest.raises(InvalidSubmission) as refused:
        submissions_import(files=[first, second], by=None, now=at("2017-03-01 10:00"))
    assert [(e.file, e.code) for e in refused.value.errors] == [("two.csv", "service_in_two_files")]
    assert not Submission.objects.exists()
