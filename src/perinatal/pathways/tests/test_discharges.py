"""Hospital discharges through the services and the database (SQLite and PostgreSQL): the
24-hour rule at its edges (seed 002, note 4: "binnen de 24 uur na het ontslag uit het
ziekenhuis beschikbaar"), the receiving organisation joining the care team and seeing the
late ones, the refusals (storing nothing), and the access log."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.db import IntegrityError, transaction

from perinatal.accounts.constants import OrganisationKind, Role
from perinatal.audit.models import AccessBasis, AccessEvent
from perinatal.core.refusals import InvalidInput, NoAccess
from perinatal.pathways import access, selectors
from perinatal.pathways.access import Grant
from perinatal.pathways.constants import ContactKind, TransferState
from perinatal.pathways.discharge_rows import discharge_row
from perinatal.pathways.models import CareTeamMember, Contact, HospitalDischarge
from perinatal.pathways.services import care_team, discharges

from .factories import register

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
DISCHARGED = datetime(2025, 6, 2, 9, 30, tzinfo=BRUSSELS)


def after(hours: int, minutes: int = 0) -> datetime:
    return DISCHARGED + timedelta(hours=hours, minutes=minutes)


@pytest.fixture
def family(midwife, hospital_user):
    """Registered by the midwife (consent to share given); the hospital in the team."""
    with time_machine.travel(DISCHARGED - timedelta(days=30), tick=False):
        pregnancy = register(midwife)
    care_team.team_member_add(
        by=midwife,
        pregnancy=pregnancy,
        grant=access.grant_for(midwife, pregnancy),
        organisation=hospital_user.organisation,
    )
    return pregnancy


def discharge(hospital_user, pregnancy, to, *, transferred=None, now=None, **kw):
    return discharges.discharge_record(
        by=hospital_user,
        pregnancy=pregnancy,
        grant=access.grant_for(hospital_user, pregnancy),
        discharged_at=DISCHARGED,
        to_organisation=to.organisation,
        transferred_at=transferred,
        now=now or after(48),
        **kw,
    )


def test_the_discharge_fixes_its_deadline_and_joins_the_receiving_team(
    family, hospital_user, kg_nurse
):
    recorded = discharge(hospital_user, family, kg_nurse, note="Ontslag na keizersnede")
    assert recorded.deadline_at == after(24)
    assert recorded.contact.kind == ContactKind.HOSPITAL_DISCHARGE
    assert recorded.contact.date == DISCHARGED.date()
    member = CareTeamMember.objects.get(pregnancy=family, organisation=kg_nurse.organisation)
    assert member.ended_at is None
    # …so the Kind en Gezin team sees the record as the team does (the family consents)
    assert access.grant_for(kg_nurse, family).basis == AccessBasis.CONSENT


@pytest.mark.parametrize(
    ("transferred", "state"),
    [
        (after(23, 59), TransferState.ON_TIME),
        (after(24, 0), TransferState.ON_TIME),
        (after(24, 1), TransferState.TRANSFERRED_LATE),
    ],
)
def test_a_transfer_at_the_edges_of_24_hours(family, hospital_user, kg_nurse, transferred, state):
    recorded = discharge(hospital_user, family, kg_nurse, transferred=transferred)
    stored = HospitalDischarge.objects.get(pk=recorded.pk)  # as the database gives it back
    assert discharge_row(stored, now=after(72)).state == state
    late = selectors.discharges_received(user=kg_nurse, late_only=True, now=after(72))
    assert (stored in late) == (state == TransferState.TRANSFERRED_LATE)


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (after(23, 59), TransferState.AWAITING),
        (after(24, 0), TransferState.AWAITING),
        (after(24, 1), TransferState.LATE),
    ],
)
def test_no_transfer_is_late_from_24h01(family, hospital_user, kg_nurse, now, state):
    recorded = discharge(hospital_user, family, kg_nurse, now=after(1))
    stored = HospitalDischarge.objects.get(pk=recorded.pk)
    assert discharge_row(stored, now=now).state == state
    late = selectors.discharges_received(user=kg_nurse, late_only=True, now=now)
    assert (stored in late) == (state == TransferState.LATE)


def test_the_transfer_recorded_later_by_the_hospital(family, hospital_user, kg_nurse):
    recorded = discharge(hospital_user, family, kg_nurse, now=after(2))
    done = discharges.discharge_transfer_record(
        by=hospital_user, discharge=recorded, transferred_at=after(25), now=after(26)
    )
    assert discharge_row(done, now=after(26)).state == TransferState.TRANSFERRED_LATE
    with pytest.raises(InvalidInput):  # once only
        discharges.discharge_transfer_record(
            by=hospital_user, discharge=recorded, transferred_at=after(25), now=after(26)
        )


def test_another_hospital_cannot_record_the_transfer(family, hospital_user, kg_nurse, persona):
    other = persona(Role.HOSPITAL, username="other-hospital")
    recorded = discharge(hospital_user, family, kg_nurse, now=after(2))
    with pytest.raises(NoAccess):
        discharges.discharge_transfer_record(
            by=other, discharge=recorded, transferred_at=after(3), now=after(4)
        )
    with pytest.raises(HospitalDischarge.DoesNotExist):
        selectors.discharge_for_hospital(user=other, public_id=recorded.public_id)
    assert HospitalDischarge.objects.get(pk=recorded.pk).transferred_at is None


def _nothing_stored(family) -> bool:
    return (
        not HospitalDischarge.objects.filter(pregnancy=family).exists()
        and not Contact.objects.filter(pregnancy=family).exists()
    )


def test_only_a_hospital_records_a_discharge(family, midwife, kg_nurse):
    with pytest.raises(NoAccess):
        discharges.discharge_record(
            by=midwife,
            pregnancy=family,
            grant=access.grant_for(midwife, family),
            discharged_at=DISCHARGED,
            to_organisation=kg_nurse.organisation,
            now=after(1),
        )
    assert _nothing_stored(family)


def test_a_hospital_outside_the_team_cannot_open_the_family(family, kg_nurse, persona):
    other = persona(Role.HOSPITAL, username="other-hospital")
    assert access.grant_for(other, family) is None
    with pytest.raises(NoAccess):
        selectors.pregnancy_for_user(user=other, public_id=family.public_id, purpose="test")
    # nor through an emergency access: a discharge is the team's
    with pytest.raises(NoAccess):
        discharges.discharge_record(
            by=other,
            pregnancy=family,
            grant=Grant(AccessBasis.BREAK_THE_GLASS, "at the emergency ward"),
            discharged_at=DISCHARGED,
            to_organisation=kg_nurse.organisation,
            now=after(1),
        )
    assert _nothing_stored(family)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"discharged_at": after(3)}, "discharged_at"),  # in the future
        ({"transferred_at": after(-1)}, "transferred_at"),  # before the discharge
        ({"transferred_at": after(5)}, "transferred_at"),  # in the future
        ({"to_organisation": None}, "to_organisation"),
    ],
)
def test_wrong_moments_are_refused_and_nothing_is_stored(
    family, hospital_user, kg_nurse, changes, field
):
    values = {
        "discharged_at": DISCHARGED,
        "to_organisation": kg_nurse.organisation,
        "transferred_at": None,
    } | changes
    with pytest.raises(InvalidInput) as refused:
        discharges.discharge_record(
            by=hospital_user,
            pregnancy=family,
            grant=access.grant_for(hospital_user, family),
            now=after(2),
            **values,
        )
    assert field in refused.value.error_dict
    assert _nothing_stored(family)


@pytest.mark.parametrize("kind", [OrganisationKind.KRAAMZORG_SERVICE, OrganisationKind.HOSPITAL])
def test_the_transfer_goes_to_the_first_line(family, hospital_user, persona, kind):
    role = Role.KRAAMZORG_SERVICE if kind == OrganisationKind.KRAAMZORG_SERVICE else Role.HOSPITAL
    other = persona(role, username=f"not-first-line-{kind}")
    assert other.organisation.kind == kind
    with pytest.raises(InvalidInput) as refused:
        discharges.discharge_record(
            by=hospital_user,
            pregnancy=family,
            grant=access.grant_for(hospital_user, family),
            discharged_at=DISCHARGED,
            to_organisation=other.organisation,
            now=after(1),
        )
    assert "to_organisation" in refused.value.error_dict
    assert _nothing_stored(family)


def test_the_first_line_kinds():
    assert {
        OrganisationKind.MIDWIFE_PRACTICE,
        OrganisationKind.KIND_EN_GEZIN,
        OrganisationKind.PROGRAMME_PROVIDER,
    } <= discharges.FIRST_LINE_KINDS
    assert OrganisationKind.HOSPITAL not in discharges.FIRST_LINE_KINDS
    if hasattr(OrganisationKind, "ONE"):
        assert OrganisationKind.ONE in discharges.FIRST_LINE_KINDS


def test_the_receiving_list_shows_only_what_was_transferred_to_you(
    family, hospital_user, kg_nurse, provider
):
    recorded = discharge(hospital_user, family, kg_nurse)
    assert selectors.discharges_received(user=kg_nurse) == [recorded]
    assert selectors.discharges_received(user=provider) == []
    assert selectors.discharges_received(user=hospital_user) == []


def test_the_receiving_list_is_in_the_access_log(family, hospital_user, kg_nurse):
    recorded = discharge(hospital_user, family, kg_nurse)
    before = AccessEvent.objects.filter(actor=kg_nurse).count()
    selectors.discharges_received(user=kg_nurse)
    row = AccessEvent.objects.filter(actor=kg_nurse).order_by("-id").first()
    assert AccessEvent.objects.filter(actor=kg_nurse).count() == before + 1
    assert row.record_id == str(recorded.public_id)
    assert row.subject == str(family.public_id)
    assert row.basis == AccessBasis.REFERRAL


def test_the_discharge_and_the_transfer_are_in_the_access_log(family, hospital_user, kg_nurse):
    recorded = discharge(hospital_user, family, kg_nurse, now=after(2))
    discharges.discharge_transfer_record(
        by=hospital_user, discharge=recorded, transferred_at=after(3), now=after(4)
    )
    rows = AccessEvent.objects.filter(actor=hospital_user, record_id=str(recorded.public_id))
    assert sorted(rows.values_list("action", flat=True)) == ["create", "update"]


def test_the_database_keeps_the_deadline_after_the_discharge(family, hospital_user, kg_nurse):
    recorded = discharge(hospital_user, family, kg_nurse)
    with pytest.raises(IntegrityError), transaction.atomic():
        HospitalDischarge.objects.filter(pk=recorded.pk).update(deadline_at=after(-1))
    with pytest.raises(IntegrityError), transaction.atomic():
        HospitalDischarge.objects.filter(pk=recorded.pk).update(transferred_at=after(-1))
    with pytest.raises(IntegrityError), transaction.atomic():
        HospitalDischarge.objects.filter(pk=recorded.pk).update(
            to_organisation=hospital_user.organisation
        )
