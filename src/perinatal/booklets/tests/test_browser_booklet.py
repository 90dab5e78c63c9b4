"""Ask first in a real browser. A Kind en Gezin nurse, in French, asks by a mother's national
number, learns the family is not on the platform, registers it with minimal identity and hands
out the Kindboekje (step 1). Then an independent midwife, in Dutch, asks by the same number,
sees it was handed out by Kind en Gezin that day, and her own hand-out is refused with
`already_has_booklet`.

The steps find the page's elements by their names, classes and addresses, not by their
wording, so they hold when the interface texts are translated."""

import re
from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from perinatal.accounts.tests.factories import PASSWORD, current_totp_code
from perinatal.audit.models import AccessBasis, AccessEvent
from perinatal.booklets.constants import Channel, RefusalCode
from perinatal.booklets.models import Booklet, HandoutRefusal
from perinatal.core import national_number
from perinatal.pathways.models import Pregnancy

from .pages_support import UNKNOWN_NUMBER

# No django_db mark: the `page` fixture orders the transactional database around the
# audit guard (see conftest.audit_flushable).
pytestmark = [pytest.mark.browser]


def status_page(language: str) -> re.Pattern:
    return re.compile(rf"/{language}/kindboekje/\?pregnancy=[0-9a-f-]{{36}}(#[\w-]+)?$")


def click(tab, selector: str) -> None:
    tab.locator(selector).first.click()


def log_in(tab, user, language: str) -> None:
    tab.goto(f"/{language}/account/login/")
    tab.fill("input[name=username]", user.username)
    tab.fill("input[name=password]", PASSWORD)
    click(tab, "main form[method=post] button[type=submit]")
    expect(tab).to_have_url(re.compile(rf"/{language}/account/two-factor/"))
    tab.fill("input[name=code]", current_totp_code(user.totp_device))
    click(tab, "main form[method=post] button[type=submit]")
    expect(tab).to_have_url(re.compile(rf"/{language}/work/$"))


def assert_accessible(tab) -> None:
    """No serious accessibility problem on the page (axe-core)."""
    results = Axe().run(tab)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in serious]


def ask(tab, language: str, number: str) -> None:
    """From the navigation to the ask-first page, and ask by the number."""
    click(tab, f"header a[href='/{language}/kindboekje/']")
    expect(tab).to_have_url(re.compile(rf"/{language}/kindboekje/$"))
    tab.fill("#id_national_number", number)
    click(tab, "form.ask-form button[type=submit]")


def test_nurse_registers_and_hands_out_then_the_midwife_is_refused(
    page, chromium, live_server, kg_nurse, midwife
):
    today = date.today().strftime("%d/%m/%Y")
    csp_violations = []
    page.on(
        "console",
        lambda msg: (
            csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )

    # The Kind en Gezin nurse, in French: the mother is not on the platform yet.
    log_in(page, kg_nurse, "fr")
    ask(page, "fr", UNKNOWN_NUMBER)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator(".not-found")).to_be_visible()
    assert UNKNOWN_NUMBER not in page.url
    expect(page.locator("#id_national_number")).to_have_value("")  # not shown back
    assert_accessible(page)

    # Minimal registration: names, postcode, municipality, due date.
    page.fill("#id_register_mother_given_name", "Mariam")
    page.fill("#id_register_mother_family_name", "Vraageerst")
    page.fill("#id_register_postcode", "1080")
    page.fill("#id_register_municipality", "Molenbeek-Saint-Jean")
    due = date.today() + timedelta(days=120)
    page.fill("#id_register_due_date", due.isoformat())
    click(page, "form.register-form button[type=submit]")
    expect(page).to_have_url(status_page("fr"))
    expect(page.locator("#child-1 .no-booklet")).to_be_visible()
    expect(page.locator("#child-1 .turn.own")).to_have_attribute(
        "data-channel", Channel.KG_START_CONVERSATION
    )
    expect(page.locator("#child-1 .hint-your_turn")).to_be_visible()

    # Hand it out today, the default date: step 1.
    expect(page.locator("#id_hand_out1-on")).to_have_value(date.today().isoformat())
    click(page, "#child-1 form.hand-out-form button[type=submit]")
    expect(page).to_have_url(status_page("fr"))
    expect(page.locator("#child-1 .has-booklet")).to_have_attribute(
        "data-provider", Channel.KG_START_CONVERSATION
    )
    expect(page.locator("#child-1 .handed-out-on")).to_have_text(today)
    assert_accessible(page)

    # The independent midwife, in Dutch, in her own browser.
    context = chromium.new_context(base_url=live_server.url, locale="nl-BE")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    try:
        log_in(tab, midwife, "nl")
        ask(tab, "nl", UNKNOWN_NUMBER)
        expect(tab.locator("html")).to_have_attribute("lang", "nl")
        # Outside the care team: has a Kindboekje and since when, not who or how (0033).
        status = tab.locator("#child-1 .has-booklet.limited")
        expect(status.locator(".since")).to_have_text(today)
        expect(tab.locator("#child-1 [data-provider]")).to_have_count(0)

        # She tries to hand out hers anyway: refused, with who and when.
        click(tab, "#child-1 details.hand-out summary")
        click(tab, "#child-1 form.hand-out-form button[type=submit]")
        refusal = tab.locator("#child-1 .refusal")
        expect(refusal.locator(".refusal-code")).to_have_text(RefusalCode.ALREADY_HAS_BOOKLET)
        expect(refusal.locator(".refusal-message")).to_contain_text(today)
        expect(refusal.locator(".refusal-message")).to_contain_text("Kind en Gezin")
        assert_accessible(tab)
        assert UNKNOWN_NUMBER not in tab.content().replace(
            f'name="national_number" value="{UNKNOWN_NUMBER}"', ""
        )
    finally:
        context.close()

    pregnancy = Pregnancy.objects.get(mother__family_name="Vraageerst")
    assert pregnancy.mother.national_number_hash == national_number.lookup_hash(UNKNOWN_NUMBER)
    booklet = Booklet.objects.get()
    assert (booklet.pregnancy, booklet.step, booklet.handed_out_by) == (pregnancy, 1, kg_nurse)
    assert HandoutRefusal.objects.get().code == RefusalCode.ALREADY_HAS_BOOKLET
    assert AccessEvent.objects.filter(
        actor_username=midwife.username, basis=AccessBasis.BOOKLET
    ).exists()
    assert csp_violations == []
