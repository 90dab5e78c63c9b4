"""The URL arguments that name a kraamzorg request, for the refused-access log
(`audit/refusals.py`, decision 0033)."""

from typing import Any

from perinatal.accounts.roles import is_kraamzorg_staff, is_parent, is_referring_professional
from perinatal.audit.models import RefusalReason
from perinatal.audit.refusals import ProtectedRecord, protected_urls
from perinatal.core.identifiers import parse_uuid

from .access import basis_for
from .models import KraamzorgRequest


def kraamzorg_request(user: Any, value: str) -> ProtectedRecord | None:
    uid = parse_uuid(value)
    if uid is None:
        return None
    found = (
        KraamzorgRequest.objects.select_related("pregnancy", "offer__service")
        .filter(public_id=uid)
        .first()
    )
    if found is None:
        return None
    if found.pseudonymised_at is not None:
        reason: str = RefusalReason.RECORD_CLOSED
    elif basis_for(user, found) is not None:
        reason = ""
    elif is_kraamzorg_staff(user) or is_referring_professional(user) or is_parent(user):
        reason = RefusalReason.WRONG_ORGANISATION  # another service's, or another's request
    else:
        reason = RefusalReason.ROLE_NEVER_ALLOWED
    subject = found.pregnancy.public_id if found.pregnancy else found.public_id
    return ProtectedRecord("kraamzorg.kraamzorgrequest", str(found.public_id), str(subject), reason)


def register() -> None:
    """Called once from `KraamzorgConfig.ready()`."""
    protected_urls.register("kraamzorg:public_id", kraamzorg_request)
    protected_urls.register("api-v1:request_id", kraamzorg_request)
