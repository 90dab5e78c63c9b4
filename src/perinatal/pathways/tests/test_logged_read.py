"""The family read that writes its own access-log row (decision 0040): its SQL form of the
access rule decides as `access.grant_for` does, case by case, on either database; on
PostgreSQL the read and its row are one statement and the row is the one the four-step read
writes."""

from datetime import timedelta

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from perinatal.accounts.constants import Role
from perinatal.audit.models import AccessAction, AccessEvent
from perinatal.core.refusals import NoAccess
from perinatal.pathways import access, logged_read, selectors
from perinatal.pathways.models import CareTeamMember, EmergencyAccess, Pregnancy

from .factories import register

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)

# (who reads: lead colleague / team member / outsider, the family's consent to share the
# whole team, the member's own sharing choice, the membership ended, emergency accesses as
# (reason, expires in hours))
CASES = {
    "a colleague of the registering organisation": ("lead", True, None, False, []),
    "lead, the family shares with nobody": ("lead", False, None, False, []),
    "lead with an emergency access too": ("lead", True, None, False, [("ward", 2)]),
    "member, the family shares with the team": ("member", True, None, False, []),
    "member, the family shares with nobody": ("member", False, None, False, []),
    "member the family chose to share with": ("member", False, True, False, []),
    "member the family chose not to share with": ("member", True, False, False, []),
    "member whose membership ended": ("member", True, None, True, []),
    "member not shared with, emergency access": ("member", False, None, False, [("ER", 3)]),
    "outsider": ("outsider", True, None, False, []),
    "outsider with an emergency access": ("outsider", True, None, False, [("labour", 4)]),
    "outsider whose emergency access expired": ("outsider", True, None, False, [("old", -1)]),
    "outsider, two emergency accesses": (
        "outsider",
        True,
        None,
        False,
        [("first, ends sooner", 1), ("second, ends later", 5)],
    ),
}


def _case(reader, consent, sharing, ended, emergencies, *, midwife, persona, kg_nurse, hospital):
    pregnancy = register(midwife, consent_to_share=consent)
    user = {
        "lead": persona(Role.INDEPENDENT_MIDWIFE, organisation=midwife.organisation),
        "member": kg_nurse,
        "outsider": hospital,
    }[reader]
    if reader == "member":
        CareTeamMember.objects.create(
            pregnancy=pregnancy,
            organisation=kg_nurse.organisation,
            sharing=sharing,
            ended_at=timezone.now() - HOUR if ended else None,
        )
    for reason, hours in emergencies:
        EmergencyAccess.objects.create(
            pregnancy=pregnancy, user=user, reason=reason, expires_at=timezone.now() + hours * HOUR
        )
    return Pregnancy.objects.get(pk=pregnancy.pk), user


@pytest.mark.parametrize("case", CASES)
def test_the_sql_rule_decides_as_grant_for(case, midwife, persona, kg_nurse, hospital_user):
    pregnancy, user = _case(
        *CASES[case], midwife=midwife, persona=persona, kg_nurse=kg_nurse, hospital=hospital_user
    )
    expected = access.grant_for(user, pregnancy)
    basis, reason = logged_read.grant_basis(user.organisation_id, user.pk, timezone.now())
    got = Pregnancy.objects.annotate(b=basis, r=reason).values_list("b", "r").get(pk=pregnancy.pk)
    assert got == ((expected.basis, expected.reason) if expected else (None, ""))


def _rows(user):
    fields = [f.name for f in AccessEvent._meta.fields if f.name not in ("id", "at")]
    return list(AccessEvent.objects.filter(actor=user).order_by("id").values(*fields))


@pytest.mark.parametrize("case", CASES)
def test_the_read_writes_the_row_the_four_steps_write(
    case, midwife, persona, kg_nurse, hospital_user, monkeypatch
):
    pregnancy, user = _case(
        *CASES[case], midwife=midwife, persona=persona, kg_nurse=kg_nurse, hospital=hospital_user
    )
    reads = {}
    for name, fast in (("one statement", True), ("four steps", False)):
        monkeypatch.setattr(
            logged_read,
            "supported",
            lambda alias, fast=fast: fast and (connection.vendor == "postgresql"),
        )
        before = len(_rows(user))
        try:
            got, grant = selectors.pregnancy_for_user(
                user=user, public_id=pregnancy.public_id, purpose="care", action=AccessAction.READ
            )
            reads[name] = (got.pk, got.mother.family_name, grant, _rows(user)[before:])
        except NoAccess:
            reads[name] = ("refused", _rows(user)[before:])
    assert reads["one statement"] == reads["four steps"]
    if access.grant_for(user, pregnancy) is None:
        assert reads["one statement"] == ("refused", [])
    else:
        assert len(reads["one statement"][3]) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a data-modifying WITH: PostgreSQL")
def test_on_postgresql_the_read_and_its_row_are_one_statement(midwife):
    pregnancy = register(midwife)
    with CaptureQueriesContext(connection) as queries:
        got, grant = selectors.pregnancy_for_user(
            user=midwife, public_id=pregnancy.public_id, purpose="care"
        )
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["WITH"]
    assert got.mother.given_name and got.lead_organisation_id == midwife.organisation_id
    row = AccessEvent.objects.get(actor=midwife, action="read", subject=str(pregnancy.public_id))
    assert (row.basis, row.actor_organisation) == (grant.basis, midwife.organisation.name)


def test_a_pseudonymised_or_unknown_family_is_not_found_and_not_logged(midwife):
    pregnancy = register(midwife)
    Pregnancy.objects.filter(pk=pregnancy.pk).update(pseudonymised_at=timezone.now())
    before = AccessEvent.objects.count()
    for public_id in (pregnancy.public_id, "0b5e5d3c-93ad-4a3b-9a55-9d1c8f0e1e11"):
        with pytest.raises(Pregnancy.DoesNotExist):
            selectors.pregnancy_for_user(user=midwife, public_id=public_id, purpose="care")
    assert AccessEvent.objects.count() == before
