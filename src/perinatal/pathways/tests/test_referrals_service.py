import pytest

from perinatal.audit.models import AccessEvent
from perinatal.core.refusals import InvalidInput, NoAccess
from perinatal.directory.models import Organization, Service
from perinatal.pathways import access, selectors
from perinatal.pathways.services import referrals

from .factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory_service():
    organization = Organization.objects.create(name="Aquarelle (test)")
    return Service.objects.create(organization=organization, name="Aquarelle follow-up")


def _refer(user, pregnancy, service, reason="Needs follow-up without insurance"):
    return referrals.referral_create(
        by=user,
        pregnancy=pregnancy,
        grant=access.grant_for(user, pregnancy),
        service=service,
        reason=reason,
    )


def test_the_loop_closes_and_the_answerer_joins_the_team(
    midwife, kraamzorg_user, directory_service
):
    kraamzorg_user.organisation.directory_organization = directory_service.organization
    kraamzorg_user.organisation.save()
    pregnancy = register(midwife)
    referral = _refer(midwife, pregnancy, directory_service)
    assert referral.to_organisation == kraamzorg_user.organisation
    assert [r.pk for r in selectors.referrals_received(user=kraamzorg_user)] == [referral.pk]
    assert AccessEvent.objects.filter(actor=kraamzorg_user, basis="referral").exists()
    assert access.grant_for(kraamzorg_user, pregnancy) is None
    referrals.referral_answer(
        by=kraamzorg_user, referral=referral, status="accepted", note="Intake on Monday"
    )
    assert access.grant_for(kraamzorg_user, pregnancy).basis == "consent"
    referrals.referral_answer(by=kraamzorg_user, referral=referral, status="completed")
    referral.refresh_from_db()
    assert (referral.status, referral.answer_note) == ("completed", "")


def test_only_the_addressed_organisation_answers(midwife, kg_nurse, directory_service):
    pregnancy = register(midwife)
    referral = _refer(midwife, pregnancy, directory_service)
    with pytest.raises(NoAccess):
        referrals.referral_answer(by=kg_nurse, referral=referral, status="accepted")


@pytest.mark.parametrize(
    ("steps", "field"),
    [
        ([("completed", "")], "status"),
        ([("declined", "")], "note"),
        ([("declined", "No place"), ("accepted", "")], "status"),
    ],
)
def test_answers_follow_the_loop(midwife, kraamzorg_user, directory_service, steps, field):
    kraamzorg_user.organisation.directory_organization = directory_service.organization
    kraamzorg_user.organisation.save()
    referral = _refer(midwife, register(midwife), directory_service)
    *allowed, (status, note) = steps
    for ok_status, ok_note in allowed:
        referrals.referral_answer(
            by=kraamzorg_user, referral=referral, status=ok_status, note=ok_note
        )
    with pytest.raises(InvalidInput) as error:
        referrals.referral_answer(by=kraamzorg_user, referral=referral, status=status, note=note)
    assert field in error.value.error_dict


def test_a_referral_needs_a_reason(midwife, directory_service):
    with pytest.raises(InvalidInput):
        _refer(midwife, register(midwife), directory_service, reason=" ")
