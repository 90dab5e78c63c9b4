"""The dashboard in a real browser: an analyst logs in with the second factor, opens the
dashboard in Dutch on the demo data (2012–2016, the published figures), sees 2016's table
and the three charts, switches to publication mode and downloads the PDF. No Content
Security Policy violation (the charts are inline SVG), no serious accessibility problem.

The steps find elements by their names and addresses, not their wording, so they hold when
the interface texts are translated."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from perinatal.accounts.tests.factories import PASSWORD, current_totp_code

from ..demo import monitoring_demo_seed

# No django_db mark: the `page` fixture orders the transactional database around the
# audit guard (see conftest.audit_flushable).
pytestmark = [pytest.mark.browser]


def log_in(tab, user) -> None:
    tab.goto("/nl/account/login/")
    tab.fill("input[name=username]", user.username)
    tab.fill("input[name=password]", PASSWORD)
    tab.locator("main form[method=post] button[type=submit]").first.click()
    expect(tab).to_have_url(re.compile(r"/nl/account/two-factor/"))
    tab.fill("input[name=code]", current_totp_code(user.totp_device))
    tab.locator("main form[method=post] button[type=submit]").first.click()
    expect(tab).to_have_url(re.compile(r"/nl/work/$"))


def assert_accessible(tab) -> None:
    results = Axe().run(tab)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in serious]


def cells(tab, row: str) -> list[str]:
    return tab.locator(f"table.areas tr[data-row='{row}'] td").all_inner_texts()


def test_analyst_sees_2016_and_the_charts_then_downloads_the_publication_pdf(
    page, analyst, settings
):
    # The PDF made in the request (by default a worker draws its charts: see
    # test_report_files_browser.py)
    settings.REPORTS_BACKGROUND_CHARTS = 3
    monitoring_demo_seed()
    csp_violations: list[str] = []
    page.on(
        "console",
        lambda msg: (
            csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    log_in(page, analyst)
    page.goto("/nl/monitoring/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("#id_year")).to_have_value("2016")  # the latest year with figures

    # Seed 001's final figures of 2016, in Dutch number format
    expect(page.locator("table.areas tr[data-row='provinces.10000'] th")).to_have_text("Antwerpen")
    assert cells(page, "provinces.10000")[0] == "2.709"  # dossiers
    assert cells(page, "provinces.10000")[3] == "28,38"  # hours per dossier
    assert cells(page, "provinces.40000")[5] == "14"  # services
    assert cells(page, "total")[0] == "13.574"
    assert page.locator("table.care td").all_inner_texts()[2] == "12,01"
    expect(page.locator(".year-state")).to_have_attribute("data-status", "final")

    # The three charts, drawn on the server, embedded as SVG with their text
    charts = page.locator("figure.chart svg")
    expect(charts).to_have_count(3)
    for index in range(3):
        assert charts.nth(index).bounding_box()["width"] > 300
    expect(charts.first.locator("text", has_text="Oost-Vlaanderen")).to_have_count(1)
    expect(charts.first.locator("text", has_text="2012")).to_have_count(1)
    assert_accessible(page)

    # Publication mode
    page.check("#id_publication")
    page.locator("form.dashboard-choice button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/nl/monitoring/\?.*publication=on"))
    expect(page.locator(".publication-note")).to_be_visible()
    expect(page.locator("#id_publication")).to_be_checked()
    assert cells(page, "total")[0] == "13.574"  # nothing in the demo is that small
    pdf_link = page.locator("a[data-format=pdf]")
    expect(pdf_link).to_have_attribute("href", re.compile(r"publication=1"))

    with page.expect_download() as download_info:
        pdf_link.click()
    download = download_info.value
    assert download.suggested_filename == "kraamzorg-2016-publication.pdf"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF")
    assert b"2016" in content
    assert content.count(b"/Subtype /Image") >= 3  # the charts of the page

    assert csp_violations == []
