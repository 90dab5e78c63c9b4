"""Replacing a lost or damaged Kindboekje voids the one the family has: only an organisation in
the family's care team may (the registering organisation or a member whose membership has not
ended), through the API and the ask-first page alike; a refusal changes nothing and is in the
access log (docs/decisions/0026)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.utils import timezone

from perinatal.accounts.constants import Role
from perinatal.audit.models import AccessAction, AccessBasis, AccessEvent
from perinatal.booklets.constants import VoidReason
from perinatal.booklets.errors import NoAccess
from perinatal.booklets.models import Booklet
from perinatal.booklets.services import booklet_hand_out, booklet_replace
from perinatal.pathways.access import Grant
from perinatal.pathways.models import EmergencyAccess
from perinatal.pathways.services import care_team
from perinatal.pathways.tests.api_support import api_for
from perinatal.pathways.tests.factories import mother, national_number_for, register

from .factories import join_the_team
from .pages_support import act, status_url

pytestmark = pytest.mark.django_db

MOTHER_NUMBER = national_number_for(date(1992, 4, 9), 23)
REFUSED = "Kindboekje replacement refused: not in the care team"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(
        datetime(2025, 6, 1, 11, tzinfo=ZoneInfo("Europe/Brussels")), tick=False
    ):
        yield


@pytest.fixture
def family(kg_nurse):
    """Registered by Kind en Gezin, its Kindboekje handed out at the start conversation."""
    pregnancy = register(
        kg_nurse,
        registered_on=date(2025, 3, 1),
        mother=mother(national_number=MOTHER_NUMBER, no_national_number=""),
    )
    booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=date(2025, 3, 2))
    return pregnancy


def _booklet(pregnancy) -> Booklet:
    return Booklet.objects.get(pregnancy=pregnancy, voided_on__isnull=True)


def _replace_by_api(user, booklet):
    return api_for(user).post(
        f"/booklets/distributions/{booklet.public_id}/replacement",
        {"reason": "lost", "note": "lost in a move", "on": "2025-05-30"},
    )


def _refusals_logged(user) -> list[AccessEvent]:
    return list(AccessEvent.objects.filter(actor_username=user.username, purpose=REFUSED))


def _end_membership(lead, pregnancy, member):
    membership = pregnancy.team.get(organisation=member.organisation, ended_at__isnull=True)
    care_team.team_member_end(
        by=lead, pregnancy=pregnancy, grant=Grant(AccessBasis.CARE_TEAM), member=membership
    )


def _emergency(user, pregnancy):
    EmergencyAccess.objects.create(
        pregnancy=pregnancy,
        user=user,
        reason="the family arrived at night",
        expires_at=timezone.now() + timedelta(hours=24),
    )


# Who asks, and what the family's care team is then → whether the replacement is allowed.
CASES = [
    ("registering organisation", "kg_nurse", None, True),
    ("member of the team", "midwife", "join", True),
    ("member without the family's consent", "midwife", "join_without_consent", True),
    ("provider outside the team", "midwife", None, False),
    ("membership ended", "midwife", "join_then_end", False),
    ("emergency access only", "midwife", "emergency", False),
    ("hospital outside the team", "hospital_user", None, False),
]


@pytest.mark.parametrize(("case", "who", "team", "allowed"), CASES, ids=[c[0] for c in CASES])
def test_only_the_care_team_replaces_through_the_api(
    request, kg_nurse, family, case, who, team, allowed
):
    user = request.getfixturevalue(who)
    if team and team.startswith("join"):
        join_the_team(kg_nurse, family, user)
    if team == "join_without_consent":
        family.consent_to_share = False
        family.save(update_fields=["consent_to_share"])
    if team == "join_then_end":
        _end_membership(kg_nurse, family, user)
    if team == "emergency":
        _emergency(user, family)
    old = _booklet(family)
    response = _replace_by_api(user, old)
    if allowed:
        assert response.status_code == 201, response.content
        assert _booklet(family).replaces == old
        assert not _refusals_logged(user)
        return
    assert response.status_code == 403, response.content
    assert "care team" in response.json()["detail"]
    assert _booklet(family) == old  # nothing voided, nothing new
    assert Booklet.objects.filter(pregnancy=family).count() == 1
    [row] = _refusals_logged(user)
    assert (row.subject, row.record_id) == (str(family.public_id), str(old.public_id))
    assert (row.basis, row.action, row.outcome, row.refusal) == (
        AccessBasis.NONE,
        AccessAction.READ,
        "refused",
        "not_in_care_team",
    )


def test_the_service_refuses_and_logs_even_without_a_request(kg_nurse, midwife, family):
    with pytest.raises(NoAccess):
        booklet_replace(
            by=midwife, booklet=_booklet(family), reason=VoidReason.LOST, on=date(2025, 5, 30)
        )
    assert len(_refusals_logged(midwife)) == 1
    assert _booklet(family).voided_on is None


def test_a_role_that_hands_out_no_booklet_is_refused_before_the_team_is_looked_at(persona, family):
    kraamzorg = persona(Role.KRAAMZORG_SERVICE)
    response = _replace_by_api(kraamzorg, _booklet(family))
    assert response.status_code == 403
    assert not _refusals_logged(kraamzorg)  # not a booklet provider: nothing learnt


def test_the_page_offers_the_replacement_only_to_the_care_team(
    client_for, kg_nurse, midwife, family
):
    outside = client_for(midwife).get(status_url(family)).content.decode()
    assert "replace-form" not in outside and "not-in-team" in outside
    inside = client_for(kg_nurse).get(status_url(family)).content.decode()
    assert "replace-form" in inside and "not-in-team" not in inside


def test_a_replacement_posted_on_the_page_from_outside_the_team_is_refused_and_logged(
    client_for, midwife, family
):
    old = _booklet(family)
    response = act(
        client_for(midwife), family, "replace", on="2025-05-30", reason="lost", note="lost"
    )
    assert response.status_code == 403
    html = response.content.decode()  # in Dutch, the default language
    assert "Alleen een organisatie in het zorgteam van het gezin kan zijn Kindboekje" in html
    assert _booklet(family) == old
    assert len(_refusals_logged(midwife)) == 1


@pytest.mark.parametrize(
    ("language", "words"),
    [("nl", "zorgteam"), ("fr", "équipe de soins"), ("en", "care team")],
)
def test_the_refusal_speaks_the_callers_language(midwife, family, language, words):
    response = api_for(midwife, language=language).post(
        f"/booklets/distributions/{_booklet(family).public_id}/replacement", {"reason": "lost"}
    )
    assert response.status_code == 403
    assert words in response.json()["detail"]


def test_who_recorded_a_hand_out_still_cancels_it_from_outside_the_team(
    client_for, kg_nurse, midwife
):
    """Cancelling a hand-out recorded in error stays with the organisation that recorded it."""
    pregnancy = register(kg_nurse, registered_on=date(2025, 3, 1))
    booklet_hand_out(
        by=midwife, pregnancy=pregnancy, on=date(2025, 5, 2), reason="the family asked her"
    )
    html = client_for(midwife).get(status_url(pregnancy)).content.decode()
    assert "cancel-form" in html and "replace-form" not in html
