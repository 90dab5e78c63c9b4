"""The follow-up work list: children of the organisation's families still without a
Kindboekje six weeks after birth, each family shown written to the access log."""

from datetime import date, timedelta

import pytest

from django.urls import reverse
from django.utils import timezone, translation

from perinatal.accounts.constants import Role
from perinatal.audit.models import AccessAction, AccessBasis, AccessEvent
from perinatal.booklets.errors import NoAccess
from perinatal.booklets.monitoring import follow_up_work_list
from perinatal.booklets.services import booklet_hand_out
from perinatal.core.national_number import masked
from perinatal.pathways.access import Grant
from perinatal.pathways.services import care_team
from perinatal.pathways.tests.factories import mother, national_number_for

from .factories import born

pytestmark = pytest.mark.django_db

PURPOSE = "follow-up work list: child without a Kindboekje"


@pytest.fixture
def other_team(persona):
    """A Kind en Gezin professional of another organisation."""
    return persona(Role.KG_PROFESSIONAL, username="kg-other")


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def listed(user) -> list[tuple]:
    work_list = follow_up_work_list(by=user, on=timezone.localdate())
    return [(e.pregnancy_id, e.child_order) for e in work_list.entries]


@pytest.mark.parametrize(("days", "on_the_list"), [(41, False), (42, True)])
def test_a_child_is_on_the_list_from_the_42nd_day_after_birth(kg_nurse, days, on_the_list):
    pregnancy = born(kg_nurse, on=days_ago(days))
    assert listed(kg_nurse) == ([(pregnancy.public_id, 1)] if on_the_list else [])


def test_a_child_with_a_kindboekje_is_not_on_the_list_but_its_twin_is(kg_nurse):
    twins = born(kg_nurse, on=days_ago(60), children=2)
    booklet_hand_out(by=kg_nurse, pregnancy=twins, on=days_ago(50), child_order=1)
    assert listed(kg_nurse) == [(twins.public_id, 2)]


def test_the_list_holds_only_the_families_of_the_organisations_care_team(kg_nurse, other_team):
    own = born(kg_nurse, on=days_ago(50))
    elsewhere = born(other_team, on=days_ago(50))
    shared = born(other_team, on=days_ago(55))
    care_team.team_member_add(
        by=other_team,
        pregnancy=shared,
        grant=Grant(AccessBasis.CARE_TEAM),
        organisation=kg_nurse.organisation,
    )
    withdrawn = born(other_team, on=days_ago(56), consent_to_share=False)
    care_team.team_member_add(
        by=other_team,
        pregnancy=withdrawn,
        grant=Grant(AccessBasis.CARE_TEAM),
        organisation=kg_nurse.organisation,
    )

    assert listed(kg_nurse) == [(own.public_id, 1), (shared.public_id, 1)]
    assert listed(other_team) == [
        (elsewhere.public_id, 1),
        (shared.public_id, 1),
        (withdrawn.public_id, 1),
    ]


def test_each_family_listed_is_written_to_the_access_log_on_its_basis(kg_nurse, other_team):
    twins = born(kg_nurse, on=days_ago(50), children=2)
    shared = born(other_team, on=days_ago(55))
    care_team.team_member_add(
        by=other_team,
        pregnancy=shared,
        grant=Grant(AccessBasis.CARE_TEAM),
        organisation=kg_nurse.organisation,
    )
    before = AccessEvent.objects.count()

    follow_up_work_list(by=kg_nurse, on=timezone.localdate())

    rows = AccessEvent.objects.order_by("id")[before:]
    assert sorted((r.subject, r.basis, r.action, r.purpose) for r in rows) == sorted(
        [
            (str(twins.public_id), AccessBasis.CARE_TEAM, AccessAction.READ, PURPOSE),
            (str(shared.public_id), AccessBasis.CONSENT, AccessAction.READ, PURPOSE),
        ]
    )
    assert {r.actor_username for r in rows} == {kg_nurse.username}


def test_an_empty_list_writes_nothing_to_the_access_log(kg_nurse):
    born(kg_nurse, on=days_ago(10))
    before = AccessEvent.objects.count()
    assert listed(kg_nurse) == []
    assert AccessEvent.objects.count() == before


@pytest.mark.parametrize("who", ["analyst", "midwife", "hospital_user", "editor", "admin_user"])
def test_the_work_list_selector_refuses_anyone_but_kind_en_gezin(request, who):
    with pytest.raises(NoAccess):
        follow_up_work_list(by=request.getfixturevalue(who), on=timezone.localdate())


def test_the_page_lists_the_family_with_links_and_no_national_number(client_for, kg_nurse):
    number = national_number_for(date(1994, 3, 12), 17)
    pregnancy = born(
        kg_nurse,
        on=days_ago(45),
        mother=mother(family_name="Volgmoeder", national_number=number, no_national_number=""),
    )
    before = AccessEvent.objects.count()
    with translation.override("en"):
        page_url = reverse("booklets:follow_up")
        family_url = reverse("pathways:pregnancy", args=[pregnancy.public_id])
        ask_url = f"{reverse('booklets:ask')}?pregnancy={pregnancy.public_id}"

    response = client_for(kg_nurse).get(page_url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Volgmoeder" in page and family_url in page and ask_url in page
    assert number not in page and masked(number) not in page
    rows = AccessEvent.objects.order_by("id")[before:]
    assert [(r.subject, r.basis, r.request_id != "") for r in rows] == [
        (str(pregnancy.public_id), AccessBasis.CARE_TEAM, True)
    ]
