"""A midwife's day in a real browser: she logs in with her second factor, registers a
family, screens it (two inclusion criteria: scenario B), records a coordination period and
refers the family to a service of the directory; then the family page in Dutch and French.

The steps find the page's elements by their names and addresses, not by their wording, so
they hold when the interface texts are translated."""

import re
from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from perinatal.accounts.tests.factories import PASSWORD, current_totp_code
from perinatal.core.dates import add_months
from perinatal.directory.brussels import load, read
from perinatal.pathways import catalogue
from perinatal.pathways.models import Pregnancy, Referral

from .factories import participate

# No django_db mark: the `page` fixture orders the transactional database around the
# audit guard (see conftest.audit_flushable).
pytestmark = [pytest.mark.browser]

FAMILY_PAGE = re.compile(r"/nl/families/[0-9a-f-]{36}/(#\w+)?$")


@pytest.fixture
def brussels(transactional_db):
    """The Brussels directory and the screening catalogue (an earlier transactional test
    may have flushed what the migrations stored)."""
    load(read())
    catalogue.load()


def submit(tab) -> None:
    """The page's own POST form (not the header's logout or language forms)."""
    tab.locator("main form[method=post] button[type=submit]").first.click()


def log_in(tab, user) -> None:
    tab.goto("/nl/account/login/")
    tab.fill("input[name=username]", user.username)
    tab.fill("input[name=password]", PASSWORD)
    submit(tab)
    expect(tab).to_have_url(re.compile(r"/nl/account/two-factor/"))
    tab.fill("input[name=code]", current_totp_code(user.totp_device))
    submit(tab)
    expect(tab).to_have_url(re.compile(r"/nl/work/$"))


def test_midwife_registers_screens_coordinates_and_refers(page, brussels, midwife):
    csp_violations = []
    page.on(
        "console",
        lambda msg: (
            csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    participate(midwife)
    log_in(page, midwife)

    # Register the family from the families' page in the navigation
    page.locator("header a[href='/nl/families/']").click()
    page.locator("main a[href='/nl/families/register/']").click()
    page.fill("#id_mother_given_name", "Salma")
    page.fill("#id_mother_family_name", "Browsermoeder")
    page.select_option("#id_mother_no_national_number", "no_legal_residence")
    page.fill("#id_postcode", "1080")
    page.fill("#id_municipality", "Molenbeek-Saint-Jean")
    page.check("input[name=languages][value=ar]")
    page.check("input[name=languages][value=fr]")
    due = date.today() + timedelta(days=150)
    page.fill("#id_due_date", due.isoformat())
    page.check("#id_consent_to_share")
    submit(page)
    expect(page).to_have_url(FAMILY_PAGE)
    expect(page.locator("h1")).to_have_text("Salma Browsermoeder")
    expect(page.locator(".due-date")).to_have_text(due.strftime("%d/%m/%Y"))
    family_url = page.url.split("#")[0]

    # Screen it: two inclusion criteria and one other indicator → scenario B
    page.locator("a[href$='/screenings/new/']").click()
    page.check("input[name=positive][value=housing]")
    page.check("input[name=positive][value=finances]")
    page.check("input[name=positive][value=anxiety]")
    submit(page)
    expect(page).to_have_url(FAMILY_PAGE)
    expect(page.locator("#scenario .scenario-B")).to_have_text("Scenario B")

    # A coordination period: the page shows its end and the renewals that remain
    page.locator("a[href$='/services/new/']").click()
    page.select_option("#id_kind", "coordination")
    submit(page)
    expect(page).to_have_url(FAMILY_PAGE)
    until = add_months(date.today(), 12) - timedelta(days=1)
    expect(page.locator("#scenario .coordination")).to_contain_text(until.strftime("%d/%m/%Y"))
    expect(page.locator("#scenario .coordination")).to_contain_text("2")
    expect(page.locator("#entitlement-coordination .used")).to_have_text("1")
    expect(page.locator("#entitlement-coordination .remaining")).to_have_text("2")

    # Refer the family to Aquarelle, found in the directory
    page.locator("a[href$='/referrals/new/']").click()
    page.fill("#id_q", "Aquarelle")
    page.locator("#id_q").press("Enter")
    choice = page.locator(".service-choices label", has_text="Aquarelle").first
    expect(choice).to_be_visible()
    choice.locator("input[type=radio]").check()
    page.fill("#id_reason", "Geen ziekteverzekering; prenatale opvolging nodig.")
    submit(page)
    # Aquarelle does not use the platform: the referral is to contact, its page says how
    expect(page).to_have_url(re.compile(r"/nl/families/[0-9a-f-]{36}/referrals/[0-9a-f-]{36}/$"))
    expect(page.locator(".reach-service")).to_be_visible()
    page.locator(".breadcrumb a").click()
    expect(page).to_have_url(FAMILY_PAGE)
    expect(page.locator("#referrals")).to_contain_text("Aquarelle")
    expect(page.locator("#referrals .referral-to_contact")).to_be_visible()

    pregnancy = Pregnancy.objects.get(mother__family_name="Browsermoeder")
    assert pregnancy.screenings.get().scenario == "B"
    assert pregnancy.programme_services.get().period_end == until
    assert Referral.objects.get(pregnancy=pregnancy).service.organization.name == "Aquarelle"

    # The same page in French, and back in Dutch
    page.goto(family_url)
    page.locator(".language-switcher button[value=fr]").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page).to_have_url(re.compile(r"/fr/families/[0-9a-f-]{36}/$"))
    expect(page.locator("#scenario .scenario-B")).to_have_text("Scénario B")
    expect(page.locator("header .link-button")).to_have_text("Déconnexion")
    page.locator(".language-switcher button[value=nl]").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page).to_have_url(re.compile(r"/nl/families/[0-9a-f-]{36}/$"))
    expect(page.locator("header .link-button")).to_have_text("Afmelden")
    assert csp_violations == []

    # No serious accessibility problem on the family page
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in serious]
