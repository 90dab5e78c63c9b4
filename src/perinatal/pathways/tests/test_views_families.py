"""The professionals' pages for finding and registering a family, the family page, the birth,
contacts, the care team and consent, emergency access and the export."""

import json
from datetime import date, timedelta

import pytest

from django.urls import reverse

from perinatal.audit.models import AccessAction, AccessBasis, AccessEvent
from perinatal.core.geography import BRUSSELS
from perinatal.pathways import access
from perinatal.pathways.models import Birth, Consent, Contact, EmergencyAccess, Pregnancy
from perinatal.pathways.services import families

from .api_support import national_numbers_in
from .factories import child, mother, national_number_for, participate, register

pytestmark = pytest.mark.django_db

NUMBER = national_number_for(date(1994, 3, 12), 7)


def url(name: str, pregnancy: Pregnancy | None = None) -> str:
    return reverse(f"pathways:{name}", args=[pregnancy.public_id] if pregnancy else [])


@pytest.fixture
def family(midwife):
    return register(midwife, mother=mother(national_number=NUMBER, no_national_number=""))


def register_data(**overrides) -> dict:
    data = {
        "mother_given_name": "Fatima",
        "mother_family_name": "Nieuwmoeder",
        "mother_birth_date": "1996-05-01",
        "mother_national_number": "",
        "mother_no_national_number": "no_legal_residence",
        "postcode": "1030",
        "municipality": "Schaerbeek",
        "languages": ["ar", "fr"],
        "due_date": (date.today() + timedelta(days=120)).isoformat(),
        "consent_to_share": "on",
    }
    data.update(overrides)
    return data


# --- Finding a family ---------------------------------------------------------------------


def test_search_by_name_lists_only_visible_families(client_for, midwife, kg_nurse, family):
    register(kg_nurse, mother=mother(family_name="Andermoeder"))
    response = client_for(midwife).get(url("find"), {"q": "moeder"})
    html = response.content.decode()
    assert response.status_code == 200
    assert url("pregnancy", family) in html
    assert "Andermoeder" not in html
    assert AccessEvent.objects.filter(actor=midwife, action=AccessAction.SEARCH).exists()


def test_a_visible_family_found_by_number_opens_without_the_number_in_a_url(
    client_for, midwife, family
):
    response = client_for(midwife).post(url("find"), {"national_number": NUMBER})
    assert response.status_code == 302
    assert response.url == url("pregnancy", family)
    assert NUMBER not in response.url
    assert not national_numbers_in(" ".join(AccessEvent.objects.values_list("reason", flat=True)))


def test_a_family_found_by_number_outside_the_team_shows_only_that_a_record_exists(
    client_for, kg_nurse, family
):
    response = client_for(kg_nurse).post(url("find"), {"national_number": NUMBER})
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["number_result"] == "hidden"
    assert "Testmoeder" not in html and "Amina" not in html
    assert NUMBER not in html
    assert reverse("pathways:emergency", args=[family.public_id]) in html


def test_a_number_not_registered_says_so(client_for, midwife):
    response = client_for(midwife).post(
        url("find"), {"national_number": national_number_for(date(1990, 1, 2), 3)}
    )
    assert response.status_code == 200
    assert response.context["number_result"] == "none"


@pytest.mark.parametrize("number", ["", "12345", "94031200799"])
def test_an_invalid_number_is_a_field_error(client_for, midwife, number):
    response = client_for(midwife).post(url("find"), {"national_number": number})
    assert response.status_code == 400
    assert response.context["number_form"].errors["national_number"]


def test_a_too_long_name_search_is_a_field_error(client_for, midwife):
    response = client_for(midwife).get(url("find"), {"q": "x" * 101})
    assert response.status_code == 400
    assert response.context["name_form"].errors["q"]


def test_the_find_page_never_takes_a_number_from_the_query(client_for, midwife, family):
    response = client_for(midwife).get(url("find"), {"national_number": NUMBER})
    assert response.status_code == 200
    assert "number_result" not in response.context


# --- Registering ------------------------------------------------------------------------------


def test_registering_a_family_without_a_number_leads_to_its_page(client_for, midwife):
    response = client_for(midwife).post(url("register"), register_data())
    pregnancy = Pregnancy.objects.get(mother__family_name="Nieuwmoeder")
    assert response.status_code == 302
    assert response.url == url("pregnancy", pregnancy)
    assert pregnancy.lead_organisation == midwife.organisation
    assert pregnancy.languages == ["ar", "fr"]
    assert pregnancy.consent_to_share is True
    assert pregnancy.mother.no_national_number == "no_legal_residence"


