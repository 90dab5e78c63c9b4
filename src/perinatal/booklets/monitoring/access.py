"""Who sees the monitoring of the Kindboekje procedure (aggregates, no person) and who sees
the follow-up work list (families by name: only their own care team's)."""

from typing import Any

from perinatal.accounts.constants import Role
from perinatal.pathways.access import is_care_professional

PERMISSION = "booklets.view_booklet_monitoring"


def may_see_monitoring(user: Any) -> bool:
    """Analysts, and whoever holds the monitoring permission (the order desk)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.role == Role.ANALYST or user.has_perm(PERMISSION)


def may_see_work_list(user: Any) -> bool:
    """Kind en Gezin professionals: the follow-up of a family is theirs."""
    return is_care_professional(user) and user.role == Role.KG_PROFESSIONAL
