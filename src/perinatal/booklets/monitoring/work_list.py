"""The follow-up work list: the children of the families a Kind en Gezin professional's
organisation cares for who have no Kindboekje six weeks after birth. It names families, so it
is scoped to the care team and each family shown is written to the access log."""

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Q, QuerySet

from perinatal.audit.models import AccessAction
from perinatal.pathways.access import grant_for
from perinatal.pathways.access_log import log_access
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.sharing import shared_team_q

from ..errors import NoAccess
from .access import may_see_work_list
from .children import children_due, follow_up_cutoff

WORK_LIST_LIMIT = 200


@dataclass(frozen=True)
class FollowUp:
    """A child of a family the user's organisation cares for, without a Kindboekje."""

    pregnancy_id: UUID
    mother: str
    child: str
    child_order: int
    birth_date: date
    days_since_birth: int
    municipality: str


@dataclass(frozen=True)
class WorkList:
    on: date
    cutoff: date
    total: int
    entries: list[FollowUp]


def _cared_for_by(user: Any) -> QuerySet:
    """The pregnancies the user's organisation leads, or is in the team of while the family
    shares with it (the care-team scoping of `pathways.selectors`; no emergency access)."""
    org = user.organisation_id
    return Pregnancy.objects.filter(
        Q(lead_organisation_id=org) | shared_team_q(org),
        pseudonymised_at__isnull=True,
    )


@transaction.atomic
def follow_up_work_list(
    *, by: Any, on: date, request: Any = None, limit: int = WORK_LIST_LIMIT
) -> WorkList:
    """The children of the families `by`'s organisation cares for who have no Kindboekje
    `booklets.follow_up_after_birth_days` days after birth, the most recently born first.
    Each family shown is written to the access log, on the basis it is seen on."""
    if not may_see_work_list(by):
        raise NoAccess
    due = (
        children_due(on)
        .filter(covered=False, birth__pregnancy__in=_cared_for_by(by).values("pk"))
        .select_related("birth__pregnancy__mother")
    )
    total = due.count()
    entries, logged = [], set()
    for child in due.order_by("-birth__date", "birth__pregnancy_id", "birth_order")[:limit]:
        pregnancy = child.birth.pregnancy
        grant = grant_for(by, pregnancy)
        if grant is None:  # the scoping above and the access rules disagree: show nothing
            continue
        if pregnancy.pk not in logged:
            log_access(
                by=by,
                pregnancy=pregnancy,
                grant=grant,
                action=AccessAction.READ,
                purpose="follow-up work list: child without a Kindboekje",
                request=request,
            )
            logged.add(pregnancy.pk)
        entries.append(
            FollowUp(
                pregnancy_id=pregnancy.public_id,
                mother=pregnancy.mother.full_name,
                child=child.given_name,
                child_order=child.birth_order,
                birth_date=child.birth.date,
                days_since_birth=(on - child.birth.date).days,
                municipality=pregnancy.municipality,
            )
        )
    return WorkList(on=on, cutoff=follow_up_cutoff(on), total=total, entries=entries)
