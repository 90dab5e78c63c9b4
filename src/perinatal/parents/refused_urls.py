"""The URL arguments of the parents' space that name a family's record, for the refused-access
log (`audit/refusals.py`, decision 0033): a parent not linked to the family, or another role,
who is refused one of its pages leaves a refused row. Every page of the space whose URL takes
the family's `public_id` is covered by one registration for the namespace; a page with another
meaning registers its own URL name (which wins): the care team's page of a family's parents
(`link_refused_urls.py`), the correction a care team answers."""

from typing import Any

from perinatal.accounts.roles import is_parent
from perinatal.audit.models import RefusalReason
from perinatal.audit.refusals import ProtectedRecord, protected_urls
from perinatal.core.identifiers import parse_uuid
from perinatal.pathways.access import refusal_reason
from perinatal.pathways.models import Pregnancy

from .models import CorrectionRequest
from .selectors import is_linked


def own_family(user: Any, value: str) -> ProtectedRecord | None:
    uid = parse_uuid(value)
    found = Pregnancy.objects.filter(public_id=uid).first() if uid else None
    if found is None:
        return None
    reason: str
    if not is_parent(user):
        reason = RefusalReason.ROLE_NOT_ALLOWED
    elif found.pseudonymised_at is not None:
        reason = RefusalReason.RECORD_CLOSED
    else:
        reason = "" if is_linked(user, found) else RefusalReason.WRONG_ORGANISATION
    public_id = str(found.public_id)
    return ProtectedRecord("pathways.pregnancy", public_id, public_id, reason)


def correction(user: Any, value: str) -> ProtectedRecord | None:
    uid = parse_uuid(value)
    found = (
        CorrectionRequest.objects.select_related("pregnancy").filter(public_id=uid).first()
        if uid
        else None
    )
    if found is None:
        return None
    return ProtectedRecord(
        found._meta.label_lower,
        str(found.public_id),
        str(found.pregnancy.public_id),
        refusal_reason(user, found.pregnancy),
    )


def register() -> None:
    """Called once from `ParentsConfig.ready()`."""
    protected_urls.register("parents:public_id", own_family)
    protected_urls.register("parents:correction_handle:correction_id", correction)
