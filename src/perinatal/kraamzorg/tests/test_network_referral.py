"""Referral to kraamzorg by every actor of seed 003, and the kraamzorg service in the
family's care team for the period of care (docs/decisions/0028-care-network.md).

Seed 003: "Verschillende zorgactoren (gynaecologen, huisartsen, psychologen,
consultatiebureaus Kind en Gezin, vroedvrouwen, OCMW, CAW, CGG,…) die met (aanstaande) ouders
in contact komen, moeten kwetsbare gezinnen zorgzaam kunnen doorverwijzen naar het aanbod van
kraamzorg. De kraamverzorgende dient een volwaardig lid te worden van het multidisciplinaire
team dat rond het gezin staat."
"""

from datetime import date

import pytest

from django.urls import reverse

from perinatal.accounts.constants import Role
from perinatal.audit.models import AccessBasis, AccessEvent
from perinatal.core.refusals import InvalidInput, NoAccess
from perinatal.kraamzorg.constants import RequestSource, RequestStatus, Vulnerability
from perinatal.kraamzorg.models import KraamzorgRequest
from perinatal.kraamzorg.services.care import request_close, visit_record
from perinatal.kraamzorg.services.referral import request_refer_family
from perinatal.kraamzorg.services.requests import request_decide, request_withdraw
from perinatal.pathways import access
from perinatal.pathways.services.care_team import consent_record
from perinatal.pathways.tests.factories import mother, national_number_for, register

from .intake_support import offer_for, request_input, staff_of

pytestmark = pytest.mark.django_db
MOTHER_NUMBER = national_number_for(date(1995, 4, 2), 17)
REASON = "The mother asks for help at home after the birth."
WHY = "Single mother with a living wage; no network in Brussels."

# Each actor seed 003 names, as the role on the platform, and the source the request shows
# (a gynaecologist works in a hospital or as a programme provider; Kind en Gezin's
# consultation bureau is the Kind en Gezin team).
SEED_003_ACTORS = [
    ("gynaecologen", Role.HOSPITAL, RequestSource.HOSPITAL),
    ("huisartsen", Role.GP_PRACTICE, RequestSource.GP_PRACTICE),
    (
        "huisartsen (wijkgezondheidscentrum)",
        Role.COMMUNITY_HEALTH_CENTRE,
        RequestSource.COMMUNITY_HEALTH_CENTRE,
    ),
    ("psychologen", Role.PSYCHOLOGIST_PRACTICE, RequestSource.PSYCHOLOGIST_PRACTICE),
    ("consultatiebureaus Kind en Gezin", Role.KG_PROFESSIONAL, RequestSource.KIND_EN_GEZIN),
    ("ONE", Role.ONE_PROFESSIONAL, RequestSource.ONE),
    ("vroedvrouwen", Role.INDEPENDENT_MIDWIFE, RequestSource.INDEPENDENT_MIDWIFE),
    ("OCMW", Role.OCMW, RequestSource.OCMW),
    ("CAW", Role.CAW, RequestSource.CAW),
    ("CGG", Role.CGG, RequestSource.CGG),
]


@pytest.fixture
def offer(kraamzorg_user):
    return offer_for(kraamzorg_user)


@pytest.fixture
def family(midwife):
    """A family on the platform, registered by a midwife, consent to share given."""
    return register(midwife, mother=mother(national_number=MOTHER_NUMBER, no_national_number=""))


def refer(by, offer, **data):
    return request_refer_family(
        by=by,
        offer=offer,
        data=request_input(**data),
        reason=REASON,
        vulnerability_reason=WHY,
    )


@pytest.mark.parametrize(("actor", "role", "source"), SEED_003_ACTORS, ids=lambda v: str(v))
def test_every_actor_of_seed_003_refers_a_vulnerable_family(persona, offer, actor, role, source):
    referrer = persona(role)
    made = refer(referrer, offer)
    assert made.source == source
    assert made.referrer_organisation == referrer.organisation
    assert (made.vulnerability, made.vulnerability_reason) == (Vulnerability.REFERRER, WHY)
    assert made.referral_reason == REASON and made.status == RequestStatus.SUBMITTED


@pytest.mark.parametrize("field", ["reason", "vulnerability_reason"])
def test_a_referral_without_its_reason_or_why_vulnerable_is_refused(ocmw_user, offer, field):
    texts = {"reason": REASON, "vulnerability_reason": WHY, field: "  "}
    with pytest.raises(InvalidInput) as refused:
        request_refer_family(by=ocmw_user, offer=offer, data=request_input(), **texts)
    assert field in refused.value.error_dict
    assert not KraamzorgRequest.objects.exists()


@pytest.mark.parametrize("who", ["analyst", "editor", "parent", "admin_user"])
def test_who_is_no_referring_professional_cannot_refer(request, offer, who):
    with pytest.raises(NoAccess):
        refer(request.getfixturevalue(who), offer)
    assert not KraamzorgRequest.objects.exists()


def test_the_national_number_links_the_family_without_showing_it(ocmw_user, offer, family):
    made = refer(ocmw_user, offer, mother_national_number=MOTHER_NUMBER)
    assert made.pregnancy == family
    # the referrer still never sees the record
    assert access.grant_for(ocmw_user, family) is None
    # the creation is logged under the family, on the basis of the referral
    event = AccessEvent.objects.filter(actor_username=ocmw_user.username).latest("id")
    assert (event.subject, event.basis) == (str(family.public_id), AccessBasis.REFERRAL)


