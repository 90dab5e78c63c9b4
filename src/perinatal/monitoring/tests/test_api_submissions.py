"""Submissions through the API: the CSV as the body or as multipart files, 202 with the
import's address; the worker imports it and the import answers what was stored, or the
refusal (`invalid_submission` with every error and nothing stored, `not_your_service`,
`year_final`) as the upload used to; the history of one's own service; every other persona
refused; an import is only its author's."""

import uuid

import pytest
import time_machine

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from perinatal.jobs.testing import run_pending_tasks
from perinatal.pathways.tests.api_support import api_for

from ..models import RejectedSubmission, Submission
from ..services import work_year_close, work_year_reopen
from ..submissions.errors import FILE_ERROR_MESSAGES
from .builders import at, csv_bytes, row
from .upload_support import IMPORTS, START, service_user

pytestmark = IMPORTS
URL = "/api/v1/monitoring/submissions"
REFUSED = ["kg_nurse", "midwife", "hospital_user", "provider", "editor", "parent"]


def post_csv(api, data: bytes, name: str = ""):
    """The CSV as the request body."""
    url = f"{URL}?name={name}" if name else URL
    headers = {"Authorization": f"Bearer {api.token}", "Accept-Language": api.language}
    with translation.override(translation.get_language()):
        return api.client.post(url, data=data, content_type="text/csv", headers=headers)


def post_files(api, *files: tuple[str, bytes]):
    """The CSV files as multipart `file` fields."""
    headers = {"Authorization": f"Bearer {api.token}", "Accept-Language": api.language}
    body = {"file": [SimpleUploadedFile(name, data, "text/csv") for name, data in files]}
    with translation.override(translation.get_language()):
        return api.client.post(URL, data=body, headers=headers)


def imported(api, response) -> dict:
    """The import an upload started, once the worker has run it."""
    assert response.status_code == 202, response.content
    started = response.json()
    assert response["Location"] == started["status_url"]
    assert started["status_url"] == f"/api/v1/monitoring/imports/{started['job_id']}"
    assert started["status"] == "queued"
    run_pending_tasks()
    answer = api.get(started["status_url"])
    assert answer.status_code == 200, answer.content
    return answer.json()


def stored(api, response) -> list[dict]:
    found = imported(api, response)
    assert (found["status"], found["refusal"], found["failure"]) == ("succeeded", None, None)
    return found["stored"]


def refusal(api, response) -> dict:
    found = imported(api, response)
    assert (found["status"], found["stored"], found["failure"]) == ("failed", None, None)
    return found["refusal"]


@pytest.fixture
def service_api(kraamzorg_user):
    return api_for(service_user(kraamzorg_user))


@pytest.mark.parametrize(
    ("style", "encoding"), [("comma", "utf-8"), ("semicolon", "cp1252"), ("semicolon", "utf-8-sig")]
)
def test_the_csv_as_the_body_is_stored(service_api, kraamzorg_user, style, encoding):
    data = csv_bytes([row(hours="2.5"), row(newborn="nee")], style=style, encoding=encoding)
    with time_machine.travel(START, tick=False):
        response = post_csv(service_api, data, name="werkjaar-2016.csv")
        assert not Submission.objects.exists()  # not in the request: the worker imports
        found = imported(service_api, response)
    submission = Submission.objects.get()
    assert found["status"] == "succeeded"
    assert (found["done"], found["total"]) == (2, 2)
    assert found["stored"] == [
        {
            "service_id": "GZ-001",
            "year": 2016,
            "version": 1,
            "dossiers": 2,
            "newborn_dossiers": 1,
            "late": False,
            "replaced_version": None,
        }
    ]
    assert submission.source_file == "werkjaar-2016.csv"
    assert submission.uploaded_by == kraamzorg_user


def test_multipart_files_are_one_import_and_a_later_one_replaces_and_is_late(analyst):
    api = api_for(analyst)
    first = csv_bytes([row(service_id="GZ-A", service_name="A")])
    second = csv_bytes([row(service_id="GZ-B", service_name="B")], style="semicolon")
    with time_machine.travel(START, tick=False):
        found = stored(api, post_files(api, ("a.csv", first), ("b.csv", second)))
    assert [(s["service_id"], s["version"]) for s in found] == [("GZ-A", 1), ("GZ-B", 1)]
    with time_machine.travel(at("2017-05-03 12:00"), tick=False):
        again = post_files(api, ("a2.csv", csv_bytes([row(service_id="GZ-A", service_name="A")])))
        found = stored(api, again)
    assert found[0] == {
        "service_id": "GZ-A",
        "year": 2016,
        "version": 2,
        "dossiers": 1,
        "newborn_dossiers": 1,
        "late": True,
        "replaced_version": 1,
    }


def test_errors_are_the_imports_refusal_with_every_error_and_nothing_is_stored(service_api):
    rows = [
        row(),
        row(hours="12,5"),
        row(province="Lille"),
        row(dossier_id="D-1"),
        row(dossier_id="D-1"),
    ]
    with time_machine.travel(START, tick=False):
        found = refusal(service_api, post_csv(service_api, csv_bytes(rows), name="fout.csv"))
    assert (found["code"], found["error_count"]) == ("invalid_submission", 3)
    assert found["message"] == "3 error(s): nothing was stored."
    with translation.override("en"):
        expected = [
            {
                "file": "fout.csv",
                "line": 3,
                "column": "hours",
                "value": "12,5",
                "code": "mixed_decimal",
                "message": str(FILE_ERROR_MESSAGES["mixed_decimal"])
                % {"expected": ".", "found": ","},
            },
            {
                "file": "fout.csv",
                "line": 4,
                "column": "province",
                "value": "Lille",
                "code": "unknown_province",
                "message": str(FILE_ERROR_MESSAGES["unknown_province"]),
            },
            {
                "file": "fout.csv",
                "line": 6,
                "column": "dossier_id",
                "value": "D-1",
                "code": "duplicate_dossier",
                "message": str(FILE_ERROR_MESSAGES["duplicate_dossier"])
                % {"dossier": "D-1", "line": 5},
            },
        ]
    assert found["errors"] == expected
    assert not Submission.objects.exists()
    rejection = RejectedSubmission.objects.get()
    assert (rejection.channel, rejection.code, rejection.error_count) == (
        "api",
        "invalid_submission",
        3,
    )


