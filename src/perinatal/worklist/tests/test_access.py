"""The home page reads families only within the access rules and writes each family it
names to the access log, in one statement per basis; other organisations' families, ended
care-team memberships and families without consent stay off it."""

from datetime import date, timedelta

import pytest

from perinatal.audit.models import AccessBasis, AccessEvent
from perinatal.pathways import access
from perinatal.pathways.services import care_team
from perinatal.pathways.tests.factories import mother, register
from perinatal.worklist.access_log import PURPOSE
from perinatal.worklist.selectors import home_for

pytestmark = pytest.mark.django_db


def section(home, key):
    return next(s for s in home.sections if s.key == key)


def titles(home, key):
    return [item.title for item in section(home, key).items]


def test_a_family_of_another_organisation_is_not_on_the_home(midwife, kg_nurse):
    register(midwife, mother=mother(given_name="Sara", family_name="Peeters"))
    home = home_for(user=kg_nurse, on=date.today())
    assert titles(home, "families") == []


def test_a_team_member_sees_the_family_only_with_consent(midwife, kg_nurse):
    family = register(
        midwife, consent_to_share=False, mother=mother(given_name="Sara", family_name="Peeters")
    )
    care_team.team_member_add(
        by=midwife,
        pregnancy=family,
        grant=access.grant_for(midwife, family),
        organisation=kg_nurse.organisation,
    )
    assert titles(home_for(user=kg_nurse, on=date.today()), "families") == []
    # The lead organisation is asked to get the family's consent.
    assert titles(home_for(user=midwife, on=date.today()), "consent") == ["Sara Peeters"]
    family.consent_to_share = True
    family.save()
    assert titles(home_for(user=kg_nurse, on=date.today()), "families") == ["Sara Peeters"]


def test_every_family_named_is_logged_on_its_basis(midwife, kg_nurse):
    led = register(kg_nurse, mother=mother(given_name="Amina", family_name="Diallo"))
    shared = register(midwife, mother=mother(given_name="Sara", family_name="Peeters"))
    care_team.team_member_add(
        by=midwife,
        pregnancy=shared,
        grant=access.grant_for(midwife, shared),
        organisation=kg_nurse.organisation,
    )
    home_for(user=kg_nurse, on=date.today())
    logged = {
        (e.subject, e.basis)
        for e in AccessEvent.objects.filter(purpose=PURPOSE, actor_username=kg_nurse.username)
    }
    assert logged == {
        (str(led.public_id), AccessBasis.CARE_TEAM),
        (str(shared.public_id), AccessBasis.CONSENT),
    }


def test_the_start_conversation_is_due_for_kind_en_gezin_and_not_once_held(kg_nurse):
    from perinatal.pathways.constants import ContactKind
    from perinatal.pathways.services.families import contact_record

    today = date.today()
    family = register(
        kg_nurse,
        due_date=today + timedelta(weeks=12, days=3),
        mother=mother(given_name="Amina", family_name="Diallo"),
    )
    home = home_for(user=kg_nurse, on=today)
    (item,) = section(home, "start-conversations").items
    assert item.url == f"/nl/families/{family.public_id}/contacts/new/"
    assert not item.late
    contact_record(
        by=kg_nurse,
        pregnancy=family,
        grant=access.grant_for(kg_nurse, family),
        date=today,
        kind=ContactKind.START_CONVERSATION,
        note="",
    )
    assert section(home_for(user=kg_nurse, on=today), "start-conversations").items == []


def test_an_analyst_editor_or_parent_home_names_no_family(analyst, editor, parent, midwife):
    register(midwife)
    for user in (analyst, editor, parent):
        home_for(user=user, on=date.today())
    assert not AccessEvent.objects.filter(purpose=PURPOSE).exists()
