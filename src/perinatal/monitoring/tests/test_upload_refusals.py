"""A refused upload stores nothing and is kept: its import's page says why and leads to its
errors as a page (line, column, value, reason; 100 a page with the total) and as a CSV to fix;
another service's data and a final year are refused with their message; the attempt is
visible only to its author and to analysts."""

import csv
import io
import re
from html import unescape

import time_machine

from django.utils import translation

from ..models import RejectedSubmission, Submission
from ..services import work_year_close
from ..submissions.errors import FILE_ERROR_MESSAGES
from .builders import at, csv_bytes, row
from .upload_support import (
    IMPORTS,
    START,
    imported,
    job_of,
    service_user,
    upload,
    upload_and_import,
)

pytestmark = IMPORTS

# (a row's changes, the column, the value shown, the code): one error each.
WRONG_ROWS = [
    ({"hours": "abc"}, "hours", "abc", "bad_number"),
    ({"hours": "-2"}, "hours", "-2", "negative_hours"),
    ({"hours": "5000"}, "hours", "5000", "absurd_hours"),
    ({"province": "Paris"}, "province", "Paris", "unknown_province"),
    ({"newborn": "misschien"}, "newborn", "misschien", "bad_newborn"),
    ({"service_sector": "mixed"}, "service_sector", "mixed", "bad_sector"),
    ({"work_year": "16"}, "work_year", "16", "bad_year"),
    ({"family_id": ""}, "family_id", "", "required"),
]


def _error_rows(html: str) -> list[tuple[str, str, str, str, str]]:
    pattern = (
        r'<tr class="file-error" data-code="(\w+)">\s*<td class="error-line">(\d+)</td>\s*'
        r'<td class="error-column">([^<]*)</td>\s*<td class="error-value"><code>([^<]*)</code>'
        r'</td>\s*<td class="error-reason">([^<]*)</td>'
    )
    return [tuple(unescape(cell) for cell in found) for found in re.findall(pattern, html)]


def _refused_upload(client, *files, language="en"):
    location = upload_and_import(client, *files, language=language)
    assert re.search(r"/monitoring/submissions/rejected/[0-9a-f-]{36}/$", location)
    return location


def test_errors_are_listed_with_line_column_value_and_reason_and_nothing_is_stored(
    client_for, kraamzorg_user
):
    rows = [row()] + [row(**changes) for changes, *_rest in WRONG_ROWS]
    client = client_for(service_user(kraamzorg_user))
    with time_machine.travel(START, tick=False):
        location = _refused_upload(client, ("fouten.csv", csv_bytes(rows)))
        with translation.override("en"):
            page = client.get(location)
    assert page.status_code == 200
    found = _error_rows(page.content.decode())
    with translation.override("en"):
        expected = [
            (code, str(line), column, value, str(FILE_ERROR_MESSAGES[code]) % params)
            for line, (_changes, column, value, code) in enumerate(WRONG_ROWS, start=3)
            for params in [_params(code)]
        ]
    assert found == expected
    assert not Submission.objects.exists()
    rejection = RejectedSubmission.objects.get()
    assert (rejection.code, rejection.error_count, rejection.channel) == (
        "invalid_submission",
        len(WRONG_ROWS),
        "page",
    )
    assert (rejection.by, rejection.file_names) == (kraamzorg_user, ["fouten.csv"])


def test_the_import_page_says_how_many_errors_and_leads_to_them(client_for, kraamzorg_user):
    rows = [row(), row(province="Mars"), row(hours="x")]
    client = client_for(service_user(kraamzorg_user))
    with time_machine.travel(START, tick=False):
        response = upload(client, ("fouten.csv", csv_bytes(rows)), language="en")
        job = job_of(response)
        location = imported(client, response)
        page = client.get(response["Location"]).content.decode()
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.result == {"rejection": str(RejectedSubmission.objects.get().public_id)}
    assert "The files have 2 error(s): nothing was stored." in page
    assert f'href="{location}"' in page
    assert 'data-finished="true"' in page


def _params(code: str) -> dict:
    return {
        "absurd_hours": {"max": 2920},
        "too_many_decimals": {"places": 4},
    }.get(code, {})


