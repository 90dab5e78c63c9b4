"""The submissions page in a real browser, with a real task worker (`perinatal worker`, a
process of its own) beside the live server. A family-care service's user sends a file on a
slow connection and sees the progress bar fill, then the import's page, which follows the import by itself
until the import is done and leads to the stored submission; a file with errors leads to the
error list and its CSV. An analyst's file of several services reaches its result the same way.
Without JavaScript the same form still works. No Content Security Policy violation, no
serious accessibility problem."""

import re
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from perinatal.accounts.tests.factories import PASSWORD, current_totp_code
from perinatal.jobs.tests.workers import start_worker

from ..models import RejectedSubmission, Submission
from .builders import csv_bytes, row
from .upload_support import service_user

# No django_db mark: the `page` fixture orders the transactional database around the
# audit guard (see conftest.audit_flushable).
pytestmark = [pytest.mark.browser]
YEAR = str(date.today().year)  # the current work year: provisional, not late
JOB_PAGE = re.compile(r"/(nl|fr|en)/jobs/[0-9a-f-]{36}/$")


@pytest.fixture
def worker(live_server, settings, monkeypatch, tmp_path):
    """A real worker process on the test database and the live server's storage."""
    monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))
    process = start_worker("browser-worker", log=tmp_path / "worker.log")
    yield process
    process.terminate()  # SIGTERM: the running task (if any) finishes first
    try:
        process.wait(timeout=60)
    except Exception:
        process.kill()
        process.wait(timeout=10)
        raise


def log_in(tab, user, language: str = "nl") -> None:
    tab.goto(f"/{language}/account/login/")
    tab.fill("input[name=username]", user.username)
    tab.fill("input[name=password]", PASSWORD)
    tab.locator("main form[method=post] button[type=submit]").first.click()
    expect(tab).to_have_url(re.compile(rf"/{language}/account/two-factor/"))
    tab.fill("input[name=code]", current_totp_code(user.totp_device))
    tab.locator("main form[method=post] button[type=submit]").first.click()
    expect(tab).to_have_url(re.compile(rf"/{language}/work/$"))


def assert_accessible(tab) -> None:
    results = Axe().run(tab)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in serious]


def big_file(rows: int) -> bytes:
    return csv_bytes([row(work_year=YEAR, hours="7.25") for _ in range(rows)])


def follow_the_import(tab, by_hand: bool = False) -> None:
    """On the import's page: it follows the import until it is done (without JavaScript the
    person clicks "Refresh"), then leads on."""
    expect(tab).to_have_url(JOB_PAGE, timeout=60_000)
    result = tab.locator("main a.button.primary")
    if by_hand:
        for _ in range(90):
            if result.count():
                break
            tab.get_by_role("link", name="Vernieuwen").click()
            tab.wait_for_timeout(1000)
    expect(result).to_be_visible(timeout=90_000)
    result.click()


