"""An editor on a phone (390 px) finds a service on the desk with a filter, adds a phone and
opening hours, saves, sees the history; the public page and the API answer show the phone."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from perinatal.accounts.tests.factories import PASSWORD, current_totp_code
from perinatal.directory.models import Phone, Schedule, Service
from perinatal.directory.tests.factories import OrganizationFactory, ServiceFactory

pytestmark = [pytest.mark.browser]


def assert_accessible(tab) -> None:
    results = Axe().run(tab)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in serious]


def assert_fits(tab, width: int = 390) -> None:
    assert tab.evaluate("document.documentElement.scrollWidth") <= width


def _log_in(tab, user) -> None:
    tab.goto("/nl/account/login/")
    tab.fill("input[name=username]", user.username)
    tab.fill("input[name=password]", PASSWORD)
    tab.locator("main form[method=post] button[type=submit]").first.click()
    tab.fill("input[name=code]", current_totp_code(user.totp_device))
    tab.locator("main form[method=post] button[type=submit]").first.click()
    expect(tab).to_have_url(re.compile(r"/nl/work/$"))


def test_an_editor_adds_a_phone_and_hours_on_a_phone_and_readers_see_them(
    audit_flushable, chromium, live_server, editor
):
    midwives = OrganizationFactory(name_nl="Vroedvrouwen Noord", name_fr="Sages-femmes Nord")
    target = ServiceFactory(
        organization=midwives,
        name_nl="Thuisbevalling Noord",
        name_fr="Accouchement à domicile Nord",
        phases=["birth"],
        needs=["home_birth"],
    )
    reachable = ServiceFactory(name_nl="Thuisbevalling Zuid", name_fr="Accouchement Sud")
    Phone.objects.create(service=reachable, number="+3225551234")

    context = chromium.new_context(
        base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(15_000)
    try:
        tab = context.new_page()
        _log_in(tab, editor)
        tab.get_by_role("link", name="Redactie").click()
        expect(tab.get_by_role("heading", name="Werkplek van de redactie")).to_be_visible()

        # The desk: find the home births that have no phone number.
        tab.get_by_label("Naam van de dienst of organisatie").fill("thuisbevalling")
        tab.get_by_label("Tonen").select_option(label="Zonder telefoonnummer")
        tab.get_by_role("button", name="Zoeken").click()
        expect(tab.locator("#entries-count")).to_have_text("1 fiche")
        entry = tab.locator(".desk-entry").filter(has_text="Thuisbevalling Noord")
        expect(entry).to_contain_text("Geen telefoon")
        expect(tab.locator(".desk-entry")).to_have_count(1)
        assert_fits(tab)
        assert_accessible(tab)
        entry.get_by_role("link", name="Thuisbevalling Noord").click()
        expect(tab).to_have_url(re.compile(rf"/nl/editor/services/{target.id}/$"))
        assert_fits(tab)

        # A phone as people write it, and opening hours with a note in Dutch.
        phone = tab.get_by_role("group", name="Telefoon: een nieuwe rij")
        phone.get_by_label("Nummer").fill("02/216.79.44")
        phone.get_by_label("Beschrijving").fill("Onthaal")
        hours = tab.get_by_role("group", name="Openingsuren: een nieuwe rij")
        hours.get_by_label("maandag").check()
        hours.get_by_label("donderdag").check()
        hours.get_by_label("Opent om").fill("09:00")
        hours.get_by_label("Sluit om").fill("12:30")
        hours.get_by_label("Opmerking (Nederlands)").fill("Zonder afspraak")
        tab.get_by_label("Reden van de wijziging").fill("telefonisch nagevraagd")
        tab.get_by_role("button", name="Opslaan").first.click()

        expect(tab.locator(".messages")).to_contain_text("Opgeslagen")
        history = tab.locator("section[aria-labelledby=history-title]")
        expect(history).to_contain_text("+3222167944 · voice · Onthaal")
        expect(history).to_contain_text("telefonisch nagevraagd")
        expect(history).to_contain_text("MO,TH · 09:00 · 12:30 · Zonder afspraak")
        expect(tab.get_by_role("group", name="Telefoon 1").get_by_label("Nummer")).to_have_value(
            "02 216 79 44"
        )
        assert_fits(tab)
        assert_accessible(tab)
        schedule = Schedule.objects.get(service=target)
        assert (schedule.byday, str(schedule.opens_at)) == ("MO,TH", "09:00:00")

        # Readers: the public page calls the number; the API answers it at once.
        tab.get_by_role("link", name="Publieke pagina").click()
        expect(tab.locator('a[href="tel:+3222167944"]')).to_be_visible()
        answer = context.request.get("/api/v1/services?q=thuisbevalling+noord").json()
        assert answer["contents"][0]["name"] == "Thuisbevalling Noord"
        assert [p["number"] for p in answer["contents"][0]["phones"]] == ["+3222167944"]

        # Back on the desk, the filter no longer lists it.
        tab.goto("/nl/editor/?q=thuisbevalling&show=no_phone")
        expect(tab.locator("#entries-count")).to_have_text("0 fiches")
    finally:
        context.close()
    assert Service.objects.get(pk=target.pk).phones.count() == 1


def test_an_editor_verifies_several_entries_at_once_on_a_phone(
    audit_flushable, chromium, live_server, editor
):
    for name in ("Kraamzorg Oost", "Kraamzorg West", "Kraamzorg Centrum"):
        ServiceFactory(name_nl=name)
    context = chromium.new_context(
        base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(15_000)
    try:
        tab = context.new_page()
        _log_in(tab, editor)
        tab.goto("/nl/editor/?show=never&q=kraamzorg&order=name")
        expect(tab.locator(".desk-entry")).to_have_count(3)
        tab.get_by_role("checkbox", name="Kraamzorg Oost").check()
        tab.get_by_role("checkbox", name="Kraamzorg West").check()
        tab.get_by_role("button", name="Markeer de aangevinkte fiches").click()
        expect(tab.locator(".messages")).to_contain_text("2 fiches vandaag als gecontroleerd")
        expect(tab.locator(".desk-entry")).to_have_count(1)
        expect(tab.locator(".desk-entry")).to_contain_text("Kraamzorg Centrum")
        assert_fits(tab)
    finally:
        context.close()
    assert Service.objects.filter(last_verified__isnull=False).count() == 2