def test_another_service_is_refused(service_api):
    with time_machine.travel(START, tick=False):
        found = refusal(service_api, post_csv(service_api, csv_bytes([row(service_id="GZ-777")])))
    assert found["code"] == "not_your_service"
    assert "GZ-777" in found["message"]
    assert not Submission.objects.exists()
    assert RejectedSubmission.objects.get().code == "not_your_service"


def test_a_final_year_is_refused_until_it_is_reopened(service_api, analyst):
    with time_machine.travel(START, tick=False):
        stored(service_api, post_csv(service_api, csv_bytes([row()])))
    work_year_close(year=2016, by=analyst, now=at("2017-05-15 10:00"))
    with time_machine.travel(at("2017-06-01 10:00"), tick=False):
        found = refusal(service_api, post_csv(service_api, csv_bytes([row(), row()])))
    assert found["code"] == "year_final"
    assert "2016" in found["message"]
    assert Submission.objects.count() == 1
    work_year_reopen(year=2016, by=analyst, reason="correctie", now=at("2017-06-02 10:00"))
    with time_machine.travel(at("2017-06-03 10:00"), tick=False):
        accepted = stored(service_api, post_csv(service_api, csv_bytes([row(), row()])))
    assert accepted[0]["late"] is True


@pytest.mark.parametrize("body", [b"", None])
def test_no_file_is_invalid_input(service_api, body):
    response = post_files(service_api) if body is None else post_csv(service_api, body)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert response.json()["errors"][0]["field"] == "file"


def test_a_file_that_is_not_a_csv_is_invalid_input(service_api):
    response = post_files(service_api, ("jaar.xlsx", csv_bytes([row()])))
    assert response.status_code == 422
    assert "jaar.xlsx" in response.json()["errors"][0]["message"]


def test_more_files_than_allowed_are_refused_before_anything_is_kept(service_api, settings):
    from ..forms import MAX_FILES

    files = [(f"f{n}.csv", csv_bytes([row()])) for n in range(MAX_FILES + 1)]
    response = post_files(service_api, *files)
    assert response.status_code == 422
    from ..imports.incoming import incoming_folders

    assert incoming_folders() == []


def test_history_shows_the_own_service_and_analysts_see_all_filtered_by_year(service_api, analyst):
    rows = [
        row(service_id="GZ-001"),
        row(service_id="GZ-002", service_name="Andere"),
        row(service_id="GZ-002", service_name="Andere", work_year="2015"),
    ]
    analyst_api = api_for(analyst)
    with time_machine.travel(START, tick=False):
        stored(analyst_api, post_csv(analyst_api, csv_bytes(rows)))
        stored(service_api, post_csv(service_api, csv_bytes([row(service_id="GZ-001")])))
    own = service_api.get("/monitoring/submissions").json()
    assert [(s["service_id"], s["year"], s["version"], s["current"]) for s in own["contents"]] == [
        ("GZ-001", 2016, 2, True),
        ("GZ-001", 2016, 1, False),
    ]
    assert own["total_items"] == 2
    everything = analyst_api.get("/monitoring/submissions?current=true").json()
    assert sorted((s["service_id"], s["year"]) for s in everything["contents"]) == [
        ("GZ-001", 2016),
        ("GZ-002", 2015),
        ("GZ-002", 2016),
    ]
    of_2015 = analyst_api.get("/monitoring/submissions?year=2015").json()["contents"]
    assert [(s["service_id"], s["year"]) for s in of_2015] == [("GZ-002", 2015)]
    paged = analyst_api.get("/monitoring/submissions?per_page=2&page=2").json()
    assert (paged["total_items"], paged["total_pages"], paged["size"]) == (4, 2, 2)


def test_an_import_is_only_its_authors(service_api, analyst, persona):
    from perinatal.accounts.constants import Role

    with time_machine.travel(START, tick=False):
        response = post_csv(service_api, csv_bytes([row()]))
    url = response.json()["status_url"]
    assert service_api.get(url).json()["status"] == "queued"
    other = api_for(service_user(persona(Role.KRAAMZORG_SERVICE, username="other"), "GZ-2"))
    assert other.get(url).status_code == 404
    assert api_for(analyst).get(url).status_code == 404
    unknown = service_api.get(f"/api/v1/monitoring/imports/{uuid.uuid4()}")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "not_found")


@pytest.mark.parametrize("who", REFUSED)
def test_other_personas_are_refused_403(request, who):
    api = api_for(request.getfixturevalue(who))
    with time_machine.travel(START, tick=False):
        assert post_csv(api, csv_bytes([row()])).status_code == 403
    assert api.get("/monitoring/submissions").status_code == 403
    assert api.get(f"/monitoring/imports/{uuid.uuid4()}").status_code == 403
    assert not Submission.objects.exists()
    from ..imports.incoming import incoming_folders

    assert incoming_folders() == []


def test_without_a_token_the_api_answers_401(client):
    assert client.get(URL).status_code == 401
    response = client.post(URL, data=csv_bytes([row()]), content_type="text/csv")
    assert response.status_code == 401
    assert not Submission.objects.exists()
