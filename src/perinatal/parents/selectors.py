"""Reads of a parent's own space. A parent reaches a family only through an active link, and
every read of it is in the access log on the basis "own record"."""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from perinatal.accounts.roles import is_parent
from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.pathways.access import Grant
from perinatal.pathways.access_log import log_access
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.selectors import pregnancy_get

from .models import ParentLink

OWN_RECORD = Grant(AccessBasis.OWN_RECORD)


class NotLinked(Exception):
    """The user is not (or no longer) linked to this family."""


def linked_pregnancies(user: Any) -> QuerySet[Pregnancy]:
    """The families `user` is linked to now (none for anyone but a parent)."""
    if not is_parent(user):
        return Pregnancy.objects.none()
    return (
        Pregnancy.objects.filter(
            parent_links__user=user,
            parent_links__ended_at__isnull=True,
            pseudonymised_at__isnull=True,
        )
        .select_related("mother", "partner", "lead_organisation")
        .order_by("-due_date", "-id")
    )


def is_linked(user: Any, pregnancy: Pregnancy) -> bool:
    return (
        is_parent(user)
        and pregnancy.pseudonymised_at is None
        and ParentLink.objects.filter(
            user=user, pregnancy=pregnancy, ended_at__isnull=True
        ).exists()
    )


@transaction.atomic
def own_family_get(
    *,
    user: Any,
    public_id: Any,
    purpose: str,
    request: Any = None,
    action: AccessAction = AccessAction.READ,
) -> Pregnancy:
    """The family `user` is linked to, with the read in the access log on the basis "own
    record". Raises Pregnancy.DoesNotExist or NotLinked (the caller answers both alike)."""
    pregnancy = pregnancy_get(public_id)
    if not is_linked(user, pregnancy):
        raise NotLinked
    log_access(
        by=user,
        pregnancy=pregnancy,
        grant=OWN_RECORD,
        action=action,
        purpose=purpose,
        request=request,
    )
    return pregnancy
