"""Issue 16's "done when", in a real browser at a phone's width, in Dutch, French and English:
a midwife of the care team gives a code; the parent links with it and lands on "My first 1000
days" with the entitlements left; stops sharing with one organisation of the care team, which
is then refused (and the refusal logged); sees that refused access under "who looked at my
record"; downloads the record. Every step follows the page's own links and forms, and no page
is wider than the phone.

The steps find the page's elements by their addresses and classes, not by their wording, so
the same test reads all three languages."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from perinatal.accounts.tests.factories import PASSWORD, current_totp_code
from perinatal.audit.models import AccessEvent
from perinatal.pathways import access
from perinatal.pathways.services import care_team
from perinatal.pathways.tests.api_support import api_for
from perinatal.pathways.tests.factories import register

from ..models import ParentLink

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
BIRTH = "1994-03-12"  # the test mother's date of birth (pathways.tests.factories.mother)
LOCALES = {"nl": "nl-BE", "fr": "fr-BE", "en": "en-GB"}


def fits(tab) -> None:
    """The page is no wider than the phone. Called once the step's page has been awaited
    (by its address or an element of it): a click starts a navigation and does not wait for it."""
    tab.wait_for_load_state("load")
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], tab.url


def phone(chromium, live_server, lang: str):
    context = chromium.new_context(
        base_url=live_server.url, viewport=PHONE, locale=LOCALES[lang], accept_downloads=True
    )
    context.set_default_timeout(15_000)
    return context


def log_in(tab, lang: str, user) -> None:
    tab.goto(f"/{lang}/account/login/")
    tab.fill("input[name=username]", user.username)
    tab.fill("input[name=password]", PASSWORD)
    tab.locator("main form[method=post] button[type=submit]").first.click()
    if getattr(user, "totp_device", None) is not None:
        tab.fill("input[name=code]", current_totp_code(user.totp_device))
        tab.locator("main form[method=post] button[type=submit]").first.click()
    expect(tab).to_have_url(re.compile(rf"/{lang}/work/$"))


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_code_link_timeline_sharing_who_looked_and_download_on_a_phone(
    audit_flushable, chromium, live_server, midwife, provider, parent, lang
):
    family = register(midwife, consent_to_share=True)
    care_team.team_member_add(
        by=midwife,
        pregnancy=family,
        grant=access.grant_for(midwife, family),
        organisation=provider.organisation,
    )
    family_url = f"/{lang}/my/{family.public_id}/"

    # The midwife gives a code from the family page, reached from her home page.
    context = phone(chromium, live_server, lang)
    tab = context.new_page()
    log_in(tab, lang, midwife)
    tab.locator(f"main a[href='/{lang}/families/{family.public_id}/']").first.click()
    tab.locator("main a.parent-code-link").click()
    tab.locator("main form.new-code-form button[type=submit]").click()
    code = tab.locator("#link-code").inner_text()
    fits(tab)
    context.close()

    # The parent links with it and lands on "My first 1000 days".
    context = phone(chromium, live_server, lang)
    tab = context.new_page()
    try:
        log_in(tab, lang, parent)
        tab.locator(f"main a[href='/{lang}/my/link/']").first.click()
        expect(tab).to_have_url(re.compile(rf"/{lang}/my/link/$"))
        fits(tab)
        tab.fill("#id_code", code)
        tab.fill("#id_mother_birth_date", BIRTH)
        tab.locator("main form.link-form button[type=submit]").click()
        expect(tab).to_have_url(re.compile(rf"{family_url}$"))
        expect(tab.locator("html")).to_have_attribute("lang", lang)
        assert ParentLink.objects.filter(pregnancy=family, user=parent).exists()
        # The timeline and the entitlements left, in words (no code, no ISO date).
        expect(tab.locator("#coming .my-timeline > li").first).to_be_visible()
        visits = tab.locator("#entitlement-midwife_home_visit")
        expect(visits).to_contain_text("0")
        expect(visits).to_contain_text(re.compile(r"\d+.*\d+"))
        assert not re.search(r"\d{4}-\d{2}-\d{2}", tab.locator("main").inner_text())
        fits(tab)

        # Stop sharing with the programme provider's organisation, after reading what it means.
        tab.locator(f"nav.tabs a[href='{family_url}sharing/']").click()
        row = tab.locator(".sharing-row").filter(has_text=str(provider.organisation))
        row.locator("a.button[href*='share=0']").click()
        expect(tab.locator(".confirm-sharing")).to_contain_text(str(provider.organisation))
        fits(tab)
        tab.locator(".confirm-sharing form button[type=submit]").click()
        expect(
            tab.locator(".sharing-row.sharing-not_shared").filter(
                has_text=str(provider.organisation)
            )
        ).to_be_visible()
        fits(tab)

        # That organisation is refused at once, and the refusal is in the access log.
        assert api_for(provider).get(f"/pregnancies/{family.public_id}").status_code == 403
        assert AccessEvent.objects.filter(
            actor_username=provider.username,
            subject=str(family.public_id),
            refusal="consent_withdrawn",
        ).exists()

        # The parent sees it under "who looked at my record".
        tab.locator(f"nav.tabs a[href='{family_url}who-looked/']").click()
        refused = tab.locator(".access-refused").filter(has_text=str(provider.organisation))
        expect(refused.first).to_be_visible()
        fits(tab)

        # And downloads the record.
        tab.locator(f"nav.tabs a[href='{family_url}data/']").click()
        expect(tab).to_have_url(re.compile(rf"{family_url}data/$"))
        fits(tab)
        with tab.expect_download() as download:
            tab.locator(f"main a[href='{family_url}data/record.json']").click()
        record = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        assert record["pregnancy"]["id"] == str(family.public_id)
        assert record["language"] == lang
        assert AccessEvent.objects.filter(
            actor=parent, action="export", basis="own_record", subject=str(family.public_id)
        ).exists()
    finally:
        context.close()
