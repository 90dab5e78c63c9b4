"""Reads of kraamzorg requests. A request is only ever loaded through these, scoped to the
user (`access.basis_for`), and a read of one request leaves its access-log row.

- `offers_serving(postcode=…)`: the active services that serve a postcode (or its province or
  region), by name.
- `intake_queue(by=…)`: a service's requests ordered by the expected date (birth, else due
  date), vulnerable families first within the same day; one query with its relations.
- `intake_queue_page(by=…, after=…, before=…)`: one page of that queue by keyset (the rows
  after or before a request of the queue, read along the index `kraamzorg_open_queue`, which
  holds the queue's whole order): every page costs the same, there is no OFFSET to scan.
- `request_for_user(by=…, public_id=…)`: one request for its service's staff, the referrer's
  organisation or the parent who asked.
- `requests_of_requester(by=…)`: a parent's own requests, or those the user's organisation
  referred.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.db import transaction
from django.db.models import F, OrderBy, Q, QuerySet
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


EXPECTED = Coalesce("birth_date", "due_date")
# The queue's order; the index `kraamzorg_open_queue` holds it after the offer.
QUEUE_ORDER = (EXPECTED.asc(), F("vulnerability").desc(), F("submitted_at").asc(), F("id").asc())


def _service_offers(by: Any) -> QuerySet:
    return KraamzorgOffer.objects.filter(service__organisation_id=by.organisation_id).values("id")


def intake_queue(*, by: Any, statuses: Iterable[str] = OPEN_STATUSES) -> QuerySet:
    """The requests of the user's service (its intake staff only) in `statuses`, the
    earliest expected date first."""
    if not is_service_staff(by):
        raise NoAccess
    # By the service's offer (a one-row subquery), so the queue is one range of the partial
    # index `kraamzorg_open_queue` rather than a join over every request.
    return _with_relations(
        KraamzorgRequest.objects.filter(offer_id__in=_service_offers(by), status__in=list(statuses))
    ).order_by(*QUEUE_ORDER)


@dataclass(frozen=True)
class QueuePage:
    """One page of the intake queue: its rows, the total of the queue, whether it is the
    queue's first page, and the public ids to continue from (None at either end)."""

    rows: list[KraamzorgRequest]
    count: int
    first: bool
    previous_before: str | None
    next_after: str | None


def _reversed(ordering: OrderBy) -> OrderBy:
    flipped = ordering.copy()
    flipped.reverse_ordering()
    return cast(OrderBy, flipped)


def _beyond(boundary: KraamzorgRequest, *, forward: bool) -> Q:
    """The rows after (`forward`) or before `boundary` in the queue's order: the expected
    date first (an index range), then vulnerability (descending), sent, id."""
    expected = boundary.birth_date or boundary.due_date
    vulnerability, sent, pk = boundary.vulnerability, boundary.submitted_at, boundary.pk
    if forward:
        later = Q(expected__gt=expected) | Q(expected=expected, vulnerability__lt=vulnerability)
        same = Q(submitted_at__gt=sent) | Q(submitted_at=sent, id__gt=pk)
        bound = Q(expected__gte=expected)
    else:
        later = Q(expected__lt=expected) | Q(expected=expected, vulnerability__gt=vulnerability)
        same = Q(submitted_at__lt=sent) | Q(submitted_at=sent, id__lt=pk)
        bound = Q(expected__lte=expected)
    return bound & (later | Q(expected=expected, vulnerability=vulnerability) & same)


def intake_queue_page(
    *,
    by: Any,
    statuses: Iterable[str] = OPEN_STATUSES,
    after: Any = None,
    before: Any = None,
    size: int = 50,
) -> QueuePage:
    """A page of `size` requests of the service's queue: the first, or those right after the
    request `after` (a public id) or right before `before`. A boundary that is not the
    service's request (or not a UUID) gives the first page. Four statements: the service's
    offers, the boundary, the page (with its relations) and the queue's count."""
    if not is_service_staff(by):
        raise NoAccess
    offer_ids = list(_service_offers(by).values_list("id", flat=True))
    # One offer (the usual case): an equality, so the page is read in the index's order.
    mine = Q(offer_id=offer_ids[0]) if len(offer_ids) == 1 else Q(offer_id__in=offer_ids)
    queue = KraamzorgRequest.objects.filter(mine, status__in=list(statuses))
    boundary_id = parse_uuid(after or before) if (after or before) else None
    boundary = (
        KraamzorgRequest.objects.filter(mine, public_id=boundary_id).first()
        if boundary_id
        else None
    )
    forward = boundary is None or bool(after)
    # What a row of the page shows and logs: the referrer's name, the family's public id.
    listed = queue.alias(expected=EXPECTED).select_related("pregnancy", "referrer_organisation")
    if boundary is not None:
        listed = listed.filter(_beyond(boundary, forward=forward))
    order = QUEUE_ORDER if forward else tuple(_reversed(o) for o in QUEUE_ORDER)
    rows: list[KraamzorgRequest] = list(listed.order_by(*order)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if not forward:
        if not more:  # nothing before these: the queue's first page (it may have grown)
            return intake_queue_page(by=by, statuses=statuses, size=size)
        rows.reverse()
    if boundary is None:
        has_previous, has_next = False, more
    elif forward:
        has_previous, has_next = True, more
    else:
        has_previous, has_next = more, True
    return QueuePage(
        rows=rows,
        count=queue.count(),
        first=boundary is None,
        previous_before=str(rows[0].public_id) if rows and has_previous else None,
        next_after=str(rows[-1].public_id) if rows and has_next else None,
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