def test_the_errors_download_as_a_csv_with_the_same_columns(client_for, kraamzorg_user):
    rows = [row(hours="=1+1"), row(province="Gent"), row(hours="1,5")]
    client = client_for(service_user(kraamzorg_user))
    with time_machine.travel(START, tick=False):
        location = _refused_upload(client, ("te-verbeteren.csv", csv_bytes(rows)))
        with translation.override("en"):
            page = client.get(location).content.decode()
            download = client.get(location + "errors.csv")
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Content-Disposition"].startswith('attachment; filename="submission-errors-')
    body = download.content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert table[0] == ["File", "Line", "Column", "Value", "Code", "Reason"]
    on_page = [
        (line, column, value, reason) for _code, line, column, value, reason in _error_rows(page)
    ]
    in_csv = [
        (line, column, value.removeprefix("'"), reason)
        for _f, line, column, value, _c, reason in table[1:]
    ]
    assert in_csv == on_page
    assert [r[0] for r in table[1:]] == ["te-verbeteren.csv"] * 3
    assert [r[4] for r in table[1:]] == ["bad_number", "unknown_province", "mixed_decimal"]
    assert table[1][3] == "'=1+1"  # a formula is kept as text for the spreadsheet


def test_a_huge_error_list_is_paged_with_its_total(client_for, kraamzorg_user):
    rows = [row(province="Nergens") for _ in range(250)]
    client = client_for(service_user(kraamzorg_user))
    with time_machine.travel(START, tick=False):
        location = _refused_upload(client, ("groot.csv", csv_bytes(rows)))
        first = client.get(location).content.decode()
        last = client.get(location + "?page=3").content.decode()
        download = client.get(location + "errors.csv").content.decode("utf-8-sig")
    assert [int(line) for _c, line, *_r in _error_rows(first)] == list(range(2, 102))
    assert [int(line) for _c, line, *_r in _error_rows(last)] == list(range(202, 252))
    assert "250" in first
    assert len(download.strip().splitlines()) == 251


def test_a_service_user_cannot_submit_for_another_service(client_for, kraamzorg_user):
    rows = [row(service_id="GZ-001"), row(service_id="GZ-999", service_name="Andere")]
    client = client_for(service_user(kraamzorg_user))
    with time_machine.travel(START, tick=False):
        location = _refused_upload(client, ("ander.csv", csv_bytes(rows)))
        with translation.override("en"):
            page = client.get(location).content.decode()
    assert 'data-code="not_your_service"' in page
    assert "You may only submit for your own service, not for GZ-999." in page
    assert not Submission.objects.exists()
    assert RejectedSubmission.objects.get().code == "not_your_service"


def test_a_final_year_is_refused_with_its_message(client_for, kraamzorg_user, analyst):
    user = service_user(kraamzorg_user)
    with time_machine.travel(START, tick=False):
        upload_and_import(client_for(user), ("v1.csv", csv_bytes([row()])))
    work_year_close(year=2016, by=analyst, now=at("2017-05-15 10:00"))
    with time_machine.travel(at("2017-06-01 10:00"), tick=False):
        client = client_for(user)
        location = _refused_upload(client, ("v2.csv", csv_bytes([row(), row()])))
        with translation.override("en"):
            page = client.get(location).content.decode()
    assert 'data-code="year_final"' in page
    assert "The work year 2016 is final" in page
    assert Submission.objects.count() == 1


def test_a_refused_attempt_is_only_visible_to_its_author_and_analysts(
    client_for, persona, kraamzorg_user, analyst
):
    from perinatal.accounts.constants import Role

    client = client_for(service_user(kraamzorg_user))
    with time_machine.travel(START, tick=False):
        location = _refused_upload(client, ("x.csv", csv_bytes([row(hours="x")])))
    other = service_user(persona(Role.KRAAMZORG_SERVICE, username="other-service"), "GZ-002")
    for url in (location, location + "errors.csv"):
        assert client_for(other).get(url).status_code == 404
        assert client_for(analyst).get(url).status_code == 200
        assert client_for(kraamzorg_user).get(url).status_code == 200
