"""Asking for kraamzorg in a real browser. A parent, without logging in and in French, finds
the page from the navigation, reads the price of her income band, asks for help before the
birth and gets the confirmation. The service's intake worker, in Dutch, finds the request in
the queue and accepts it with a start date and hours.

The steps find the page's elements by names, classes and addresses, not by wording, so they
hold when the texts are translated."""

import re
from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from perinatal.accounts.tests.factories import PASSWORD, current_totp_code
from perinatal.kraamzorg.constants import RequestStatus
from perinatal.kraamzorg.models import KraamzorgRequest

from .intake_support import offer_for

pytestmark = [pytest.mark.browser]


def click(tab, selector: str) -> None:
    tab.locator(selector).first.click()


def assert_accessible(tab) -> None:
    results = Axe().run(tab)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in serious]


def log_in(tab, user, language: str) -> None:
    tab.goto(f"/{language}/account/login/")
    tab.fill("input[name=username]", user.username)
    tab.fill("input[name=password]", PASSWORD)
    click(tab, "main form[method=post] button[type=submit]")
    expect(tab).to_have_url(re.compile(rf"/{language}/account/two-factor/"))
    tab.fill("input[name=code]", current_totp_code(user.totp_device))
    click(tab, "main form[method=post] button[type=submit]")
    expect(tab).to_have_url(re.compile(rf"/{language}/work/$"))


def test_parent_asks_in_french_and_the_service_accepts(page, kraamzorg_user):
    offer_for(kraamzorg_user, name="Kraamzorg Brussel")
    due = date.today() + timedelta(days=70)
    start = due + timedelta(days=2)

    # The parent, not logged in, in French.
    page.goto("/fr/")
    click(page, "header a[href='/fr/kraamzorg/']")
    expect(page).to_have_url(re.compile(r"/fr/kraamzorg/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("table.tariff tr[data-band=A] td.price")).to_contain_text("5")
    assert_accessible(page)
    page.fill("input[name=due_date]", due.isoformat())
    page.fill("input[name=postcode]", "1080")
    page.fill("input[name=municipality]", "Molenbeek-Saint-Jean")
    page.fill("input[name=adults]", "2")
    page.fill("input[name=children]", "1")
    page.check("input[name=income_band][value=B]")
    page.check("input[name=languages][value=fr]")
    page.check("input[name=help_wanted][value=baby_care]")
    page.fill("input[name=contact_name]", "Sara Testouder")
    page.fill("input[name=contact_phone]", "0470 00 00 00")
    click(page, "form.kraamzorg-ask button[type=submit]")
    expect(page).to_have_url(re.compile(r"/fr/kraamzorg/sent/$"))
    expect(page.locator("main")).to_contain_text("Kraamzorg Brussel")
    asked = KraamzorgRequest.objects.get()
    assert (asked.status, asked.income_band) == (RequestStatus.SUBMITTED, "B")

    # The service's intake worker, in Dutch.
    log_in(page, kraamzorg_user, "nl")
    click(page, "header a[href='/nl/kraamzorg/intake/']")
    expect(page.locator("table.intake-queue tr.request")).to_have_count(1)
    assert_accessible(page)
    click(page, "table.intake-queue tr.request a")
    expect(page).to_have_url(re.compile(rf"/nl/kraamzorg/intake/{asked.public_id}/$"))
    page.check("input[name=decide-status][value=accepted]")
    page.fill("input[name=decide-planned_start]", start.isoformat())
    page.fill("input[name=decide-planned_hours]", "40")
    click(page, "form.decision-form button[type=submit]")
    expect(page.locator("dd.status")).to_have_attribute("data-status", "accepted")
    asked.refresh_from_db()
    assert (asked.status, asked.planned_start) == (RequestStatus.ACCEPTED, start)
