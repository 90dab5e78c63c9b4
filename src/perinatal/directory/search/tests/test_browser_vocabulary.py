"""In a real browser, on a 390 px phone: a parent's question finds nothing; an editor sees it on
the desk, makes it a synonym, and the parent's question finds the right service; a typo is
offered corrected. The editors' pages fit the phone and pass axe."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from perinatal.accounts.tests.factories import PASSWORD, current_totp_code
from perinatal.directory.brussels import load, read
from perinatal.directory.search.models import QuestionStatus, Synonym, UnansweredQuestion

pytestmark = [pytest.mark.browser]
PHONE = {"width": 390, "height": 844}


def assert_fits_and_accessible(tab) -> None:
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    results = Axe().run(tab)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in serious]


def test_a_question_that_found_nothing_becomes_a_synonym(
    audit_flushable, chromium, live_server, editor
):
    load(read())
    context = chromium.new_context(base_url=live_server.url, locale="nl-BE", viewport=PHONE)
    context.set_default_timeout(15_000)
    try:
        parent = context.new_page()
        parent.goto("/nl/?q=engelenkindje")
        expect(parent.locator("#results-title")).to_contain_text("0 diensten gevonden")
        assert UnansweredQuestion.objects.get().text == "engelenkindje"

        parent.goto("/nl/?q=borstvoedng")
        offer = parent.locator(".did-you-mean a")
        expect(offer).to_have_text("borstvoeding")
        offer.click()
        expect(parent).to_have_url(re.compile(r"q=borstvoeding"))
        expect(parent.locator(".result").first).to_be_visible()
        assert_fits_and_accessible(parent)
        parent.close()

        tab = context.new_page()
        tab.goto("/nl/account/login/")
        tab.fill("input[name=username]", editor.username)
        tab.fill("input[name=password]", PASSWORD)
        tab.locator("main form[method=post] button[type=submit]").first.click()
        tab.fill("input[name=code]", current_totp_code(editor.totp_device))
        tab.locator("main form[method=post] button[type=submit]").first.click()

        tab.goto("/nl/editor/")
        tab.get_by_role("link", name="1 vraag zonder resultaat").click()
        expect(tab.locator("main")).to_contain_text("engelenkindje")
        assert_fits_and_accessible(tab)
        tab.get_by_role("link", name="Een synoniem toevoegen").click()
        expect(tab.get_by_label("Woord of uitdrukking die mensen typen")).to_have_value(
            "engelenkindje"
        )
        tab.get_by_label("Perinatale rouw").check()
        assert_fits_and_accessible(tab)
        tab.get_by_role("button", name="Opslaan").click()
        expect(tab.locator(".messages")).to_contain_text("Het synoniem is toegevoegd")
        expect(tab.locator("#history-title")).to_be_visible()
        expect(tab.locator("main table")).to_contain_text("Perinatale rouw")
        assert_fits_and_accessible(tab)

        tab.get_by_role("link", name="Zoekwoorden").click()
        expect(tab.locator("main table")).to_contain_text("engelenkindje")
        assert_fits_and_accessible(tab)

        tab.goto("/nl/?q=engelenkindje")
        expect(tab.locator(".result h3 a").first).to_contain_text(re.compile("rouw|verlies"))
    finally:
        context.close()
    assert Synonym.objects.get(phrase="engelenkindje").needs == "perinatal_grief"
    assert UnansweredQuestion.objects.get().status == QuestionStatus.SYNONYM
