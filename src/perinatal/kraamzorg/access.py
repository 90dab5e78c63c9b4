"""Who may see a kraamzorg request, and on which basis (as written to the access log).

- The service's intake staff: users with the role `kraamzorg_service` in the organisation of
  the offer's recognised service (basis `referral`: a request addressed to the organisation).
- The referrer's organisation: professionals of the organisation that referred the family (a
  care professional, or an actor who only refers: OCMW/CPAS, CAW, CGG/SSM, a psychologist
  practice) see the request's status and answer (basis `referral`, the referral they sent).
- The parent who asked, logged in (basis `own_record`).
Analysts, editors and administrators see aggregates only, never a request.
"""

from typing import Any

from perinatal.accounts.roles import is_kraamzorg_staff, is_parent, is_referring_professional
from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.audit.services import access_record, access_records
from perinatal.pathways.access import Grant
from perinatal.pathways.access_log import log_access

from .models import KraamzorgOffer, KraamzorgRequest


def is_service_staff(user: Any, offer: KraamzorgOffer | None = None) -> bool:
    """Intake staff of a kraamzorg service (of `offer`'s service when given)."""
    if not is_kraamzorg_staff(user):
        return False
    if offer is None:
        return True
    return offer.service.organisation_id == user.organisation_id


def is_referrer(user: Any, kraamzorg_request: KraamzorgRequest) -> bool:
    org = kraamzorg_request.referrer_organisation_id
    return org is not None and is_referring_professional(user) and user.organisation_id == org


def is_asking_parent(user: Any, kraamzorg_request: KraamzorgRequest) -> bool:
    return is_parent(user) and kraamzorg_request.submitted_by_id == user.pk


def is_requester(user: Any, kraamzorg_request: KraamzorgRequest) -> bool:
    """The parent who asked or the referrer's organisation: who may withdraw or forward."""
    return is_asking_parent(user, kraamzorg_request) or is_referrer(user, kraamzorg_request)


def basis_for(user: Any, kraamzorg_request: KraamzorgRequest) -> AccessBasis | None:
    """The basis on which `user` may see the request, or None."""
    if kraamzorg_request.pseudonymised_at is not None:
        return None
    if is_service_staff(user, kraamzorg_request.offer):
        return AccessBasis.REFERRAL
    if is_referrer(user, kraamzorg_request):
        return AccessBasis.REFERRAL
    if is_asking_parent(user, kraamzorg_request):
        return AccessBasis.OWN_RECORD
    return None


def log_request_access(
    *,
    by: Any,
    kraamzorg_request: KraamzorgRequest,
    basis: AccessBasis | str,
    action: AccessAction,
    purpose: str,
    request: Any = None,
) -> None:
    """The access-log row of a read or change of a request: under the family (the pregnancy)
    when the request is linked to one, else with the request's public_id as the subject."""
    pregnancy = kraamzorg_request.pregnancy  # None without a query when not linked
    if pregnancy is not None:
        log_access(
            by=by,
            pregnancy=pregnancy,
            grant=Grant(AccessBasis(basis)),
            action=action,
            record=kraamzorg_request,
            purpose=purpose,
            request=request,
        )
        return
    access_record(
        actor=by,
        action=action,
        record_type=kraamzorg_request._meta.label_lower,
        record_id=str(kraamzorg_request.public_id),
        subject=str(kraamzorg_request.public_id),
        purpose=purpose,
        basis=basis,
        request=request,
    )


def log_requests_listed(
    *,
    by: Any,
    requests: list[KraamzorgRequest],
    purpose: str,
    basis: AccessBasis = AccessBasis.REFERRAL,
    request: Any = None,
) -> int:
    """One access-log row per request shown in a list (one statement)."""
    return access_records(
        actor=by,
        records=[(str(r.public_id), _subject(r)) for r in requests],
        action=AccessAction.READ,
        record_type=KraamzorgRequest._meta.label_lower,
        purpose=purpose,
        basis=basis,
        request=request,
    )


def _subject(kraamzorg_request: KraamzorgRequest) -> str:
    """Whom a request's access-log row is about: the family (the pregnancy) when the request is
    linked to one, else the request."""
    pregnancy = kraamzorg_request.pregnancy  # None without a query when not linked
    return str(pregnancy.public_id if pregnancy is not None else kraamzorg_request.public_id)
