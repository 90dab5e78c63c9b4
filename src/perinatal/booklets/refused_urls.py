"""The URL arguments that name a Kindboekje or a booklet order, for the refused-access log
(`audit/refusals.py`, decision 0033)."""

from typing import Any

from perinatal.accounts.roles import (
    is_care_professional,
    is_independent_midwife,
    is_order_desk,
    is_parent,
)
from perinatal.audit.models import RefusalReason
from perinatal.audit.refusals import ProtectedRecord, protected_urls
from perinatal.core.identifiers import parse_uuid
from perinatal.pathways.access import refusal_reason

from .models import Booklet, BookletOrder


def booklet(user: Any, value: str) -> ProtectedRecord | None:
    uid = parse_uuid(value)
    if uid is None:
        return None
    found = Booklet.objects.select_related("pregnancy").filter(public_id=uid).first()
    if found is None:
        return None
    reason = refusal_reason(user, found.pregnancy)
    if is_care_professional(user) and user.organisation_id == found.organisation_id:
        reason = ""
    return ProtectedRecord(
        "booklets.booklet", str(found.public_id), str(found.pregnancy.public_id), reason
    )


def order(user: Any, value: str) -> ProtectedRecord | None:
    uid = parse_uuid(value)
    if uid is None:
        return None
    found = BookletOrder.objects.select_related("pregnancy").filter(public_id=uid).first()
    if found is None:
        return None
    if is_order_desk(user) or found.ordered_by_id == getattr(user, "pk", None):
        reason = ""
    elif is_parent(user) or is_independent_midwife(user):
        reason = RefusalReason.WRONG_ORGANISATION  # someone else's order
    elif is_care_professional(user):
        reason = RefusalReason.ROLE_NOT_ALLOWED
    else:
        reason = RefusalReason.ROLE_NEVER_ALLOWED
    subject = found.pregnancy.public_id if found.pregnancy else found.public_id
    return ProtectedRecord("booklets.bookletorder", str(found.public_id), str(subject), reason)


def register() -> None:
    """Called once from `BookletsConfig.ready()`."""
    protected_urls.register("api-v1:booklet_id", booklet)
    protected_urls.register("api-v1:order_id", order)
    protected_urls.register("booklets:desk_order:public_id", order)