def test_upload_with_progress_then_errors_as_a_page_and_a_csv(page, kraamzorg_user, worker):
    user = service_user(kraamzorg_user)
    csp_violations: list[str] = []
    page.on(
        "console",
        lambda msg: (
            csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    log_in(page, user)
    page.goto("/nl/monitoring/submissions/")
    assert_accessible(page)

    # About 1.5 MB at 300 kB/s: the upload takes seconds, long enough to see the bar move.
    data = big_file(20_000)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 300_000},
    )
    page.set_input_files(
        "input[type=file][name=files]",
        files=[{"name": "werkjaar.csv", "mimeType": "text/csv", "buffer": data}],
    )
    with page.expect_request(
        lambda request: (
            request.method == "POST" and request.headers.get("x-requested-with") == "XMLHttpRequest"
        )
    ):
        page.locator("form.upload-form button[type=submit]").click()
    bar = page.locator("form.upload-form progress")
    expect(bar).to_be_visible()
    page.wait_for_function(
        "() => { const bar = document.querySelector('form.upload-form progress');"
        " return bar.hasAttribute('value') && bar.value > 0 && bar.value < 100; }"
    )
    expect(page.locator("[data-upload-status]")).to_contain_text("%")
    expect(page).to_have_url(JOB_PAGE, timeout=60_000)
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    follow_the_import(page)
    expect(page).to_have_url(re.compile(r"/nl/monitoring/submissions/\?received=\d+$"))
    received = page.locator("tr.received-submission")
    expect(received).to_have_count(1)
    expect(received).to_have_attribute("data-service", "GZ-001")
    expect(received.locator("td").nth(3)).to_have_text("20000")
    assert Submission.objects.get().dossiers == 20_000

    # A file with errors: the import's page says so and leads to the refusal, its error
    # list and the CSV to fix.
    wrong = csv_bytes([row(work_year=YEAR), row(work_year=YEAR, province="Atlantis")])
    page.set_input_files(
        "input[type=file][name=files]",
        files=[{"name": "fout.csv", "mimeType": "text/csv", "buffer": wrong}],
    )
    page.locator("form.upload-form button[type=submit]").click()
    expect(page).to_have_url(JOB_PAGE)
    expect(page.locator("[data-testid=job-failure]")).to_contain_text("1", timeout=90_000)
    follow_the_import(page)
    expect(page).to_have_url(re.compile(r"/nl/monitoring/submissions/rejected/[0-9a-f-]{36}/$"))
    errors = page.locator("tr.file-error")
    expect(errors).to_have_count(1)
    expect(errors.locator(".error-line")).to_have_text("3")
    expect(errors.locator(".error-column")).to_have_text("province")
    expect(errors.locator(".error-value")).to_have_text("Atlantis")
    assert_accessible(page)
    with page.expect_download() as download:
        page.locator("a.errors-csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "fout.csv;3;province;Atlantis;unknown_province;" in text
    assert Submission.objects.count() == 1
    assert RejectedSubmission.objects.get().error_count == 1
    assert csp_violations == []


def test_an_analyst_follows_an_import_to_its_result(page, analyst, worker):
    rows = [row(work_year=YEAR, service_id="GZ-A", service_name="A") for _ in range(3000)]
    rows += [row(work_year=YEAR, service_id="GZ-B", service_name="B") for _ in range(2000)]
    log_in(page, analyst, "en")
    page.goto("/en/monitoring/submissions/")
    page.set_input_files(
        "input[type=file][name=files]",
        files=[{"name": "alle.csv", "mimeType": "text/csv", "buffer": csv_bytes(rows)}],
    )
    page.locator("form.upload-form button[type=submit]").click()
    expect(page).to_have_url(JOB_PAGE)
    expect(page.locator("h1")).to_have_text("Import of yearly submissions")
    follow_the_import(page)
    expect(page).to_have_url(re.compile(r"/en/monitoring/submissions/\?received=\d+&received=\d+$"))
    received = page.locator("tr.received-submission")
    expect(received).to_have_count(2)
    expect(received.nth(0).locator("td").nth(3)).to_have_text("3000")
    expect(received.nth(1).locator("td").nth(3)).to_have_text("2000")
    page.go_back()  # the import's page, reloaded by hand, still says it is done
    page.reload()
    expect(page.locator("[data-testid=job-status]")).to_contain_text("Done")
    assert_accessible(page)


def test_the_form_works_without_javascript(
    chromium, live_server, kraamzorg_user, audit_flushable, worker
):
    user = service_user(kraamzorg_user)
    context = chromium.new_context(
        base_url=live_server.url, locale="nl-BE", java_script_enabled=False
    )
    try:
        tab = context.new_page()
        log_in(tab, user)
        tab.goto("/nl/monitoring/submissions/")
        tab.set_input_files(
            "input[type=file][name=files]",
            files=[{"name": "a.csv", "mimeType": "text/csv", "buffer": big_file(3)}],
        )
        tab.locator("form.upload-form button[type=submit]").click()
        expect(tab).to_have_url(JOB_PAGE)
        # Without JavaScript the page offers a link to refresh it.
        follow_the_import(tab, by_hand=True)
        expect(tab).to_have_url(re.compile(r"/nl/monitoring/submissions/\?received=\d+$"))
        expect(tab.locator("tr.received-submission")).to_have_count(1)
        expect(tab.locator("form.upload-form progress")).to_be_hidden()
    finally:
        context.close()
    assert Submission.objects.get().dossiers == 3
