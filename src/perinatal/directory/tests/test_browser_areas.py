"""Areas served in a real browser, on a 390 px phone: a mother in Molenbeek finds the services
that serve her place and is told plainly when a place is unknown; an editor in French changes
the area a service serves, sees it in the history, and the search follows at once."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from perinatal.accounts.tests.factories import PASSWORD, current_totp_code
from perinatal.directory.brussels import load, read
from perinatal.directory.models import Service

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def brussels(transactional_db):
    load(read())


def assert_accessible(tab) -> None:
    results = Axe().run(tab)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in serious]


def test_a_mother_in_molenbeek_finds_what_serves_her_place(page, brussels):
    page.set_viewport_size(PHONE)
    page.goto("/nl/")
    page.get_by_label("Wat zoek je?").fill("kraamzorg")
    page.get_by_label("Postcode of gemeente").fill("Molenbeek")
    page.get_by_role("button", name="Zoeken").click()
    results = page.locator(".result")
    expect(results.first).to_be_visible()
    expect(results.first).to_contain_text(re.compile("kraamzorg", re.IGNORECASE))
    # The page fits the phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_label("Postcode of gemeente").fill("1299")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("alert")).to_contain_text("“1299” is geen Belgische postcode")
    expect(page.locator(".result")).to_have_count(0)
    assert_accessible(page)


def test_an_editor_changes_the_area_served_and_the_search_follows(page, brussels, editor):
    page.set_viewport_size(PHONE)
    service = Service.objects.get(key="nasci-ondersteuning")
    page.goto("/fr/account/login/")
    page.fill("input[name=username]", editor.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.fill("input[name=code]", current_totp_code(editor.totp_device))
    page.locator("main form[method=post] button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/fr/work/$"))

    page.goto(f"/fr/editor/services/{service.id}/")
    section = page.locator("#area-served")
    expect(section).to_contain_text("Zone desservie")
    whole_brussels = section.get_by_label("Région de Bruxelles-Capitale")
    expect(whole_brussels).to_be_checked()
    whole_brussels.uncheck()
    section.get_by_label("Zone desservie : communes").fill("Molenbeek, 1081")
    page.get_by_role("button", name="Enregistrer").last.click()
    expect(page.locator(".messages")).to_be_visible()
    history = page.locator("section[aria-labelledby=history-title]")
    expect(history).to_contain_text("Zone desservie")
    expect(history).to_contain_text(
        "Toute la Région de Bruxelles-Capitale → Koekelberg et Molenbeek-Saint-Jean"
    )
    assert sorted(service.areas.values_list("nis", flat=True)) == ["21011", "21012"]

    page.goto(f"/fr/services/{service.id}/")
    expect(page.locator("section[aria-labelledby=where-title]")).to_contain_text(
        "Zone desservie : Koekelberg et Molenbeek-Saint-Jean"
    )
    page.goto("/fr/?q=Nasci&place=Koekelberg")
    expect(page.locator(".result")).to_have_count(1)
    page.goto("/fr/?q=Nasci&place=Anderlecht")
    expect(page.locator(".result")).to_have_count(0)
    assert_accessible(page)
