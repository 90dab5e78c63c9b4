"""Who sees a family, and on which basis (docs/decisions/0006-family-record-access.md)."""

from datetime import timedelta

import pytest
import time_machine

from django.utils import timezone

from perinatal.accounts.constants import Role
from perinatal.audit.models import AccessBasis, AccessEvent
from perinatal.core.refusals import InvalidInput, NoAccess
from perinatal.pathways import access, selectors
from perinatal.pathways.services import care_team

from .factories import register

pytestmark = pytest.mark.django_db


def _grant(user, pregnancy):
    return access.grant_for(user, pregnancy)


def test_the_registering_organisation_sees_it_as_care_team(midwife, persona):
    pregnancy = register(midwife)
    colleague = persona(Role.INDEPENDENT_MIDWIFE, organisation=midwife.organisation)
    assert _grant(colleague, pregnancy).basis == AccessBasis.CARE_TEAM


@pytest.mark.parametrize(
    "role", [Role.ANALYST, Role.DIRECTORY_EDITOR, Role.ADMINISTRATOR, Role.PARENT]
)
def test_no_one_outside_care_sees_a_person(midwife, persona, role):
    pregnancy = register(midwife)
    assert _grant(persona(role), pregnancy) is None


def test_another_organisation_in_the_team_sees_it_only_with_consent(midwife, kg_nurse):
    pregnancy = register(midwife, consent_to_share=False)
    grant = _grant(midwife, pregnancy)
    care_team.team_member_add(
        by=midwife, pregnancy=pregnancy, grant=grant, organisation=kg_nurse.organisation
    )
    assert _grant(kg_nurse, pregnancy) is None
    care_team.consent_record(
        by=midwife,
        pregnancy=pregnancy,
        grant=grant,
        given=True,
        note="said yes at the consultation",
    )
    pregnancy.refresh_from_db()
    assert _grant(kg_nurse, pregnancy).basis == AccessBasis.CONSENT
    care_team.consent_record(by=midwife, pregnancy=pregnancy, grant=grant, given=False)
    pregnancy.refresh_from_db()
    assert _grant(kg_nurse, pregnancy) is None


def test_ending_a_membership_ends_the_access(midwife, kg_nurse):
    pregnancy = register(midwife)
    grant = _grant(midwife, pregnancy)
    member = care_team.team_member_add(
        by=midwife, pregnancy=pregnancy, grant=grant, organisation=kg_nurse.organisation
    )
    assert _grant(kg_nurse, pregnancy) is not None
    care_team.team_member_end(by=midwife, pregnancy=pregnancy, grant=grant, member=member)
    assert _grant(kg_nurse, pregnancy) is None


def test_the_registering_organisation_cannot_be_removed(midwife):
    pregnancy = register(midwife)
    member = pregnancy.team.get()
    with pytest.raises(InvalidInput):
        care_team.team_member_end(
            by=midwife, pregnancy=pregnancy, grant=_grant(midwife, pregnancy), member=member
        )


def test_break_the_glass_needs_a_reason_and_expires(midwife, hospital_user):
    pregnancy = register(midwife)
    with pytest.raises(InvalidInput) as error:
        care_team.emergency_access_open(by=hospital_user, pregnancy=pregnancy, reason="  ")
    assert "reason" in error.value.error_dict
    assert _grant(hospital_user, pregnancy) is None
    care_team.emergency_access_open(
        by=hospital_user, pregnancy=pregnancy, reason="Admitted to the emergency ward in labour"
    )
    grant = _grant(hospital_user, pregnancy)
    assert grant.basis == AccessBasis.BREAK_THE_GLASS
    assert grant.reason == "Admitted to the emergency ward in labour"
    selectors.pregnancy_for_user(user=hospital_user, public_id=pregnancy.public_id, purpose="care")
    row = AccessEvent.objects.filter(actor=hospital_user, action="read").first()
    assert row.basis == AccessBasis.BREAK_THE_GLASS and row.reason.startswith("Admitted")
    with time_machine.travel(timezone.now() + timedelta(hours=24, seconds=1)):
        assert _grant(hospital_user, pregnancy) is None


def test_a_refused_read_writes_no_data_and_raises(midwife, kraamzorg_user):
    pregnancy = register(midwife)
    before = AccessEvent.objects.count()
    with pytest.raises(NoAccess):
        selectors.pregnancy_for_user(
            user=kraamzorg_user, public_id=pregnancy.public_id, purpose="care"
        )
    assert AccessEvent.objects.count() == before


@pytest.mark.parametrize("public_id", ["not-a-uuid", "", "00000000-0000-0000-0000-000000000000"])
def test_an_unknown_id_is_not_found(midwife, public_id):
    with pytest.raises(Exception) as error:
        selectors.pregnancy_for_user(user=midwife, public_id=public_id, purpose="care")
    assert error.type.__name__ == "DoesNotExist"


def test_search_only_finds_visible_families_and_is_logged(midwife, kg_nurse):
    mine = register(midwife)
    register(kg_nurse)
    found = selectors.pregnancies_search(user=midwife, text="Testmoeder")
    assert [p.pk for p in found] == [mine.pk]
    assert AccessEvent.objects.filter(actor=midwife, action="search").exists()
    with pytest.raises(NoAccess):
        selectors.pregnancies_search(user=midwife.__class__.objects.create(username="x"))
