"""In a real browser on a phone (390 px, French): a linked parent opens "Mes données",
reads the rights, asks for a correction (the form keeps what was typed when a field is
missing), sees it waiting for the care team, and downloads the record as a PDF and as JSON;
no sideways scrolling, every download in the access log."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from perinatal.accounts.tests.factories import PASSWORD
from perinatal.audit.models import AccessEvent
from perinatal.pathways.tests.factories import register

from ..models import CorrectionRequest
from .factories import linked_parent

pytestmark = [pytest.mark.browser]
PHONE = {"width": 390, "height": 844}


def test_a_parent_on_a_phone_asks_a_correction_and_downloads_the_record(
    audit_flushable, chromium, live_server, kg_nurse
):
    family = register(kg_nurse)
    mum = linked_parent(family, username="mum", preferred_language="fr")
    context = chromium.new_context(
        base_url=live_server.url, locale="fr-BE", viewport=PHONE, accept_downloads=True
    )
    context.set_default_timeout(15_000)
    try:
        tab = context.new_page()
        tab.goto("/fr/account/login/")
        tab.fill("input[name=username]", mum.username)
        tab.fill("input[name=password]", PASSWORD)
        tab.locator("main form[method=post] button[type=submit]").first.click()
        tab.wait_for_load_state()
        tab.goto(f"/fr/my/{family.public_id}/data/")
        expect(tab.get_by_role("heading", name="Mes données", level=1)).to_be_visible()
        expect(tab.get_by_text("RGPD, article 20", exact=False)).to_be_visible()
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        tab.fill("textarea[name=should_be]", "Le 30 juillet 1990")
        tab.get_by_role("button", name="Demander une correction").click()
        expect(tab.locator("textarea[name=should_be]")).to_have_value("Le 30 juillet 1990")
        tab.fill("textarea[name=text]", "La date de naissance du papa est fausse")
        tab.get_by_role("button", name="Demander une correction").click()
        expect(tab.get_by_text("Votre équipe de soins n'a pas encore répondu.")).to_be_visible()
        assert CorrectionRequest.objects.filter(pregnancy=family, asked_by=mum).count() == 1
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        with tab.expect_download() as pdf:
            tab.get_by_role("link", name=re.compile("fichier PDF")).click()
        assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
        with tab.expect_download() as raw:
            tab.get_by_role("link", name=re.compile("fichier JSON")).click()
        data = json.loads(Path(raw.value.path()).read_text(encoding="utf-8"))
        assert data["pregnancy"]["id"] == str(family.public_id)
        assert data["corrections"][0]["what_is_wrong"].startswith("La date de naissance")
    finally:
        context.close()
    exports = AccessEvent.objects.filter(actor=mum, action="export", basis="own_record")
    assert exports.count() == 2
