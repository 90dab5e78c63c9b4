"""The access-log row a write leaves (the change itself is in the same transaction)."""

from typing import Any

from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.audit.services import AccessRow, access_record

from .access import Grant
from .models import Pregnancy, Referral


def log_access(
    *,
    by: Any,
    pregnancy: Pregnancy,
    grant: Grant,
    action: AccessAction,
    record: Any = None,
    purpose: str,
    request: Any = None,
) -> None:
    row = row_of(
        by=by,
        subject=pregnancy.public_id,
        record=record if record is not None else pregnancy,
        action=action,
        purpose=purpose,
        request=request,
    )
    row["basis"], row["reason"] = grant.basis, grant.reason
    access_record(**row)


def row_of(
    *, by: Any, subject: Any, record: Any, action: AccessAction, purpose: str, request: Any
) -> AccessRow:
    """The access-log row of `by` reading `record` of the family `subject` (the pregnancy's
    public id), without its basis (`log_access` adds the grant's; `logged_read` has the
    database decide it)."""
    return AccessRow(
        actor=by,
        action=action,
        record_type=record._meta.label_lower,
        record_id=str(getattr(record, "public_id", record.pk)),
        subject=str(subject),
        purpose=purpose,
        basis="",
        request=request,
    )


def log_referral_access(
    *, by: Any, referral: Referral, action: AccessAction, purpose: str, request: Any = None
) -> None:
    """The row of the organisation a referral is addressed to: it sees the referral (not the
    record) on the basis of the referral."""
    log_access(
        by=by,
        pregnancy=referral.pregnancy,
        grant=Grant(AccessBasis.REFERRAL),
        action=action,
        record=referral,
        purpose=purpose,
        request=request,
    )
