"""Families with a birth, for the Kindboekje tests (through the pathways services, so the
care team and the access log are real)."""

from datetime import date, timedelta
from typing import Any

from perinatal.audit.models import AccessBasis
from perinatal.pathways.access import Grant
from perinatal.pathways.services import care_team, families
from perinatal.pathways.tests.factories import child, register


def born(by: Any, *, on: date, children: int = 1, nicu: bool = False, **overrides: Any):
    """A pregnancy registered by `by` whose birth on `on` brought `children` children."""
    pregnancy = register(
        by, registered_on=on - timedelta(days=120), due_date=on + timedelta(days=3), **overrides
    )
    families.birth_record(
        by=by,
        pregnancy=pregnancy,
        grant=Grant(AccessBasis.CARE_TEAM),
        date=on,
        place="hospital",
        place_name="",
        children=[child(given_name=f"Kind{i + 1}", nicu_admission=nicu) for i in range(children)],
    )
    pregnancy.refresh_from_db()
    return pregnancy


def join_the_team(lead: Any, pregnancy: Any, member: Any) -> Any:
    """`lead` (of the registering organisation) adds `member`'s organisation to the family's
    care team."""
    return care_team.team_member_add(
        by=lead,
        pregnancy=pregnancy,
        grant=Grant(AccessBasis.CARE_TEAM),
        organisation=member.organisation,
        task="postnatal care",
    )
