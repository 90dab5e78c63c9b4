"""A parent on a phone (390 px), in French: stops sharing the record with one organisation of
the care team after reading what it means, that organisation is refused (and the refusal is
logged), and the parent sees the refused attempt under "who looked at my record" and asks
the data protection contact about it (decision 0037)."""

import re

import pytest
from playwright.sync_api import expect

from perinatal.accounts.tests.factories import PASSWORD
from perinatal.audit.models import AccessEvent
from perinatal.pathways import access
from perinatal.pathways.services import care_team
from perinatal.pathways.tests.api_support import api_for
from perinatal.pathways.tests.factories import register

from ..models import AccessQuestion
from .factories import linked_parent

pytestmark = [pytest.mark.browser]


def assert_fits(tab, width: int = 390) -> None:
    assert tab.evaluate("document.documentElement.scrollWidth") <= width


def test_a_parent_withdraws_sharing_and_sees_the_refused_access_on_a_phone(
    audit_flushable, chromium, live_server, midwife, provider
):
    family = register(midwife, consent_to_share=True)
    care_team.team_member_add(
        by=midwife,
        pregnancy=family,
        grant=access.grant_for(midwife, family),
        organisation=provider.organisation,
    )
    parent = linked_parent(family)
    org = str(provider.organisation)
    context = chromium.new_context(
        base_url=live_server.url, locale="fr-BE", viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(15_000)
    try:
        tab = context.new_page()
        tab.goto("/fr/account/login/")
        tab.fill("input[name=username]", parent.username)
        tab.fill("input[name=password]", PASSWORD)
        tab.locator("main form[method=post] button[type=submit]").first.click()
        expect(tab).not_to_have_url(re.compile(r"/account/login/"))

        tab.goto(f"/fr/my/{family.public_id}/sharing/")
        expect(tab.get_by_role("heading", name="Qui voit mon dossier")).to_be_visible()
        expect(tab.locator(".sharing-keeps")).to_contain_text("Tient votre dossier")
        assert_fits(tab)
        tab.get_by_role("link", name=f"Ne plus partager avec {org}").click()
        expect(tab.locator(".confirm-sharing")).to_contain_text(
            f"{org} ne verra plus votre dossier"
        )
        assert_fits(tab)
        tab.get_by_role("button", name="Oui, ne plus partager").click()
        expect(tab.locator(".sharing-not_shared")).to_contain_text("Non partagé")
        assert_fits(tab)

        # The organisation is refused at once, and the refusal is logged.
        assert api_for(provider).get(f"/pregnancies/{family.public_id}").status_code == 403
        assert AccessEvent.objects.filter(
            actor_username=provider.username, refusal="consent_withdrawn"
        ).exists()

        tab.goto(f"/fr/my/{family.public_id}/who-looked/")
        expect(tab.get_by_role("heading", name="Qui a consulté mon dossier")).to_be_visible()
        refused = tab.locator(".access-refused").first
        expect(refused).to_contain_text("refusé")
        expect(refused).to_contain_text(org)
        assert_fits(tab)
        tab.locator("ol.access-list > li").filter(
            has=tab.locator(".access-refused")
        ).first.get_by_role("link").click()
        tab.get_by_label("Votre question").fill("Pourquoi ce service a-t-il essayé ?")
        assert_fits(tab)
        tab.get_by_role("button", name="Envoyer ma question").click()
        expect(tab.locator(".access-question")).to_contain_text("Pas encore de réponse")
        assert_fits(tab)
        assert AccessQuestion.objects.get().access_event.refusal == "consent_withdrawn"
    finally:
        context.close()
