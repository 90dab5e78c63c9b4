"""The URL arguments of linking's pages that name a family, for the refused-access log
(`audit/refusals.py`, decision 0033): the care team's page of a family's parents is refused
as the family record is; a parent's unlink page for a family the account is not linked to is
another person's record."""

from typing import Any

from perinatal.accounts.roles import is_parent
from perinatal.audit.models import RefusalReason
from perinatal.audit.refusals import ProtectedRecord, protected_urls
from perinatal.core.identifiers import parse_uuid
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.refused_urls import pregnancy

from .models import ParentLink


def own_family(user: Any, value: str) -> ProtectedRecord | None:
    uid = parse_uuid(value)
    found = Pregnancy.objects.filter(public_id=uid).first() if uid is not None else None
    if found is None:
        return None
    reason: str
    if not is_parent(user):
        reason = RefusalReason.ROLE_NOT_ALLOWED
    elif found.pseudonymised_at is not None:
        reason = RefusalReason.RECORD_CLOSED
    elif ParentLink.objects.filter(pregnancy=found, user=user, ended_at__isnull=True).exists():
        reason = ""
    else:
        reason = RefusalReason.WRONG_ORGANISATION
    return ProtectedRecord("pathways.pregnancy", str(found.public_id), str(found.public_id), reason)


def register() -> None:
    """Called once from `ParentsConfig.ready()`."""
    protected_urls.register("parents:family_links:public_id", pregnancy)
    protected_urls.register("parents:unlink:public_id", own_family)
