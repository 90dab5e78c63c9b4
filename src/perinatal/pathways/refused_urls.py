"""The URL arguments that name the families' records, for the refused-access log
(`audit/refusals.py`, decision 0033): the finder loads the record by the URL's value and says
why the user may not have it."""

from typing import Any

from perinatal.accounts.roles import is_care_professional
from perinatal.audit.models import RefusalReason
from perinatal.audit.refusals import ProtectedRecord, protected_urls
from perinatal.core.identifiers import parse_uuid

from .access import refusal_reason
from .models import HospitalDischarge, Pregnancy, Referral, ScreeningProposal


def organisation_reason(user: Any, *organisation_ids: int | None) -> str:
    """Empty for a care professional of one of the organisations, else why not."""
    if not is_care_professional(user):
        return RefusalReason.ROLE_NEVER_ALLOWED
    if user.organisation_id in organisation_ids:
        return ""
    return RefusalReason.WRONG_ORGANISATION


def pregnancy(user: Any, value: str) -> ProtectedRecord | None:
    uid = parse_uuid(value)
    if uid is None:
        return None
    found = Pregnancy.objects.filter(public_id=uid).first()
    if found is None:
        return None
    return ProtectedRecord(
        "pathways.pregnancy",
        str(found.public_id),
        str(found.public_id),
        refusal_reason(user, found),
    )


def _handover(model: Any, *organisations: str) -> Any:
    def find(user: Any, value: str) -> ProtectedRecord | None:
        uid = parse_uuid(value)
        if uid is None:
            return None
        found = model.objects.select_related("pregnancy").filter(public_id=uid).first()
        if found is None:
            return None
        ids = [getattr(found, f"{name}_id") for name in organisations]
        reason = organisation_reason(user, *ids)
        if not reason and found.pregnancy.pseudonymised_at is not None:
            reason = RefusalReason.RECORD_CLOSED
        return ProtectedRecord(
            model._meta.label_lower, str(found.public_id), str(found.pregnancy.public_id), reason
        )

    return find


referral = _handover(Referral, "to_organisation")
discharge = _handover(HospitalDischarge, "hospital", "to_organisation")
proposal = _handover(ScreeningProposal, "to_organisation", "from_organisation")


def register() -> None:
    """Called once from `PathwaysConfig.ready()`."""
    for key, finder in {
        "pathways:public_id": pregnancy,
        "pathways:referral_id": referral,
        "pathways:discharge_id": discharge,
        "pathways:proposal_id": proposal,
        "api-v1:pregnancy_id": pregnancy,
        "api-v1:referral_id": referral,
        "api-v1:discharge_id": discharge,
        "api-v1:proposal_id": proposal,
        "kraamzorg:refer:public_id": pregnancy,
    }.items():
        protected_urls.register(key, finder)
