"""Asking for kraamzorg through the services: the parents' request (with or without login),
a professional's referral with its vulnerability mark, one open request per family and
service, the service's area, who may ask, and the access-log rows."""

from datetime import date, timedelta

import pytest

from perinatal.audit.models import AccessEvent
from perinatal.core.refusals import InvalidInput, NoAccess, RuleRefused
from perinatal.kraamzorg.constants import RequestSource, RequestStatus, Vulnerability
from perinatal.kraamzorg.models import KraamzorgRequest
from perinatal.kraamzorg.services.requests import request_refer, request_submit
from perinatal.pathways import access
from perinatal.pathways.services.screening import screening_record
from perinatal.pathways.tests.factories import mother, national_number_for, participate, register

from .intake_support import offer_for, request_input

pytestmark = pytest.mark.django_db

NUMBER = national_number_for(date(1994, 3, 12), 7)


def test_anonymous_parent_request_is_stored_with_a_hashed_family_key(kraamzorg_user):
    offer = offer_for(kraamzorg_user)
    made = request_submit(by=None, offer=offer, data=request_input())
    assert made.status == RequestStatus.SUBMITTED
    assert made.source == RequestSource.PARENT
    assert made.submitted_by is None and made.pregnancy is None
    assert made.area_nis == "04000"
    assert len(made.family_key) == 64 and "sara" not in made.family_key
    row = AccessEvent.objects.get(record_id=str(made.public_id))
    assert (row.action, row.basis, row.subject) == ("create", "own_record", str(made.public_id))


def test_logged_in_parent_is_linked_to_the_request(kraamzorg_user, parent):
    offer = offer_for(kraamzorg_user)
    made = request_submit(by=parent, offer=offer, data=request_input(contact_name=""))
    assert made.submitted_by == parent


def test_mothers_national_number_links_the_family_on_the_platform(kraamzorg_user, kg_nurse):
    pregnancy = register(kg_nurse, mother=mother(national_number=NUMBER, no_national_number=""))
    offer = offer_for(kraamzorg_user)
    made = request_submit(by=None, offer=offer, data=request_input(mother_national_number=NUMBER))
    assert made.pregnancy == pregnancy
    assert made.family_key == f"pregnancy:{pregnancy.public_id.hex}"
    row = AccessEvent.objects.filter(record_id=str(made.public_id)).get()
    assert row.subject == str(pregnancy.public_id)
    assert NUMBER not in str(KraamzorgRequest.objects.filter(pk=made.pk).values().get())


def test_same_family_second_open_request_at_the_same_service_is_already_open(kraamzorg_user):
    offer = offer_for(kraamzorg_user)
    request_submit(by=None, offer=offer, data=request_input())
    with pytest.raises(RuleRefused) as refused:
        # The same e-mail (other case) and due date: the same family.
        request_submit(by=None, offer=offer, data=request_input(contact_email="SARA@example.org"))
    assert refused.value.code == "already_open"
    assert KraamzorgRequest.objects.count() == 1


def test_same_family_may_ask_another_service(kraamzorg_user):
    request_submit(by=None, offer=offer_for(kraamzorg_user), data=request_input())
    request_submit(by=None, offer=offer_for(), data=request_input())
    assert KraamzorgRequest.objects.count() == 2


def test_national_number_identifies_the_family_across_contact_details(kraamzorg_user):
    offer = offer_for(kraamzorg_user)
    request_submit(by=None, offer=offer, data=request_input(mother_national_number=NUMBER))
    with pytest.raises(RuleRefused) as refused:
        request_submit(
            by=None,
            offer=offer,
            data=request_input(mother_national_number=NUMBER, contact_email="other@example.org"),
        )
    assert refused.value.code == "already_open"


@pytest.mark.parametrize(
    ("postcodes", "areas", "postcode", "served"),
    [
        ([], ["04000"], "1080", True),
        ([], ["04000"], "2000", False),
        (["1000", "1080"], [], "1080", True),
        (["1000"], [], "1080", False),
        (["2000"], ["04000"], "2000", True),
    ],
)
def test_request_outside_the_services_area_is_refused(
    kraamzorg_user, postcodes, areas, postcode, served
):
    offer = offer_for(kraamzorg_user, postcodes=postcodes, areas=areas)
    data = request_input(postcode=postcode, municipality="Somewhere")
    if served:
        assert request_submit(by=None, offer=offer, data=data).pk
    else:
        with pytest.raises(RuleRefused) as refused:
            request_submit(by=None, offer=offer, data=data)
        assert refused.value.code == "outside_area"
        assert not KraamzorgRequest.objects.exists()