def test_registering_with_a_partner_and_numbers(client_for, midwife):
    partner_number = national_number_for(date(1990, 7, 30), 33)
    response = client_for(midwife).post(
        url("register"),
        register_data(
            mother_national_number=NUMBER,
            mother_no_national_number="",
            partner_given_name="Karim",
            partner_family_name="Partner",
            partner_national_number=partner_number,
        ),
    )
    assert response.status_code == 302
    pregnancy = Pregnancy.objects.get()
    assert pregnancy.partner.given_name == "Karim"
    assert NUMBER not in pregnancy.mother.national_number_encrypted


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"postcode": "99"}, "postcode"),
        ({"mother_no_national_number": ""}, "mother_national_number"),
        (
            {"mother_national_number": "94031200799", "mother_no_national_number": ""},
            "mother_national_number",
        ),
        ({"partner_given_name": "P", "partner_national_number": "123"}, "partner_national_number"),
        ({"due_date": "2001-01-01"}, "due_date"),
        ({"due_date": "not a date"}, "due_date"),
        ({"mother_family_name": ""}, "mother_family_name"),
        ({"languages": ["xx"]}, "languages"),
    ],
)
def test_bad_registration_input_is_a_field_error_and_stores_nothing(
    client_for, midwife, overrides, field
):
    response = client_for(midwife).post(url("register"), register_data(**overrides))
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Pregnancy.objects.exists()


