"""The kraamzorg report as a file through the API: a small file at once (200); the PDF, whose
charts take long, through a job: 202 with its `status_url`, the job's state at
`GET /api/v1/jobs/{job_id}`, then the same bytes as the dashboard's from its `result_url`,
for the caller alone (or an administrator)."""

import pytest

from django.utils import translation

from perinatal.accounts.constants import Role
from perinatal.jobs.models import Job
from perinatal.jobs.testing import run_pending_tasks
from perinatal.pathways.tests.api_support import token_for

from ..reports.kraamzorg import kraamzorg_report, report_csv
from ..reports.outputs import chart_history, render
from .dashboard_support import seed_two_years

pytestmark = pytest.mark.django_db(transaction=True)
FILE = "/api/v1/monitoring/reports/kraamzorg/file"


@pytest.fixture(autouse=True)
def media(settings, tmp_path, audit_flushable):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def call(client, user, url: str, language: str = "en", **query):
    headers = {"Authorization": f"Bearer {token_for(user)}", "Accept-Language": language}
    with translation.override(translation.get_language()):
        return client.get(url, query, headers=headers)


def content(response) -> bytes:
    if response.streaming:
        data = b"".join(response.streaming_content)
        response.close()
        return data
    return response.content


def test_a_small_file_comes_at_once(client, analyst):
    seed_two_years()
    response = call(client, analyst, FILE, year=2016, format="csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kraamzorg-2016.csv"'
    with translation.override("en"):
        assert response.content == report_csv(kraamzorg_report(2016)).encode()
    assert not Job.objects.exists()


def test_the_pdf_is_made_by_a_worker_and_fetched_from_the_jobs_result_url(
    client, analyst, persona, admin_user
):
    seed_two_years()
    accepted = call(client, analyst, FILE, year=2016, format="pdf")
    assert accepted.status_code == 202
    job = Job.objects.get()
    assert accepted.json()["job_id"] == str(job.pk)
    assert accepted.json()["status"] == "queued"
    status_url = accepted.json()["status_url"]
    assert status_url == f"http://testserver/api/v1/jobs/{job.pk}"

    waiting = call(client, analyst, status_url).json()
    assert (waiting["status"], waiting["finished"], waiting["result_url"]) == (
        "queued",
        False,
        None,
    )
    assert waiting["kind"] == "report-file"
    not_ready = call(client, analyst, f"/api/v1/monitoring/reports/files/{job.pk}")
    assert not_ready.status_code == 409
    assert not_ready.json()["code"] == "not_ready"

    assert run_pending_tasks() == 1
    done = call(client, analyst, status_url).json()
    assert (done["status"], done["finished"]) == ("succeeded", True)
    assert done["result"]["name"] == "kraamzorg-2016.pdf"
    assert done["title"] == "Kraamzorg report (kraamzorg-2016.pdf)"
    result_url = done["result_url"]
    assert result_url == f"http://testserver/api/v1/monitoring/reports/files/{job.pk}"

    response = call(client, analyst, result_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    with translation.override("en"):
        expected = render(kraamzorg_report(2016), "pdf", charts=chart_history())
    assert content(response) == expected
    assert done["result"]["size"] == len(expected)

    other = persona(Role.ANALYST, username="analyst-2")
    assert call(client, other, status_url).status_code == 404
    assert call(client, other, result_url).status_code == 404
    assert call(client, admin_user, status_url).status_code == 200
    assert content(call(client, admin_user, result_url)) == expected


def test_the_job_answers_in_the_callers_language(client, analyst):
    seed_two_years()
    call(client, analyst, FILE, "fr", year=2016, format="pdf")
    job = Job.objects.get()
    assert job.params["language"] == "fr"
    answer = call(client, analyst, f"/api/v1/jobs/{job.pk}", "fr").json()
    assert answer["title"].startswith("Rapport")


@pytest.mark.parametrize("persona_name", ["kg_nurse", "kraamzorg_user"])
def test_only_analysts_and_administrators_ask_for_the_file(request, client, persona_name):
    seed_two_years()
    user = request.getfixturevalue(persona_name)
    response = call(client, user, FILE, year=2016, format="pdf")
    assert response.status_code in (401, 403)
    assert not Job.objects.exists()


def test_without_a_token_the_job_is_not_shown(client, analyst):
    seed_two_years()
    call(client, analyst, FILE, year=2016, format="pdf")
    job = Job.objects.get()
    assert client.get(f"/api/v1/jobs/{job.pk}").status_code == 401
    assert client.get(f"/api/v1/monitoring/reports/files/{job.pk}").status_code == 401


def test_a_year_without_figures_is_404_before_any_job(client, analyst):
    seed_two_years()
    response = call(client, analyst, FILE, year=2014, format="pdf")
    assert response.status_code == 404
    assert response.json()["code"] == "no_figures"
    assert not Job.objects.exists()