def test_inactive_service_takes_no_request(kraamzorg_user):
    offer = offer_for(kraamzorg_user, active=False)
    with pytest.raises(RuleRefused) as refused:
        request_submit(by=None, offer=offer, data=request_input())
    assert refused.value.code == "outside_area"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"due_date": None, "birth_date": None}, "due_date"),
        ({"postcode": "12"}, "postcode"),
        ({"municipality": " "}, "municipality"),
        ({"adults": 0}, "adults"),
        ({"children": -1}, "children"),
        ({"income_band": "Z"}, "income_band"),
        ({"help_wanted": ["cooking_dinner"]}, "help_wanted"),
        ({"contact_name": ""}, "contact_name"),
        ({"contact_phone": "", "contact_email": ""}, "contact_phone"),
        ({"contact_email": "not-an-address"}, "contact_email"),
        ({"mother_national_number": "12345678901"}, "mother_national_number"),
        ({"birth_date": date.today() + timedelta(days=3)}, "birth_date"),
    ],
)
def test_wrong_input_names_the_field_and_stores_nothing(kraamzorg_user, overrides, field):
    with pytest.raises(InvalidInput) as error:
        request_submit(by=None, offer=offer_for(kraamzorg_user), data=request_input(**overrides))
    assert field in error.value.error_dict
    assert not KraamzorgRequest.objects.exists()


def test_a_professional_cannot_use_the_parents_form(kraamzorg_user, kg_nurse):
    with pytest.raises(NoAccess):
        request_submit(by=kg_nurse, offer=offer_for(kraamzorg_user), data=request_input())


def test_referral_needs_a_reason(kraamzorg_user, kg_nurse):
    pregnancy = register(kg_nurse)
    with pytest.raises(InvalidInput) as error:
        request_refer(
            by=kg_nurse,
            pregnancy=pregnancy,
            offer=offer_for(kraamzorg_user),
            data=request_input(),
            reason="  ",
        )
    assert "reason" in error.value.error_dict


def test_referral_by_a_professional_of_the_care_team(kraamzorg_user, kg_nurse):
    pregnancy = register(kg_nurse)
    made = request_refer(
        by=kg_nurse,
        pregnancy=pregnancy,
        offer=offer_for(kraamzorg_user),
        data=request_input(),
        reason="Young mother alone at home",
    )
    assert made.source == RequestSource.KIND_EN_GEZIN
    assert made.referrer_organisation == kg_nurse.organisation
    assert made.vulnerability == Vulnerability.NONE
    row = AccessEvent.objects.get(record_id=str(made.public_id))
    assert (row.basis, row.subject) == ("care_team", str(pregnancy.public_id))


def test_referrer_marks_a_vulnerable_family_with_a_reason(kraamzorg_user, midwife):
    pregnancy = register(midwife)
    made = request_refer(
        by=midwife,
        pregnancy=pregnancy,
        offer=offer_for(kraamzorg_user),
        data=request_input(),
        reason="Needs help at home",
        vulnerability_reason="No network, first child",
    )
    assert made.source == RequestSource.INDEPENDENT_MIDWIFE
    assert made.vulnerability == Vulnerability.REFERRER


def test_scenario_b_of_the_screening_marks_the_family_vulnerable(kraamzorg_user, provider):
    participate(provider)
    pregnancy = register(provider)
    screening_record(
        by=provider,
        pregnancy=pregnancy,
        grant=access.grant_for(provider, pregnancy),
        date=date.today(),
        positive={"housing", "finances"},
    )
    made = request_refer(
        by=provider,
        pregnancy=pregnancy,
        offer=offer_for(kraamzorg_user),
        data=request_input(),
        reason="Scenario B family",
    )
    assert made.vulnerability == Vulnerability.SCENARIO_B


def test_professional_who_may_not_see_the_family_cannot_refer_it(kraamzorg_user, kg_nurse, midwife):
    pregnancy = register(kg_nurse, consent_to_share=False)
    with pytest.raises(NoAccess):
        request_refer(
            by=midwife,
            pregnancy=pregnancy,
            offer=offer_for(kraamzorg_user),
            data=request_input(),
            reason="x",
        )
    assert not KraamzorgRequest.objects.exists()


@pytest.mark.parametrize("role_fixture", ["analyst", "editor", "admin_user", "parent"])
def test_personas_who_are_not_care_professionals_cannot_refer(
    request, kraamzorg_user, kg_nurse, role_fixture
):
    user = request.getfixturevalue(role_fixture)
    pregnancy = register(kg_nurse)
    with pytest.raises(NoAccess):
        request_refer(
            by=user,
            pregnancy=pregnancy,
            offer=offer_for(kraamzorg_user),
            data=request_input(),
            reason="x",
        )


def test_referral_and_parents_request_for_the_same_family_are_one_family(kraamzorg_user, kg_nurse):
    pregnancy = register(kg_nurse, mother=mother(national_number=NUMBER, no_national_number=""))
    offer = offer_for(kraamzorg_user)
    request_refer(by=kg_nurse, pregnancy=pregnancy, offer=offer, data=request_input(), reason="r")
    with pytest.raises(RuleRefused) as refused:
        request_submit(by=None, offer=offer, data=request_input(mother_national_number=NUMBER))
    assert refused.value.code == "already_open"
