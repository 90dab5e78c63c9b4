"""Who may see a family's record, and on which basis (as written to the access log).

- Only care professionals (Kind en Gezin, independent midwives, hospitals, programme
  providers, kraamzorg services) ever see a family; analysts, editors and administrators
  never see a person through the application.
- The organisation that registered the pregnancy and the named team members of it see it on
  the basis of the care team (`care_team`).
- Other organisations in the care team see it only while the family shares the record with
  them (`consent`): its own choice for that organisation, else its consent to share within
  the team (`pathways/sharing.py`, decision 0037).
- A professional outside the team sees it through an emergency access with a written
  reason, for a limited time (`break_the_glass`).
See docs/decisions/0006-family-record-access.md.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from perinatal.accounts.roles import is_care_professional
from perinatal.audit.models import AccessBasis, RefusalReason

from .models import EmergencyAccess, Pregnancy
from .sharing import member_shares


@dataclass(frozen=True)
class Grant:
    basis: AccessBasis
    reason: str = ""


def in_care_team(user, pregnancy: Pregnancy) -> bool:
    """Whether `user`'s organisation is in the family's care team now: the organisation that
    registered the pregnancy, or a member whose membership has not ended (with or without the
    family's consent to share the record; an emergency access is not membership)."""
    if not is_care_professional(user) or pregnancy.pseudonymised_at is not None:
        return False
    if pregnancy.lead_organisation_id == user.organisation_id:
        return True
    return pregnancy.team.filter(
        organisation_id=user.organisation_id, ended_at__isnull=True
    ).exists()


def grant_for(user, pregnancy: Pregnancy, *, now: datetime | None = None) -> Grant | None:
    """The basis on which `user` may see `pregnancy` now, or None."""
    if not is_care_professional(user) or pregnancy.pseudonymised_at is not None:
        return None
    if pregnancy.lead_organisation_id == user.organisation_id:
        return Grant(AccessBasis.CARE_TEAM)
    member = pregnancy.team.filter(
        organisation_id=user.organisation_id, ended_at__isnull=True
    ).first()
    if member is not None and member_shares(member, pregnancy):
        return Grant(AccessBasis.CONSENT)
    emergency = (
        EmergencyAccess.objects.filter(
            pregnancy=pregnancy, user=user, expires_at__gt=now or timezone.now()
        )
        .order_by("-expires_at")
        .first()
    )
    if emergency is not None:
        return Grant(AccessBasis.BREAK_THE_GLASS, emergency.reason)
    return None


def refusal_reason(user, pregnancy: Pregnancy) -> str:
    """Why `user` may not see `pregnancy` (an `audit.models.RefusalReason` value), or "" when
    the user may see it (decision 0033)."""
    if not is_care_professional(user):
        return RefusalReason.ROLE_NEVER_ALLOWED
    if pregnancy.pseudonymised_at is not None:
        return RefusalReason.RECORD_CLOSED
    if grant_for(user, pregnancy) is not None:
        return ""
    if in_care_team(user, pregnancy):
        return RefusalReason.CONSENT_WITHDRAWN  # a member the family does not share with
    return RefusalReason.NOT_IN_CARE_TEAM
