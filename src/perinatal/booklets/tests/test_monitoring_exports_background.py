"""A monitoring table over the cells threshold is written by the real task worker: the page
sends the person to the job's page, and the file they download holds what the request would
have sent (the XLSX's sheet and the CSV's bytes), in their language; nobody else gets it."""

import io
import zipfile
from datetime import date

import pytest

from django.urls import reverse
from django.utils import translation

from perinatal.booklets.services import booklet_hand_out
from perinatal.jobs.models import Job
from perinatal.jobs.testing import run_pending_tasks
from perinatal.pathways.tests.factories import register

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path, audit_flushable):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def handed_out(kg_nurse):
    for day, postcode in ((date(2025, 1, 10), "2000"), (date(2025, 2, 11), "1080")):
        pregnancy = register(
            kg_nurse, registered_on=date(2024, 12, 1), due_date=date(2025, 5, 1), postcode=postcode
        )
        booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=day)


def download(client, fmt: str, language: str = "en"):
    with translation.override(language):
        url = reverse("booklets:monitoring")
    query = {"from_month": "2025-01", "to_month": "2025-03", "format": fmt, "table": "handouts"}
    return client.get(url, query)


def sheets(content: bytes) -> dict[str, bytes]:
    """The workbook's parts but its dates of creation and change (docProps/core.xml)."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {name: archive.read(name) for name in archive.namelist() if "core.xml" not in name}


def body(response) -> bytes:
    content = b"".join(response.streaming_content)
    response.close()
    return content


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_large_table_is_written_by_the_worker_as_the_request_would(
    client_for, order_desk, handed_out, settings, fmt
):
    client = client_for(order_desk)  # holds the monitoring permission, not an analyst
    at_once = download(client, fmt, "fr")
    assert at_once.status_code == 200

    settings.REPORTS_BACKGROUND_CELLS = settings.REPORTS_BACKGROUND_CSV_CELLS = 10  # 3 × 7 cells
    response = download(client, fmt, "fr")
    assert response.status_code == 303
    job = Job.objects.get()
    with translation.override("fr"):
        assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert run_pending_tasks() == 1

    page = client.get(response["Location"]).content.decode()
    with translation.override("fr"):
        file_url = reverse("monitoring:report_file", args=[job.pk])
    assert f'href="{file_url}"' in page
    assert "Tableau de suivi du Kindboekje" in page

    downloaded = client.get(file_url)
    assert downloaded.status_code == 200
    assert downloaded["Content-Disposition"] == at_once["Content-Disposition"]
    assert downloaded["Content-Type"] == at_once["Content-Type"]
    content = body(downloaded)
    if fmt == "csv":
        assert content == at_once.content
        assert b"Anvers" in content
    else:
        assert sheets(content) == sheets(at_once.content)


def test_nobody_else_downloads_the_table(
    client_for, order_desk, analyst, kg_nurse, handed_out, settings
):
    settings.REPORTS_BACKGROUND_CELLS = 10
    download(client_for(order_desk), "xlsx")
    run_pending_tasks()
    job = Job.objects.get()
    url = reverse("monitoring:report_file", args=[job.pk])
    assert client_for(analyst).get(url).status_code == 404
    assert client_for(kg_nurse).get(url).status_code == 404
    assert client_for(order_desk).get(url).status_code == 200


def test_a_small_table_is_still_sent_at_once(client_for, analyst, handed_out):
    response = download(client_for(analyst), "xlsx")
    assert response.status_code == 200
    assert not Job.objects.exists()
