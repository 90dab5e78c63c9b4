"""The whole network in a real browser (issue 14; docs/decisions/0028-care-network.md): an
OCMW/CPAS social worker, on a 390 px phone and in French, refers a vulnerable family to
kraamzorg without seeing its record; the service's intake worker, in Dutch, accepts and
assigns its maternity-care assistant; the assistant, in English, finds herself in the
family's care team; the programme provider records a multidisciplinary consultation and names
her as a participant, and she sees it.

The steps find elements by names, classes and addresses; the assertions on what a person
reads check labels in the page's language, never codes."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from perinatal.kraamzorg.constants import RequestStatus
from perinatal.kraamzorg.models import KraamzorgRequest
from perinatal.pathways import access, catalogue
from perinatal.pathways.constants import ProgrammeServiceKind
from perinatal.pathways.models import MdoParticipant
from perinatal.pathways.services.care_team import team_member_add
from perinatal.pathways.services.programme import programme_service_record
from perinatal.pathways.services.screening import screening_record
from perinatal.pathways.tests.factories import mother, national_number_for, participate, register

from .intake_support import offer_for, staff_of
from .test_browser_kraamzorg import assert_accessible, click, log_in

pytestmark = [pytest.mark.browser]
MOTHER_NUMBER = national_number_for(date(1996, 8, 9), 23)
PHONE = {"width": 390, "height": 844}


def log_out(tab) -> None:
    tab.context.clear_cookies()


def fits_the_phone(tab) -> None:
    width = tab.evaluate("document.documentElement.scrollWidth")
    wide = tab.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 391)"
        ".slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id)"
    )
    assert width <= PHONE["width"], (width, wide)


@pytest.fixture
def screening_catalogue(transactional_db):
    """The screening catalogue (an earlier transactional test may have flushed what the
    migrations stored)."""
    catalogue.load()


def test_an_ocmw_refers_and_the_maternity_care_assistant_joins_the_team_and_an_mdo(
    page, screening_catalogue, ocmw_user, kraamzorg_user, midwife, provider
):
    offer = offer_for(kraamzorg_user, name="Kraamzorg Brussel")
    assistant = staff_of(offer, username="anna-kraamverzorgende")
    assistant.first_name, assistant.last_name = "Anna", "Kraamverzorgende"
    assistant.save()
    family = register(midwife, mother=mother(national_number=MOTHER_NUMBER, no_national_number=""))
    grant = access.grant_for(midwife, family)
    team_member_add(by=midwife, pregnancy=family, grant=grant, organisation=provider.organisation)
    participate(provider)
    participate(midwife)
    screening_record(
        by=midwife,
        pregnancy=family,
        grant=grant,
        date=date.today(),
        positive={"housing", "finances"},
    )
    # The care coordination that the consultation belongs to (one per coordination period,
    # seed 002; decision 0025), by the programme's GP.
    programme_service_record(
        by=provider,
        pregnancy=family,
        grant=access.grant_for(provider, family),
        kind=ProgrammeServiceKind.COORDINATION,
        date=date.today(),
    )

    # 1. The OCMW social worker, on a phone, in French.
    page.set_viewport_size(PHONE)
    log_in(page, ocmw_user, "fr")
    click(page, "header a[href='/fr/kraamzorg/mine/']")
    click(page, "main a[href='/fr/kraamzorg/refer/']")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    fits_the_phone(page)
    assert_accessible(page)
    page.fill("textarea[name=reason]", "La mère demande de l'aide à la maison après la naissance.")
    page.fill("textarea[name=vulnerability_reason]", "Mère seule, revenu d'intégration du CPAS.")
    page.fill("input[name=contact_name]", "Amina")
    page.fill("input[name=contact_phone]", "0470 00 00 00")
    page.fill("input[name=mother_national_number]", MOTHER_NUMBER)
    page.fill("input[name=due_date]", (date.today() + timedelta(days=80)).isoformat())
    page.fill("input[name=postcode]", "1080")
    page.fill("input[name=municipality]", "Molenbeek-Saint-Jean")
    page.fill("input[name=adults]", "1")
    page.fill("input[name=children]", "1")
    page.check("input[name=income_band][value=A]")
    click(page, "form.kraamzorg-refer button[type=submit]")
    referred = KraamzorgRequest.objects.get()
    expect(page).to_have_url(re.compile(rf"/fr/kraamzorg/requests/{referred.public_id}/$"))
    expect(page.locator("dd.status")).to_have_text("soumise")
    expect(page.locator("main")).not_to_contain_text("Testmoeder")
    fits_the_phone(page)
    assert referred.pregnancy == family
    # the family's record stays closed to her
    page.goto(f"/fr/families/{family.public_id}/")
    expect(page.locator("main")).not_to_contain_text("Testmoeder")
    log_out(page)

    # 2. The service's intake worker, in Dutch, accepts and assigns the assistant.
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, kraamzorg_user, "nl")
    page.goto(f"/nl/kraamzorg/intake/{referred.public_id}/")
    expect(page.locator("p.vulnerable-mark")).to_contain_text("aangeduid door de verwijzer")
    page.check("input[name=decide-status][value=accepted]")
    page.fill("input[name=decide-planned_start]", (date.today() + timedelta(days=82)).isoformat())
    page.fill("input[name=decide-planned_hours]", "36")
    page.select_option("select[name=decide-assistant]", label="Anna Kraamverzorgende")
    click(page, "form.decision-form button[type=submit]")
    expect(page.locator("dd.status")).to_have_attribute("data-status", "accepted")
    expect(page.locator("dd.assistant")).to_have_text("Anna Kraamverzorgende")
    referred.refresh_from_db()
    assert referred.status == RequestStatus.ACCEPTED and referred.assistant == assistant
    log_out(page)

    # 3. The programme provider records the consultation and names the assistant, in Dutch.
    log_in(page, provider, "nl")
    page.goto(f"/nl/families/{family.public_id}/services/new/")
    page.select_option("select[name=kind]", "mdo")
    page.fill("input[name=date]", date.today().isoformat())
    page.fill("input[name=participants]", "3")
    click(page, "main form.stacked-form button[type=submit]")
    expect(page).to_have_url(re.compile(rf"/nl/families/{family.public_id}/#services$"))
    click(page, "#services a[href*='/mdo/']")
    member = family.team.get(professional=assistant, ended_at__isnull=True)
    page.select_option(
        "select[name=member]", label=f"{member.organisation} — Anna Kraamverzorgende"
    )
    click(page, "main form.stacked-form button[type=submit]")
    expect(page.locator("#mdo-participants li")).to_contain_text(["Anna Kraamverzorgende"])
    assert MdoParticipant.objects.get().member.professional == assistant
    log_out(page)

    # 4. The assistant, on a phone, in English: in the care team and in the consultation.
    page.set_viewport_size(PHONE)
    log_in(page, assistant, "en")
    page.goto(f"/en/families/{family.public_id}/")
    expect(page.locator("#team")).to_contain_text("Anna Kraamverzorgende")
    expect(page.locator("#services")).to_contain_text("multidisciplinary consultation")
    fits_the_phone(page)
    click(page, "#services a[href*='/mdo/']")
    expect(page.locator("h1")).to_have_text("Multidisciplinary consultation")
    expect(page.locator("#mdo-participants")).to_contain_text("Anna Kraamverzorgende")
    fits_the_phone(page)
    assert_accessible(page)
