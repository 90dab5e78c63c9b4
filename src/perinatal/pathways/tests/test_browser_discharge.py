"""In a real browser on a 390 px phone: a hospital in the family's care team records a
discharge of 25 hours ago without the transfer to the first line (seed 002, note 4: the data
must be available "binnen de 24 uur na het ontslag uit het ziekenhuis"); the receiving Kind
en Gezin team finds it in its list of discharges as late, in words and in Brussels time,
and on the family page; then in French. Nothing on the pages is wider than the phone."""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.utils import timezone

from perinatal.accounts.tests.factories import PASSWORD, current_totp_code
from perinatal.pathways import access
from perinatal.pathways.models import HospitalDischarge
from perinatal.pathways.services import care_team

from .factories import register

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}


def submit(tab) -> None:
    tab.locator("main form[method=post] button[type=submit]").first.click()


def log_in(tab, user) -> None:
    tab.goto("/nl/account/login/")
    tab.fill("input[name=username]", user.username)
    tab.fill("input[name=password]", PASSWORD)
    submit(tab)
    tab.fill("input[name=code]", current_totp_code(user.totp_device))
    submit(tab)
    expect(tab).to_have_url(re.compile(r"/nl/work/$"))


def assert_fits(tab) -> None:
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def assert_section_fits(tab, selector: str) -> None:
    """The family page is wider than a phone by its older tables; this section is not."""
    right = tab.evaluate(
        "(s) => Math.max(...[...document.querySelectorAll(s + ', ' + s + ' *')]"
        ".map(e => e.getBoundingClientRect().right))",
        selector,
    )
    assert right <= PHONE["width"]


def assert_accessible(tab) -> None:
    results = Axe().run(tab)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in serious]


@pytest.fixture
def phone(audit_flushable, chromium, live_server):
    contexts = []

    def open_tab():
        context = chromium.new_context(base_url=live_server.url, locale="nl-BE", viewport=PHONE)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def test_a_discharge_not_transferred_in_24_hours_is_late_for_the_receiving_team(
    phone, midwife, hospital_user, kg_nurse
):
    kg_nurse.organisation.name = "Kind en Gezin team Molenbeek"
    kg_nurse.organisation.save()
    family = register(midwife)  # the family consents to share within the care team
    care_team.team_member_add(
        by=midwife,
        pregnancy=family,
        grant=access.grant_for(midwife, family),
        organisation=hospital_user.organisation,
    )
    discharged = timezone.localtime() - timedelta(hours=25)
    deadline = discharged + timedelta(hours=24)

    # The hospital records the discharge from the family page, without the transfer
    tab = phone()
    log_in(tab, hospital_user)
    tab.goto(f"/nl/families/{family.public_id}/")
    tab.locator("a.discharge-link").click()
    expect(tab).to_have_url(re.compile(r"/discharges/new/$"))
    assert_fits(tab)
    tab.fill("#id_discharged_at", discharged.strftime("%Y-%m-%dT%H:%M"))
    tab.select_option("#id_to_organisation", label="Kind en Gezin team Molenbeek")
    submit(tab)
    expect(tab).to_have_url(re.compile(r"/nl/families/[0-9a-f-]{36}/#discharges$"))
    expect(tab.locator("#discharges .transfer-state")).to_have_text(
        "te laat: niet op tijd overgedragen"
    )
    assert_section_fits(tab, "#discharges")
    assert HospitalDischarge.objects.get(pregnancy=family).transferred_at is None

    # The Kind en Gezin team, now in the care team, finds it late in its list
    tab = phone()
    log_in(tab, kg_nurse)
    tab.locator("header a[href='/nl/families/']").click()
    tab.locator("main a[href='/nl/families/discharges/']").click()
    card = tab.locator(".discharges li.discharge")
    expect(card).to_have_count(1)
    expect(card).to_have_class(re.compile(r"\blate\b"))
    expect(card.locator(".transfer-state")).to_have_text("te laat: niet op tijd overgedragen")
    expect(card.locator(".discharged-at")).to_have_text(discharged.strftime("%d/%m/%Y %H:%M"))
    expect(card.locator(".deadline")).to_have_text(deadline.strftime("%d/%m/%Y %H:%M"))
    expect(card.locator(".transferred-at")).to_have_text("nog niet")
    assert_fits(tab)
    assert_accessible(tab)

    # Only the late ones: still there; and on the family page
    tab.locator("main a[href='/nl/families/discharges/?late=1']").click()
    expect(tab.locator(".discharges li.discharge")).to_have_count(1)
    tab.locator(".discharges li.discharge h2 a").click()
    expect(tab).to_have_url(re.compile(r"/nl/families/[0-9a-f-]{36}/#discharges$"))
    expect(tab.locator("#discharges .transfer-state")).to_have_text(
        "te laat: niet op tijd overgedragen"
    )
    assert_section_fits(tab, "#discharges")

    # The same list in French
    tab.goto("/nl/families/discharges/")
    tab.locator(".language-switcher button[value=fr]").click()
    expect(tab).to_have_url(re.compile(r"/fr/families/discharges/$"))
    expect(tab.locator(".discharges .transfer-state")).to_have_text(
        "en retard : pas transféré à temps"
    )
    assert_fits(tab)
