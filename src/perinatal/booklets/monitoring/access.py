"""Who sees the monitoring of the Kindboekje procedure (aggregates, no person) and who sees
the follow-up work list (families by name: only their own care team's)."""

from typing import Any

from perinatal.accounts.roles import is_analyst, is_kind_en_gezin_professional, is_signed_in

PERMISSION = "booklets.view_booklet_monitoring"


def may_see_monitoring(user: Any) -> bool:
    """Analysts, and whoever holds the monitoring permission (the order desk)."""
    return is_analyst(user) or (is_signed_in(user) and user.has_perm(PERMISSION))


def may_see_work_list(user: Any) -> bool:
    """Kind en Gezin professionals: the follow-up of a family is theirs."""
    return is_kind_en_gezin_professional(user)
