"""A download that is large or slow is made by the real task worker: the page sends the person
to the job's page (303), the worker renders the same file the request would have, and only
that person (or an administrator) downloads it, until the job is pruned with its file. Small
downloads are still sent at once."""

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation

from perinatal.accounts.constants import Role
from perinatal.jobs.constants import JobStatus
from perinatal.jobs.housekeeping import prune_finished
from perinatal.jobs.models import Job
from perinatal.jobs.testing import run_pending_tasks

from ..downloads.kind import REPORT_FILE
from ..downloads.storage import folder
from ..reports.kraamzorg import kraamzorg_report
from ..reports.outputs import chart_history, render
from ..reports.publication import for_publication
from .dashboard_support import seed_two_years

# The worker claims each task in a transaction of its own: the data must be committed.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path, audit_flushable):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def analyst_client(client_for, analyst):
    seed_two_years()
    return client_for(analyst)


def report_url(fmt: str, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse("monitoring:dashboard_report", args=[fmt])


def file_url(job: Job, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse("monitoring:report_file", args=[job.pk])


def body(response) -> bytes:
    content = b"".join(response.streaming_content)
    response.close()
    return content


def ask_in_background(client, fmt: str, lang: str = "en", **query) -> Job:
    response = client.get(report_url(fmt, lang), query)
    assert response.status_code == 303
    job = Job.objects.get()
    with translation.override(lang):
        assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    return job


def test_a_small_download_is_sent_at_once_and_starts_no_job(analyst_client):
    response = analyst_client.get(report_url("xlsx"), {"year": "2016"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kraamzorg-2016.xlsx"'
    assert not Job.objects.exists()


def test_the_pdf_with_charts_is_drawn_by_the_worker_and_its_person_gets_the_same_bytes(
    analyst_client, analyst
):
    job = ask_in_background(analyst_client, "pdf", year="2016", publication="1")
    assert (job.kind, job.status, job.started_by) == (REPORT_FILE, JobStatus.QUEUED, analyst)
    assert job.params["language"] == "en"

    page = analyst_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Kraamzorg report (kraamzorg-2016-publication.pdf)" in page
    assert 'data-finished="false"' in page  # the page follows the job (jobs/job.js)
    assert file_url(job) not in page

    assert run_pending_tasks() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["name"] == "kraamzorg-2016-publication.pdf"
    assert job.result["content_type"] == "application/pdf"

    page = analyst_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert f'href="{file_url(job)}"' in page  # "See the result" leads to the download
    assert 'data-finished="true"' in page

    response = analyst_client.get(file_url(job))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="kraamzorg-2016-publication.pdf"'
    )
    assert response["Cache-Control"] == "no-store"
    content = body(response)
    with translation.override("en"):
        inline = render(
            for_publication(kraamzorg_report(2016)), "pdf", charts=chart_history(publication=True)
        )
    assert content == inline  # reportlab's invariant mode: the same bytes
    assert job.result["size"] == len(content)
    assert content.count(b"/Subtype /Image") >= 3


def test_the_file_is_the_same_as_the_one_sent_at_once(analyst_client, settings):
    """A CSV over the cells threshold: the worker's bytes are those of the request's."""
    at_once = analyst_client.get(report_url("csv"), {"year": "2016", "publication": "1"})
    assert at_once.status_code == 200
    settings.REPORTS_BACKGROUND_CSV_CELLS = 10
    job = ask_in_background(analyst_client, "csv", year="2016", publication="1")
    run_pending_tasks()
    response = analyst_client.get(file_url(job))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == at_once["Content-Disposition"]
    assert body(response) == at_once.content


def test_a_module_table_over_the_threshold_goes_to_the_worker_too(analyst_client, settings):
    with translation.override("en"):
        url = reverse("monitoring:dashboard_module_csv", args=["kindboekje_steps"])
    at_once = analyst_client.get(url, {"year": "2016", "by": "month"})
    assert at_once.status_code == 200
    settings.REPORTS_BACKGROUND_CSV_CELLS = 10
    response = analyst_client.get(url, {"year": "2016", "by": "month"})
    assert response.status_code == 303
    job = Job.objects.get()
    run_pending_tasks()
    downloaded = analyst_client.get(file_url(job))
    assert (
        downloaded["Content-Disposition"]
        == 'attachment; filename="kindboekje_steps-2016-month.csv"'
    )
    assert body(downloaded) == at_once.content


def test_the_worker_writes_in_the_language_of_the_request(analyst_client, settings):
    settings.REPORTS_BACKGROUND_CELLS = 0
    job = ask_in_background(analyst_client, "xlsx", "fr", year="2016")
    assert job.params["language"] == "fr"
    run_pending_tasks()
    workbook = load_workbook(io.BytesIO(body(analyst_client.get(file_url(job, "fr")))))
    values = [v for r in workbook["2016"].iter_rows(values_only=True) for v in r if v]
    assert "Flandre orientale" in values


def test_only_the_person_who_asked_or_an_administrator_downloads_the_file(
    analyst_client, client_for, persona, kg_nurse, admin_user
):
    job = ask_in_background(analyst_client, "pdf", year="2016")
    run_pending_tasks()
    other_analyst = persona(Role.ANALYST, username="analyst-2")
    assert client_for(other_analyst).get(file_url(job)).status_code == 404
    assert client_for(other_analyst).get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert client_for(kg_nurse).get(file_url(job)).status_code == 404
    admin = client_for(admin_user).get(file_url(job))
    assert admin.status_code == 200
    assert body(admin).startswith(b"%PDF")


def test_a_person_who_is_no_longer_an_analyst_no_longer_gets_the_file(analyst_client, analyst):
    job = ask_in_background(analyst_client, "pdf", year="2016")
    run_pending_tasks()
    type(analyst).objects.filter(pk=analyst.pk).update(is_active=False)
    assert analyst_client.get(file_url(job)).status_code in (302, 404)


def test_not_ready_yet_is_not_found(analyst_client):
    job = ask_in_background(analyst_client, "pdf", year="2016")
    assert analyst_client.get(file_url(job)).status_code == 404


def test_a_pruned_job_takes_its_file_with_it(analyst_client):
    old = ask_in_background(analyst_client, "pdf", year="2016")
    run_pending_tasks()
    recent = ask_in_background_again(analyst_client)
    run_pending_tasks()
    assert default_storage.exists(folder(old.pk)) and default_storage.exists(folder(recent.pk))
    keep = timedelta(days=django_settings.JOBS_RESULT_RETENTION_DAYS)
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - keep - timedelta(hours=1))

    prune_finished.call()

    assert not Job.objects.filter(pk=old.pk).exists()
    assert not default_storage.exists(folder(old.pk))  # the file and its folder
    assert analyst_client.get(file_url(old)).status_code == 404
    assert default_storage.exists(folder(recent.pk))  # within the retention: kept
    assert analyst_client.get(file_url(recent)).status_code == 200


def ask_in_background_again(client) -> Job:
    response = client.get(report_url("pdf"), {"year": "2015"})
    assert response.status_code == 303
    return Job.objects.order_by("-created_at").first()


def test_a_year_without_figures_is_not_found_before_any_job(analyst_client):
    response = analyst_client.get(report_url("pdf"), {"year": "2016", "as_of": "2016-01-01"})
    assert response.status_code == 404
    assert not Job.objects.exists()