def test_the_referrer_sees_its_referral_and_the_answer_and_nothing_else(
    client_for, ocmw_user, kraamzorg_user, offer, family
):
    made = refer(ocmw_user, offer, mother_national_number=MOTHER_NUMBER)
    request_decide(
        by=kraamzorg_user,
        kraamzorg_request=made,
        status=RequestStatus.ACCEPTED,
        planned_start=date.today(),
        planned_hours=24,
    )
    client = client_for(ocmw_user)
    before = AccessEvent.objects.filter(actor_username=ocmw_user.username).count()
    page = client.get(reverse("kraamzorg:request", args=[made.public_id]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Testmoeder" not in body and "Amina" not in body  # nothing of the record
    assert 'data-status="accepted"' in body
    mine = client.get(reverse("kraamzorg:mine"))
    assert mine.status_code == 200 and str(made.public_id) in mine.content.decode()
    # every read is in the access log, under the family
    rows = AccessEvent.objects.filter(actor_username=ocmw_user.username)
    assert rows.count() == before + 2
    assert set(rows.values_list("subject", flat=True)) == {str(family.public_id)}
    # the family's pages, its search and the intake stay closed
    for url in (
        reverse("pathways:pregnancy", args=[family.public_id]),
        reverse("pathways:find"),
        reverse("kraamzorg:intake"),
    ):
        assert client.get(url).status_code == 403, url


def test_another_organisations_referral_is_refused(client_for, persona, ocmw_user, offer):
    made = refer(ocmw_user, offer)
    other = persona(Role.OCMW, username="other-ocmw")
    page = client_for(other).get(reverse("kraamzorg:request", args=[made.public_id]))
    assert page.status_code == 403
    # Only the refused attempt is logged (decision 0033).
    [row] = AccessEvent.objects.filter(actor_username=other.username)
    assert (row.outcome, row.refusal) == ("refused", "wrong_organisation")


# --- The service in the care team for the period of care.


@pytest.fixture
def accepted(ocmw_user, kraamzorg_user, offer, family):
    made = refer(ocmw_user, offer, mother_national_number=MOTHER_NUMBER)
    assistant = staff_of(offer, username="kraamverzorgende")
    return request_decide(
        by=kraamzorg_user,
        kraamzorg_request=made,
        status=RequestStatus.ACCEPTED,
        planned_start=date.today(),
        planned_hours=24,
        assistant=assistant,
    )


def test_accepting_brings_the_service_and_its_assistant_into_the_team(accepted, family):
    member = family.team.get(organisation=accepted.offer.service.organisation)
    assert member.ended_at is None and member.professional == accepted.assistant
    assert accepted.team_member == member
    # with the family's consent the assistant sees the record, as the rest of the team
    assert access.grant_for(accepted.assistant, family).basis == AccessBasis.CONSENT


def test_without_the_familys_consent_the_service_does_not_see_the_record(accepted, family, midwife):
    consent_record(
        by=midwife, pregnancy=family, grant=access.grant_for(midwife, family), given=False
    )
    family.refresh_from_db()
    assert access.grant_for(accepted.assistant, family) is None


def test_closing_the_dossier_ends_the_membership(accepted, family, kraamzorg_user):
    visit_record(
        by=kraamzorg_user,
        kraamzorg_request=accepted,
        date=date.today(),
        hours="3",
        carer="Anna",
    )
    request_close(by=kraamzorg_user, kraamzorg_request=accepted)
    member = family.team.get(organisation=accepted.offer.service.organisation)
    assert member.ended_at is not None
    assert access.grant_for(accepted.assistant, family) is None


def test_withdrawing_the_accepted_request_ends_the_membership(accepted, family, ocmw_user):
    request_withdraw(by=ocmw_user, kraamzorg_request=accepted)
    assert family.team.get(organisation=accepted.offer.service.organisation).ended_at


def test_a_membership_from_before_the_dossier_stays(
    ocmw_user, kraamzorg_user, offer, family, midwife
):
    from perinatal.pathways.services.care_team import team_member_add

    team_member_add(
        by=midwife,
        pregnancy=family,
        grant=access.grant_for(midwife, family),
        organisation=kraamzorg_user.organisation,
    )
    made = refer(ocmw_user, offer, mother_national_number=MOTHER_NUMBER)
    request_decide(
        by=kraamzorg_user,
        kraamzorg_request=made,
        status=RequestStatus.ACCEPTED,
        planned_start=date.today(),
        planned_hours=12,
    )
    made.refresh_from_db()
    assert made.team_member is None
    request_close(by=kraamzorg_user, kraamzorg_request=made)
    assert family.team.get(organisation=kraamzorg_user.organisation).ended_at is None


def test_an_assistant_of_another_service_is_refused(ocmw_user, kraamzorg_user, offer, family):
    made = refer(ocmw_user, offer, mother_national_number=MOTHER_NUMBER)
    stranger = staff_of(offer_for(), username="elsewhere")
    with pytest.raises(InvalidInput) as refused:
        request_decide(
            by=kraamzorg_user,
            kraamzorg_request=made,
            status=RequestStatus.ACCEPTED,
            planned_start=date.today(),
            planned_hours=12,
            assistant=stranger,
        )
    assert "assistant" in refused.value.error_dict
    made.refresh_from_db()
    assert (
        made.status == RequestStatus.SUBMITTED
        and not family.team.filter(organisation=kraamzorg_user.organisation).exists()
    )


def test_a_request_without_a_family_on_the_platform_joins_no_team(ocmw_user, kraamzorg_user, offer):
    made = refer(ocmw_user, offer)
    answered = request_decide(
        by=kraamzorg_user,
        kraamzorg_request=made,
        status=RequestStatus.ACCEPTED,
        planned_start=date.today(),
        planned_hours=12,
    )
    assert answered.pregnancy is None and answered.team_member is None
