"""The directory in a real browser: search in Dutch and French, open a service, switch
language, send an error report; and an accessibility scan (axe-core) of the main pages."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from perinatal.directory.brussels import load, read
from perinatal.directory.models import ErrorReport, Service

# No django_db mark: the `page` fixture orders the transactional database around the
# audit guard (see conftest.audit_flushable).
pytestmark = [pytest.mark.browser]


@pytest.fixture
def brussels(transactional_db):
    load(read())


def test_search_in_dutch_and_french_open_switch_language_and_report(page, brussels):
    page.goto("/nl/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.get_by_label("Wat zoek je?").fill("rouw")
    page.get_by_role("button", name="Zoeken").click()
    results = page.locator(".result")
    expect(results.first).to_be_visible()
    expect(page.locator("#results-title")).to_contain_text(re.compile(r"\d+ dienst"))
    first_title = results.first.locator("h3 a")
    expect(first_title).to_contain_text(re.compile("rouw", re.IGNORECASE))

    # Switch to French: the same search, now in French
    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_label("Que cherchez-vous ?").fill("deuil")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator(".result").first).to_contain_text(re.compile("deuil", re.IGNORECASE))

    # Open the service, switch language on its page, it stays the same service
    page.locator(".result h3 a").first.click()
    expect(page).to_have_url(re.compile(r"/fr/services/[0-9a-f-]{36}/$"))
    service_path = page.url.split("/fr/", 1)[1]
    page.get_by_role("button", name="Nederlands").click()
    expect(page).to_have_url(re.compile(re.escape(service_path) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    # Send an error report from the service page
    page.get_by_label("Een fout in deze fiche").check()
    page.get_by_label("Je bericht").fill("Het telefoonnummer is veranderd.")
    page.get_by_role("button", name="Verstuur de melding").click()
    expect(page.locator(".messages")).to_contain_text("Bedankt")
    # (the loaded directory files its own reports: the doubts of the source, not from readers)
    report = ErrorReport.objects.get(message="Het telefoonnummer is veranderd.")
    assert str(report.service_id) in service_path


def test_keyboard_only_search(page, brussels):
    page.goto("/nl/")
    page.keyboard.press("Tab")  # skip link
    expect(page.locator(".skip-link")).to_be_focused()
    page.get_by_label("Wat zoek je?").focus()
    page.keyboard.type("borstvoeding")
    page.keyboard.press("Enter")
    expect(page.locator(".result").first).to_be_visible()


@pytest.mark.parametrize(
    "path",
    [
        "/nl/",
        "/fr/?q=deuil",
        "/en/timeline/",
        "/nl/report/",
        "/fr/services/{service}/",
        "/nl/account/login/",
    ],
)
def test_main_pages_have_no_serious_accessibility_violations(page, brussels, path):
    service = Service.objects.order_by("key").first()
    page.goto(path.format(service=service.id))
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in serious
    ]


def test_pages_run_no_inline_script_under_the_csp(page, brussels):
    violations = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.goto("/nl/?q=vroedvrouw")
    page.goto("/nl/timeline/")
    assert violations == []
