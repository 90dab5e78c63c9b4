"""ONE in the family record (issue 14, item 4; docs/decisions/0028-care-network.md): ONE, Kind
en Gezin's French-speaking counterpart ("ONE: its French-speaking counterpart", DOMAIN.md),
leads a family's follow-up as Kind en Gezin does, records its consultations as contacts, and
its professionals are in the care team. The Kindboekje stays Kind en Gezin's (seed 000): ONE
never hands one out."""

from datetime import date

import pytest

from perinatal.accounts.constants import OrganisationKind
from perinatal.audit.models import AccessBasis, AccessEvent
from perinatal.booklets.models import Booklet
from perinatal.booklets.services import booklet_hand_out
from perinatal.core.refusals import NoAccess
from perinatal.pathways import access
from perinatal.pathways.constants import ContactKind
from perinatal.pathways.services.care_team import CARE_KINDS, team_member_add
from perinatal.pathways.services.discharges import FIRST_LINE_KINDS
from perinatal.pathways.services.families import contact_record
from perinatal.pathways.timeline import records

from .factories import register

pytestmark = pytest.mark.django_db


def test_one_leads_the_follow_up_of_a_family_it_registers(one_nurse):
    family = register(one_nurse)
    assert family.lead_organisation == one_nurse.organisation
    assert family.lead_organisation.kind == OrganisationKind.ONE
    assert access.grant_for(one_nurse, family).basis == AccessBasis.CARE_TEAM


def test_a_one_consultation_is_a_contact_on_the_timeline(one_nurse):
    family = register(one_nurse)
    contact = contact_record(
        by=one_nurse,
        pregnancy=family,
        grant=access.grant_for(one_nurse, family),
        date=date.today(),
        kind=ContactKind.CONSULTATION,
        note="consultation prénatale",
    )
    assert contact.organisation == one_nurse.organisation
    assert AccessEvent.objects.filter(
        actor_username=one_nurse.username, subject=str(family.public_id)
    ).exists()
    entries = [e for e in records(family) if e.kind == "contact"]
    assert [(e.title, e.by) for e in entries] == [
        (str(ContactKind.CONSULTATION.label), one_nurse.organisation.name)
    ]


def test_one_joins_a_team_led_by_kind_en_gezin_and_sees_with_consent(kg_nurse, one_nurse):
    family = register(kg_nurse)
    team_member_add(
        by=kg_nurse,
        pregnancy=family,
        grant=access.grant_for(kg_nurse, family),
        organisation=one_nurse.organisation,
    )
    assert access.grant_for(one_nurse, family).basis == AccessBasis.CONSENT


@pytest.mark.parametrize(
    "kind",
    [OrganisationKind.ONE, OrganisationKind.GP_PRACTICE, OrganisationKind.COMMUNITY_HEALTH_CENTRE],
)
def test_the_first_line_gives_care_and_receives_discharges(kind):
    assert kind in CARE_KINDS and kind in FIRST_LINE_KINDS


@pytest.mark.parametrize(
    "kind",
    [
        OrganisationKind.OCMW,
        OrganisationKind.CAW,
        OrganisationKind.CGG,
        OrganisationKind.PSYCHOLOGIST_PRACTICE,
    ],
)
def test_the_actors_who_only_refer_never_join_a_team(kg_nurse, kind):
    from perinatal.accounts.tests.factories import OrganisationFactory
    from perinatal.core.refusals import InvalidInput

    family = register(kg_nurse)
    with pytest.raises(InvalidInput):
        team_member_add(
            by=kg_nurse,
            pregnancy=family,
            grant=access.grant_for(kg_nurse, family),
            organisation=OrganisationFactory(kind=kind),
        )
    assert kind not in CARE_KINDS and kind not in FIRST_LINE_KINDS


def test_one_never_hands_out_a_kindboekje(one_nurse):
    family = register(one_nurse)
    with pytest.raises(NoAccess):
        booklet_hand_out(by=one_nurse, pregnancy=family, on=date.today())
    assert not Booklet.objects.exists()
