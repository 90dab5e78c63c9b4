"""In a real browser, with a real `perinatal worker` process beside the live server: an
analyst asks for the year's PDF (its charts make it a worker's job), lands on the job's page,
which follows the job until the worker is done, and downloads the file from it: the same bytes
as the PDF made in the request."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from django.utils import translation

from perinatal.jobs.constants import JobStatus
from perinatal.jobs.tests.workers import start_worker

from ..reports.kraamzorg import kraamzorg_report
from ..reports.outputs import chart_history, render
from .dashboard_support import seed_two_years
from .test_dashboard_browser import assert_accessible, log_in

# No django_db mark: the `page` fixture orders the transactional database around the
# audit guard (see conftest.audit_flushable).
pytestmark = [pytest.mark.browser]


def dutch(label) -> str:
    with translation.override("nl"):
        return str(label)


def test_analyst_asks_for_the_pdf_follows_the_job_and_downloads_the_file(
    page, analyst, settings, tmp_path, monkeypatch
):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = str(media)  # the live server reads the file …
    monkeypatch.setenv("MEDIA_ROOT", str(media))  # … where the worker process writes it
    seed_two_years()
    log_in(page, analyst)
    page.goto("/nl/monitoring/?year=2016")
    page.locator("a[data-format=pdf]").click()

    expect(page).to_have_url(re.compile(r"/nl/jobs/[0-9a-f-]{36}/$"))
    expect(page.locator("h1")).to_contain_text("kraamzorg-2016.pdf")
    expect(page.locator("[data-testid=job-status]")).to_have_text(dutch(JobStatus.QUEUED.label))
    assert_accessible(page)  # while it follows the job: no self-refreshing page (WCAG 2.2.1)

    worker = start_worker("browser-worker", log=tmp_path / "worker.log")
    try:
        result = page.locator("main a.button.primary")
        expect(result).to_be_visible(timeout=60_000)  # the page followed the job until done
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    expect(page.locator("[data-testid=job-status]")).to_have_text(dutch(JobStatus.SUCCEEDED.label))
    assert_accessible(page)

    with page.expect_download() as download_info:
        result.click()
    download = download_info.value
    assert download.suggested_filename == "kraamzorg-2016.pdf"
    content = Path(download.path()).read_bytes()
    with translation.override("nl"):
        expected = render(kraamzorg_report(2016), "pdf", charts=chart_history())
    assert content == expected
    assert content.count(b"/Subtype /Image") >= 3
