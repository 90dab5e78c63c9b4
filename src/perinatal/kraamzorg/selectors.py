"""Reads of kraamzorg requests. A request is only ever loaded through these, scoped to the
user (`access.basis_for`), and a read of one request leaves its access-log row.

- `offers_serving(postcode=…)`: the active services that serve a postcode (or its province or
  region), by name.
- `intake_queue(by=…)`: a service's requests ordered by the expected date (birth, else due
  date), vulnerable families first within the same day; one query with its relations.
- `request_for_user(by=…, public_id=…)`: one request for its service's staff, the referrer's
  organisation or the parent who asked.
- `requests_of_requester(by=…)`: a parent's own requests, or those the user's organisation
  referred.
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce

from perinatal.accounts.roles import is_parent, is_referring_professional
from perinatal.audit.models import AccessAction
from perinatal.core.identifiers import parse_uuid
from perinatal.core.municipalities import area_for_postcode
from perinatal.core.refusals import NoAccess

from .access import basis_for, is_service_staff, log_request_access
from .constants import OPEN_STATUSES
from .models import KraamzorgOffer, KraamzorgRequest


def offers_serving(*, postcode: str) -> list[KraamzorgOffer]:
    """The active services serving `postcode` (listed, or its province or region listed)."""
    area = area_for_postcode((postcode or "").strip())
    if area is None:
        return []
    offers = KraamzorgOffer.objects.filter(active=True).select_related("service")
    return sorted(
        (o for o in offers if o.serves(postcode=postcode.strip(), area_nis=area.nis)),
        key=lambda o: (o.service.name.lower(), o.pk),
    )


def active_offers() -> list[KraamzorgOffer]:
    return list(
        KraamzorgOffer.objects.filter(active=True)
        .select_related("service")
        .order_by("service__name")
    )


def _with_relations(queryset: QuerySet[KraamzorgRequest]) -> QuerySet[KraamzorgRequest]:
    return queryset.select_related(
        "offer__service", "pregnancy", "referrer_organisation", "submitted_by"
    )


def intake_queue(*, by: Any, statuses: Iterable[str] = OPEN_STATUSES) -> QuerySet:
    """The requests of the user's service (its intake staff only) in `statuses`, the
    earliest expected date first."""
    if not is_service_staff(by):
        raise NoAccess
    # By the service's offer (a one-row subquery), so the queue is one range of the partial
    # index `kraamzorg_open_queue` rather than a join over every request.
    offers = KraamzorgOffer.objects.filter(service__organisation_id=by.organisation_id).values("id")
    return _with_relations(
        KraamzorgRequest.objects.filter(offer_id__in=offers, status__in=list(statuses))
    ).order_by(
        Coalesce("birth_date", "due_date"),
        F("vulnerability").desc(),
        "submitted_at",
        "id",
    )


@transaction.atomic
def request_for_user(
    *, by: Any, public_id: Any, request: Any = None, purpose: str = "see a kraamzorg request"
) -> KraamzorgRequest:
    """The request if `by` may see it (the read is logged). Raises DoesNotExist or NoAccess."""
    uid = parse_uuid(public_id)
    if uid is None:
        raise KraamzorgRequest.DoesNotExist
    kraamzorg_request = _with_relations(KraamzorgRequest.objects.all()).get(public_id=uid)
    basis = basis_for(by, kraamzorg_request)
    if basis is None:
        raise NoAccess
    log_request_access(
        by=by,
        kraamzorg_request=kraamzorg_request,
        basis=basis,
        action=AccessAction.READ,
        purpose=purpose,
        request=request,
    )
    return kraamzorg_request


def requests_of_requester(*, by: Any) -> QuerySet:
    """A parent's own requests, or the requests the user's organisation referred; newest
    first."""
    if is_parent(by):
        mine = KraamzorgRequest.objects.filter(submitted_by=by)
    elif is_referring_professional(by):
        mine = KraamzorgRequest.objects.filter(referrer_organisation_id=by.organisation_id)
    else:
        return KraamzorgRequest.objects.none()
    return _with_relations(mine.filter(pseudonymised_at__isnull=True)).order_by(
        "-submitted_at", "-id"
    )


def service_users(*, by: Any) -> list[Any]:
    """The active users of `by`'s kraamzorg service (its staff only), by name: who may be
    assigned as the maternity-care assistant of a request."""
    if not is_service_staff(by):
        return []
    from perinatal.accounts.models import User

    return list(
        User.objects.filter(
            organisation_id=by.organisation_id, role=by.role, is_active=True
        ).order_by("last_name", "first_name", "username")
    )