def test_a_mother_with_an_ongoing_pregnancy_is_not_registered_twice(client_for, midwife, family):
    response = client_for(midwife).post(
        url("register"),
        register_data(mother_national_number=NUMBER, mother_no_national_number=""),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["mother_national_number"]
    assert Pregnancy.objects.count() == 1


# --- The family page ------------------------------------------------------------------------


def test_the_family_page_shows_the_header_with_the_number_masked(client_for, midwife, family):
    response = client_for(midwife).get(url("pregnancy", family))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Amina Testmoeder" in html
    assert "94.03.12-***.**" in html
    assert NUMBER not in html and national_numbers_in(html) == []
    # the area derived from the postcode, in the page's language
    assert any(name in html for name in (BRUSSELS.name_nl, BRUSSELS.name_fr, BRUSSELS.name_en))
    assert family.due_date.strftime("%d/%m/%Y") in html
    assert response.context["basis"] == AccessBasis.CARE_TEAM.label
    assert [line.kind for line in response.context["entitlements"]][0] == "screening"
    assert any(e.kind == "moment" for e in response.context["timeline"])


def test_reading_the_family_page_is_logged(client_for, midwife, family):
    before = AccessEvent.objects.filter(subject=str(family.public_id)).count()
    client_for(midwife).get(url("pregnancy", family))
    event = AccessEvent.objects.filter(subject=str(family.public_id)).first()
    assert AccessEvent.objects.filter(subject=str(family.public_id)).count() == before + 1
    assert (event.action, event.basis, event.actor) == ("read", "care_team", midwife)


def _fill_the_record(user, pregnancy, *, many: int) -> None:
    from perinatal.directory.models import Organization, Service
    from perinatal.pathways.services import programme, referrals
    from perinatal.pathways.services.screening import screening_record

    participate(user)
    grant = access.grant_for(user, pregnancy)
    screening_record(
        by=user, pregnancy=pregnancy, grant=grant, date=date.today(), positive={"housing"}
    )
    families.birth_record(
        by=user,
        pregnancy=pregnancy,
        grant=grant,
        date=date.today(),
        place="home",
        children=[child(), child(given_name="Adam", nicu_admission=True)],
    )
    from datetime import timedelta

    from django.utils import timezone

    from perinatal.accounts.constants import Role
    from perinatal.accounts.tests.factories import make_persona
    from perinatal.pathways.services import care_team, discharges

    hospital = make_persona(Role.HOSPITAL, username=f"hospital-{many}")
    first_line = make_persona(Role.KG_PROFESSIONAL, username=f"first-line-{many}")
    care_team.team_member_add(
        by=user, pregnancy=pregnancy, grant=grant, organisation=hospital.organisation
    )
    for i in range(many):
        discharges.discharge_record(
            by=hospital,
            pregnancy=pregnancy,
            grant=access.grant_for(hospital, pregnancy),
            discharged_at=timezone.now() - timedelta(hours=30 + i),
            to_organisation=first_line.organisation,
        )
    organization = Organization.objects.create(name=f"Dienst {many}")
    service = Service.objects.create(organization=organization, name=f"Service {many}")
    for i in range(many):
        families.contact_record(
            by=user, pregnancy=pregnancy, grant=grant, date=date.today(), kind="phone", note=str(i)
        )
        programme.programme_service_record(
            by=user,
            pregnancy=pregnancy,
            grant=grant,
            kind="physiotherapy",
            date=date.today(),
            prescribed=True,
        )
        referrals.referral_create(
            by=user, pregnancy=pregnancy, grant=grant, service=service, reason=f"reason {i}"
        )


@pytest.mark.parametrize("many", [1, 6])
def test_the_family_page_costs_the_same_few_queries_however_long_the_record(
    client_for, midwife, family, django_assert_max_num_queries, many
):
    _fill_the_record(midwife, family, many=many)
    client = client_for(midwife)
    client.get(url("pregnancy", family))  # warm the session
    with django_assert_max_num_queries(28):  # the hand-overs' two lists since decision 0027
        response = client.get(url("pregnancy", family))
    assert response.status_code == 200
    assert len(response.context["discharges"]) == many
    assert len(response.context["services"]) == many
    assert len(response.context["referrals"]) == many
    assert len(response.context["children"]) == 2


# --- Birth and contacts -----------------------------------------------------------------------


def test_twins_with_a_nicu_admission_are_recorded(client_for, midwife, family):
    client = client_for(midwife)
    assert len(client.get(url("birth", family), {"children": 2}).context["children"].forms) == 2
    response = client.post(
        url("birth", family),
        {
            "date": date.today().isoformat(),
            "place": "hospital",
            "place_name": "UMC Sint-Pieter",
            "child-TOTAL_FORMS": "2",
            "child-INITIAL_FORMS": "0",
            "child-0-given_name": "Noor",
            "child-0-sex": "F",
            "child-1-given_name": "Adam",
            "child-1-sex": "M",
            "child-1-nicu_admission": "on",
            "child-1-nicu_days": "5",
        },
    )
    assert response.status_code == 302
    birth = Birth.objects.get(pregnancy=family)
    assert [(c.given_name, c.nicu_admission, c.nicu_days) for c in birth.children.all()] == [
        ("Noor", False, None),
        ("Adam", True, 5),
    ]
    family.refresh_from_db()
    assert family.status == "born"
    html = client.get(url("pregnancy", family)).content.decode()
    assert "Adam" in html and "NICU" in html
    again = client.get(url("birth", family))
    assert again.context["recorded"] is True
    assert 'name="child-TOTAL_FORMS"' not in again.content.decode()


def test_a_bad_child_number_is_an_error_on_that_child_and_stores_nothing(
    client_for, midwife, family
):
    response = client_for(midwife).post(
        url("birth", family),
        {
            "date": date.today().isoformat(),
            "place": "home",
            "child-TOTAL_FORMS": "2",
            "child-INITIAL_FORMS": "0",
            "child-0-sex": "U",
            "child-1-sex": "U",
            "child-1-national_number": "12345678901",
        },
    )
    assert response.status_code == 400
    assert response.context["children"].forms[1].errors["national_number"]
    assert not response.context["children"].forms[0].errors
    assert not Birth.objects.exists()


def test_a_birth_in_the_future_is_refused(client_for, midwife, family):
    response = client_for(midwife).post(
        url("birth", family),
        {
            "date": (date.today() + timedelta(days=3)).isoformat(),
            "place": "home",
            "child-TOTAL_FORMS": "1",
            "child-INITIAL_FORMS": "0",
            "child-0-sex": "U",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["date"]
    assert not Birth.objects.exists()


def test_a_contact_is_recorded_and_shows_on_the_timeline(client_for, midwife, family):
    client = client_for(midwife)
    response = client.post(
        url("contact_new", family),
        {"date": date.today().isoformat(), "kind": "home_visit", "note": "Eerste huisbezoek"},
    )
    assert response.status_code == 302
    assert response.url.endswith("#timeline")
    assert Contact.objects.get(pregnancy=family).kind == "home_visit"
    assert "Eerste huisbezoek" in client.get(url("pregnancy", family)).content.decode()


@pytest.mark.parametrize("shown", [True, False])
def test_a_contact_note_is_internal_unless_shown_to_the_family(client_for, midwife, family, shown):
    """Decision 0036: the note stays with the care team unless the box is ticked; the
    timeline says which."""
    client = client_for(midwife)
    data = {"date": date.today().isoformat(), "kind": "home_visit", "note": "Borstvoeding ok"}
    if shown:
        data["share_with_family"] = "on"
    assert client.post(url("contact_new", family), data).status_code == 302
    assert Contact.objects.get(pregnancy=family).share_with_family is shown
    form = client.get(url("contact_new", family)).content.decode()
    assert 'name="share_with_family"' in form
    page = client.get(url("pregnancy", family)).content.decode()
    assert ("note-shared" in page) is shown
    assert ("note-internal" in page) is not shown


def test_a_contact_of_an_unknown_kind_is_a_field_error(client_for, midwife, family):
    response = client_for(midwife).post(
        url("contact_new", family), {"date": date.today().isoformat(), "kind": "telepathy"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["kind"]
    assert not Contact.objects.exists()


# --- Care team, consent, emergency access ---------------------------------------------------------


def test_adding_an_organisation_lets_its_professionals_in_while_the_family_consents(
    client_for, midwife, kg_nurse, family
):
    client = client_for(midwife)
    response = client.post(
        url("team", family),
        {"action": "add", "add-organisation": kg_nurse.organisation.public_id, "add-task": "K&G"},
    )
    assert response.status_code == 302
    assert client_for(kg_nurse).get(url("pregnancy", family)).status_code == 200

    response = client.post(
        url("team", family),
        {"action": "consent", "consent-given": "no", "consent-note": "Bij huisbezoek"},
    )
    assert response.status_code == 302
    assert Consent.objects.filter(pregnancy=family).first().given is False
    assert client_for(kg_nurse).get(url("pregnancy", family)).status_code == 403

    client.post(url("team", family), {"action": "consent", "consent-given": "yes"})
    assert client_for(kg_nurse).get(url("pregnancy", family)).status_code == 200
    member = family.team.get(organisation=kg_nurse.organisation)
    response = client.post(url("team", family), {"action": "end", "member": member.pk})
    assert response.status_code == 302
    assert client_for(kg_nurse).get(url("pregnancy", family)).status_code == 403


def test_the_registering_organisation_cannot_be_ended(client_for, midwife, family):
    lead = family.team.get(organisation=midwife.organisation)
    response = client_for(midwife).post(url("team", family), {"action": "end", "member": lead.pk})
    assert response.status_code == 400
    assert family.team.get(pk=lead.pk).ended_at is None


@pytest.mark.parametrize(
    "data",
    [
        {"action": "add", "add-organisation": "00000000-0000-4000-8000-000000000000"},
        {"action": "consent"},
        {"action": "end", "member": "999999"},
        {"action": "nonsense"},
    ],
)
def test_bad_team_input_is_an_error(client_for, midwife, family, data):
    response = client_for(midwife).post(url("team", family), data)
    assert response.status_code == 400
    assert family.team.count() == 1


def test_an_organisation_already_in_the_team_is_not_added_twice(client_for, midwife, family):
    response = client_for(midwife).post(
        url("team", family), {"action": "add", "add-organisation": midwife.organisation.public_id}
    )
    assert response.status_code == 400
    assert response.context["add_form"].errors["organisation"]


def test_breaking_the_glass_opens_the_record_with_the_reason_logged(client_for, kg_nurse, family):
    client = client_for(kg_nurse)
    reason = "Mother at the consultation in distress; care team unreachable."
    response = client.post(url("emergency", family), {"reason": reason})
    assert response.status_code == 302
    assert response.url == url("pregnancy", family)
    response = client.get(url("pregnancy", family))
    assert response.status_code == 200
    assert response.context["grant"].basis == AccessBasis.BREAK_THE_GLASS
    event = AccessEvent.objects.filter(actor=kg_nurse, subject=str(family.public_id)).first()
    assert (event.basis, event.reason) == ("break_the_glass", reason)


@pytest.mark.parametrize("reason", ["", "too short"])
def test_breaking_the_glass_needs_a_written_reason(client_for, kg_nurse, family, reason):
    response = client_for(kg_nurse).post(url("emergency", family), {"reason": reason})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert not EmergencyAccess.objects.exists()


def test_a_team_member_does_not_break_the_glass(client_for, midwife, family):
    response = client_for(midwife).post(url("emergency", family), {"reason": "x" * 30})
    assert response.status_code == 302
    assert not EmergencyAccess.objects.exists()


def test_the_emergency_page_of_an_unknown_family_is_404(client_for, kg_nurse):
    response = client_for(kg_nurse).get(
        reverse("pathways:emergency", args=["00000000-0000-4000-8000-000000000000"])
    )
    assert response.status_code == 404


# --- Export ------------------------------------------------------------------------------------


def test_the_export_downloads_the_family_data_and_is_logged(client_for, midwife, family):
    client = client_for(midwife)
    assert client.get(url("export", family)).status_code == 200
    assert not AccessEvent.objects.filter(action=AccessAction.EXPORT).exists()
    response = client.post(url("export", family))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    assert json.loads(text)["pregnancy"]["id"] == str(family.public_id)
    assert national_numbers_in(text) == []
    assert AccessEvent.objects.filter(
        action=AccessAction.EXPORT, subject=str(family.public_id), actor=midwife
    ).exists()


def test_a_pseudonymised_family_is_gone(client_for, midwife, family):
    Pregnancy.objects.filter(pk=family.pk).update(pseudonymised_at="2030-01-01T00:00:00Z")
    assert client_for(midwife).get(url("pregnancy", family)).status_code == 404
