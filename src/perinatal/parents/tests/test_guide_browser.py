"""The practical guide on a phone (390 px): a parent opens it from the menu, in French, sees
every step without sideways scrolling, then their own family's version with its dates; a
service it lists opens its directory page."""

import pytest

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import logged_in_client, make_persona
from perinatal.directory.tests.factories import ServiceFactory
from perinatal.pathways.tests.factories import register

from ..guide_content import steps
from .factories import linked_parent

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
WIDTH = "() => document.documentElement.scrollWidth"


def test_a_parent_reads_the_guide_on_a_phone(audit_flushable, chromium, live_server):
    ServiceFactory(
        name_nl="Kinderopvang in de buurt",
        name_fr="Accueil de la petite enfance du quartier",
        name_en="Childcare nearby",
        needs=["childcare"],
        phases=["prenatal"],
    )
    pregnancy = register(make_persona(Role.KG_PROFESSIONAL))
    parent = linked_parent(pregnancy)
    session = logged_in_client(parent).cookies["sessionid"].value
    context = chromium.new_context(base_url=live_server.url, viewport=PHONE, locale="fr-BE")
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    context.set_default_timeout(15_000)
    tab = context.new_page()

    tab.goto("/fr/work/")
    tab.get_by_role("link", name="Guide pratique", exact=True).click()
    tab.wait_for_url("**/fr/guide/")
    assert (
        tab.get_by_role("heading", level=1).inner_text() == "Guide pratique des 1000 premiers jours"
    )
    for step in steps():
        assert tab.get_by_role("heading", name=step.title_in("fr"), exact=True).is_visible()
    assert tab.evaluate(WIDTH) <= PHONE["width"]

    tab.get_by_role("link", name="Notre guide").click()
    tab.wait_for_url(f"**/fr/my/{pregnancy.public_id}/guide/")
    kraamzorg = tab.locator("#step-kraamzorg")
    assert "Maintenant" in kraamzorg.inner_text() and "au plus tard le" in kraamzorg.inner_text()
    assert tab.evaluate(WIDTH) <= PHONE["width"]

    tab.locator("#step-childcare").get_by_role(
        "link", name="Accueil de la petite enfance du quartier"
    ).click()
    assert tab.get_by_role("heading", level=1).inner_text().startswith("Accueil de la petite")
    assert tab.evaluate(WIDTH) <= PHONE["width"]
    context.close()
