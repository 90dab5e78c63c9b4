"""Naming the participants of a multidisciplinary consultation (MDO) among the family's
care team — a kraamzorg service's maternity-care assistant among them (seed 003: "De
kraamverzorgende dient een volwaardig lid te worden van het multidisciplinaire team dat rond
het gezin staat"; seed 002: "Sessies van 15 minuten met maximaal 4 deelnemers").
See docs/decisions/0028-care-network.md."""

from datetime import date

import pytest

from django.urls import reverse

from perinatal.accounts.constants import Role
from perinatal.audit.models import AccessBasis, AccessEvent
from perinatal.core.refusals import InvalidInput, NoAccess
from perinatal.pathways import access
from perinatal.pathways.access import Grant
from perinatal.pathways.constants import ProgrammeServiceKind
from perinatal.pathways.models import CareTeamMember, MdoParticipant, ProgrammeService
from perinatal.pathways.services.care_team import team_member_add
from perinatal.pathways.services.mdo import mdo_participant_add

from .factories import participate, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(midwife):
    return register(midwife)


@pytest.fixture
def team(family, midwife, provider, persona):
    """The provider (who records the MDO) and a kraamzorg service with its assistant."""
    participate(provider)
    grant = access.grant_for(midwife, family)
    team_member_add(by=midwife, pregnancy=family, grant=grant, organisation=provider.organisation)
    assistant = persona(Role.KRAAMZORG_SERVICE, username="kraamverzorgende")
    kraamzorg = CareTeamMember.objects.create(
        pregnancy=family,
        organisation=assistant.organisation,
        professional=assistant,
        task="kraamzorg",
    )
    return {"provider": provider, "kraamzorg": kraamzorg, "assistant": assistant}


def mdo_of(family, by, participants=3):
    return ProgrammeService.objects.create(
        pregnancy=family,
        kind=ProgrammeServiceKind.MDO,
        date=date.today(),
        participants=participants,
        organisation=by.organisation,
        recorded_by=by,
    )


def add(by, family, mdo, member):
    return mdo_participant_add(by=by, grant=access.grant_for(by, family), mdo=mdo, member=member)


def test_the_maternity_care_assistant_takes_part_in_the_mdo(family, team):
    provider = team["provider"]
    mdo = mdo_of(family, provider)
    participant = add(provider, family, mdo, team["kraamzorg"])
    assert participant.member.professional == team["assistant"]
    event = AccessEvent.objects.filter(actor_username=provider.username).latest("id")
    assert event.subject == str(family.public_id) and event.record_id == str(mdo.public_id)


def test_no_more_participants_than_the_mdo_had(family, team, midwife):
    provider = team["provider"]
    mdo = mdo_of(family, provider, participants=2)
    add(provider, family, mdo, team["kraamzorg"])
    add(provider, family, mdo, family.team.get(organisation=provider.organisation))
    lead = family.team.get(organisation=midwife.organisation)
    with pytest.raises(InvalidInput):
        add(provider, family, mdo, lead)
    assert MdoParticipant.objects.filter(mdo=mdo).count() == 2


def test_a_participant_is_named_once(family, team):
    mdo = mdo_of(family, team["provider"])
    add(team["provider"], family, mdo, team["kraamzorg"])
    with pytest.raises(InvalidInput):
        add(team["provider"], family, mdo, team["kraamzorg"])


def test_a_member_who_left_the_team_cannot_be_named(family, team):
    from django.utils import timezone

    team["kraamzorg"].ended_at = timezone.now()
    team["kraamzorg"].save()
    with pytest.raises(InvalidInput):
        add(team["provider"], family, mdo_of(family, team["provider"]), team["kraamzorg"])


def test_only_the_recording_organisation_names_the_participants(family, team, midwife):
    mdo = mdo_of(family, team["provider"])
    with pytest.raises(NoAccess):
        add(midwife, family, mdo, team["kraamzorg"])


def test_an_emergency_access_names_no_participant(family, team):
    mdo = mdo_of(family, team["provider"])
    with pytest.raises(NoAccess):
        mdo_participant_add(
            by=team["provider"],
            grant=Grant(AccessBasis.BREAK_THE_GLASS, "urgent"),
            mdo=mdo,
            member=team["kraamzorg"],
        )
    assert not MdoParticipant.objects.exists()


def test_a_service_that_is_no_mdo_has_no_participants(family, team):
    ppa = ProgrammeService.objects.create(
        pregnancy=family,
        kind=ProgrammeServiceKind.PPA,
        date=date.today(),
        organisation=team["provider"].organisation,
    )
    with pytest.raises(InvalidInput):
        add(team["provider"], family, ppa, team["kraamzorg"])


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_the_mdo_page_names_the_assistant_for_the_team(client_for, family, team, lang):
    mdo = mdo_of(family, team["provider"])
    url = f"/{lang}/families/{family.public_id}/mdo/{mdo.public_id}/"
    client = client_for(team["provider"])
    answer = client.post(url, {"member": team["kraamzorg"].pk})
    assert answer.status_code == 302
    # the assistant sees the consultation she took part in (the family consents)
    page = client_for(team["assistant"]).get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "kraamverzorgende" in body
    assert {
        "nl": "Multidisciplinair overleg",
        "fr": "Concertation multidisciplinaire",
        "en": "Multidisciplinary consultation",
    }[lang] in body
    assert 'name="member"' not in body  # only the recorder names


def test_outside_the_team_the_mdo_page_is_refused(client_for, family, team, ocmw_user, gp_user):
    mdo = mdo_of(family, team["provider"])
    url = reverse("pathways:mdo", args=[family.public_id, mdo.public_id])
    assert client_for(ocmw_user).get(url).status_code == 403
    assert client_for(gp_user).get(url).status_code == 403
