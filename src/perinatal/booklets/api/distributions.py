"""The distribution registry through the API: ask first (`POST /booklets/status`), hand out
(`POST /booklets/distributions`), the organisation's hand-outs (`GET`), a replacement and a
cancellation. Care professionals with an API token only; the selectors and services decide
who may and write the access-log rows. A national number goes only in a request body."""

from typing import Any, cast
from uuid import UUID

from ninja import Query, Status
from ninja.pagination import paginate

from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_care_professional
from perinatal.accounts.tokens import BearerToken
from perinatal.api.pagination import PageNumbers
from perinatal.api.problems import problem
from perinatal.api.requests import ApiRequest
from perinatal.api.schemas import InvalidInputProblem, NotInForceProblem, Problem
from perinatal.pathways.models import Pregnancy

from .. import selectors
from ..constants import CHANNEL_PROVIDER, Channel, OrderStatus
from ..errors import InvalidInput
from ..models import Booklet, BookletOrder
from ..rules import Turn
from ..selectors import ChildStatus, FamilyStatus
from ..services import booklet_cancel, booklet_hand_out, booklet_replace
from . import router
from .schemas import (
    BookletOut,
    BookletRefusalOut,
    CancellationIn,
    DistributionIn,
    DistributionListParams,
    DistributionPage,
    ReplacementIn,
    StatusIn,
    StatusOut,
)

care_token = BearerToken(allowed=is_care_professional)
REFUSALS = {401: Problem, 403: Problem, 404: Problem}
UNPROCESSABLE = {422: BookletRefusalOut | InvalidInputProblem | NotInForceProblem}
# A day before the procedure's first date: 422 `not_in_force` (api/errors.py).
WRONG_OR_TOO_EARLY = {422: InvalidInputProblem | NotInForceProblem}


# --- Answers -------------------------------------------------------------------------------


def booklet_out(booklet: Booklet) -> dict[str, Any]:
    provider = CHANNEL_PROVIDER[booklet.channel]
    return {
        "id": booklet.public_id,
        "pregnancy_id": booklet.pregnancy.public_id,
        "child_order": booklet.child_order,
        "handed_out_on": booklet.handed_out_on,
        "channel": booklet.channel,
        "channel_label": str(booklet.get_channel_display()),
        "provider": provider.value,
        "provider_label": str(provider.label),
        "step": booklet.step,
        "in_turn": booklet.in_turn,
        "out_of_turn_reason": booklet.out_of_turn_reason,
        "organisation": str(booklet.organisation) if booklet.organisation else None,
        "replaces": booklet.replaces.public_id if booklet.replaces is not None else None,
        "voided_on": booklet.voided_on,
        "void_reason": booklet.void_reason,
        "void_note": booklet.void_note,
    }


def _turn_out(turn: Turn) -> dict[str, Any]:
    return {
        "step": turn.step,
        "channel": turn.channel,
        "label": str(Channel(turn.channel).label),
        "provider": CHANNEL_PROVIDER[turn.channel].value,
    }


def _order_out(order: BookletOrder) -> dict[str, Any]:
    return {
        "child_order": order.child_order,
        "ordered_on": timezone.localdate(order.submitted_at),
        "status": order.status,
        "status_label": str(OrderStatus(order.status).label),
    }


def _child_out(child: ChildStatus, *, full: bool) -> dict[str, Any]:
    booklet = child.booklet
    handed_out = None
    if booklet is not None and full:
        provider = CHANNEL_PROVIDER[booklet.channel]
        handed_out = {
            "handed_out_on": booklet.handed_out_on,
            "channel": booklet.channel,
            "channel_label": str(booklet.get_channel_display()),
            "provider": provider.value,
            "provider_label": str(provider.label),
            "step": booklet.step,
            "in_turn": booklet.in_turn,
        }
    turns = [] if child.has_booklet else [_turn_out(t) for t in child.turns]
    return {
        "child_order": child.child_order,
        "born": child.born,
        "birth_date": child.birth_date if full else None,
        "has_booklet": child.has_booklet,
        "since": child.since,
        "booklet": handed_out,
        "parent_order": _order_out(child.parent_order) if child.parent_order and full else None,
        "turn": turns[0] if turns else None,
        "turns": turns,
    }


def status_out(status: FamilyStatus, *, role: str) -> dict[str, Any]:
    """The answer for the asker (decision 0033): whom may see the record, all of it; anyone
    else "has a Kindboekje: yes/no, since when" and whose turn it is, and the pregnancy's id
    only when a child waits for a hand-out by the asker's role (to hand it out)."""
    full = status.full
    show_id = status.pregnancy is not None and (full or status.asker_in_turn(role))
    return {
        "view": "full" if full else "limited",
        "pregnancy_id": status.pregnancy.public_id if show_id and status.pregnancy else None,
        "on": status.on,
        "children": [_child_out(c, full=full) for c in status.children],
        "parent_orders": [_order_out(o) for o in status.orders_without_family],
    }


def _not_found(request: ApiRequest) -> Status:
    message = _(
        "This family is not on the platform and no parents' order is known for it. You can "
        "register the family (POST /api/v1/pregnancies) and then hand out the Kindboekje."
    )
    return Status(404, problem(request, 404, code="not_found", detail=message))


# --- Operations ----------------------------------------------------------------------------


@router.post(
    "/status",
    operation_id="booklet_status",
    response={200: StatusOut, **REFUSALS, **WRONG_OR_TOO_EARLY},
    auth=care_token,
    summary="Ask first: does the family have a Kindboekje, and whose turn is it?",
)
def booklet_status(request: ApiRequest, body: StatusIn):
    """By the mother's or the child's national number, or by the pregnancy: per child, the
    Kindboekje handed out (when, by which kind of provider), a parents' order, or whose turn it
    is under the procedure in force on `on`. No health data; the question is in the access
    log. An unknown family answers 404 `not_found`: it can be registered."""
    on = body.on or timezone.localdate()
    if bool(body.national_number) == bool(body.pregnancy_id):
        raise InvalidInput(
            {"__all__": [_("Give either a national number or a pregnancy id, not both.")]}
        )
    status: FamilyStatus | None
    if body.pregnancy_id is not None:
        try:
            pregnancy = selectors.family_get(body.pregnancy_id)
        except Pregnancy.DoesNotExist:
            return _not_found(request)
        status = selectors.family_status(
            by=request.auth, pregnancy=pregnancy, on=on, request=request
        )
    else:
        status = selectors.family_status_by_national_number(
            by=request.auth,
            number=cast(str, body.national_number),  # no pregnancy id: the number (checked above)
            on=on,
            request=request,
        )
        if status is None:
            return _not_found(request)
    return status_out(status, role=request.auth.role)


@router.post(
    "/distributions",
    operation_id="distribution_create",
    response={201: BookletOut, **REFUSALS, **UNPROCESSABLE},
    auth=care_token,
    summary="Hand out a Kindboekje",
)
def distribution_create(request: ApiRequest, body: DistributionIn):
    """Records that you hand out the Kindboekje of child `child_order` (twins: 1 and 2) under
    the procedure in force on `on`. Without `channel`, your role's channel in the family's
    situation. Refused (422) with `already_has_booklet` (and `handed_out_on`, `provider`),
    `channel_not_allowed` or `reason_required` (give `reason` outside your turn); 403 for a
    role that does not hand out."""
    pregnancy = selectors.family_get(body.pregnancy_id)
    booklet = booklet_hand_out(
        by=request.auth,
        pregnancy=pregnancy,
        on=body.on or timezone.localdate(),
        child_order=body.child_order,
        channel=body.channel,
        reason=body.reason,
        request=request,
    )
    return Status(201, booklet_out(booklet))


@router.get(
    "/distributions",
    operation_id="distributions_list",
    response={200: DistributionPage, 401: Problem, 403: Problem, 422: InvalidInputProblem},
    auth=care_token,
    summary="The Kindboekjes your organisation handed out",
)
@paginate(PageNumbers)
def distribution_list(request: ApiRequest, params: Query[DistributionListParams]):
    """Latest first, void ones included, each with its pregnancy id; `from` and `to` bound the
    day of the hand-out. Each family listed is in the access log."""
    if params.from_ and params.to and params.from_ > params.to:
        raise InvalidInput({"from": [_("The start lies after the end.")]})

    def fetch(offset: int, limit: int) -> tuple[int, list[dict]]:
        page = selectors.distributions_of_organisation(
            by=request.auth,
            start=params.from_,
            end=params.to,
            offset=offset,
            limit=limit,
            request=request,
        )
        return page.total, [booklet_out(b) for b in page.booklets]

    return fetch


@router.post(
    "/distributions/{booklet_id}/replacement",
    operation_id="distribution_replace",
    response={201: BookletOut, **REFUSALS, **WRONG_OR_TOO_EARLY},
    auth=care_token,
    summary="Replace a lost or damaged Kindboekje",
)
def distribution_replace(request: ApiRequest, booklet_id: UUID, body: ReplacementIn):
    """The booklet becomes void (`lost` or `damaged`, with a note) and a new one takes its
    place, so the child still has exactly one valid Kindboekje. Answers the new one."""
    booklet = selectors.booklet_get(booklet_id)
    new = booklet_replace(
        by=request.auth,
        booklet=booklet,
        reason=body.reason,
        note=body.note,
        on=body.on or timezone.localdate(),
        request=request,
    )
    return Status(201, booklet_out(new))


@router.post(
    "/distributions/{booklet_id}/cancellation",
    operation_id="distribution_cancel",
    response={200: BookletOut, **REFUSALS, 422: InvalidInputProblem},
    auth=care_token,
    summary="Cancel a hand-out recorded in error",
)
def distribution_cancel(request: ApiRequest, booklet_id: UUID, body: CancellationIn):
    """Only the organisation that recorded the hand-out; the booklet becomes void
    (`recorded_in_error`, with the note) and the child's turn is open again."""
    booklet = selectors.booklet_get(booklet_id)
    void = booklet_cancel(by=request.auth, booklet=booklet, note=body.note, request=request)
    return booklet_out(void)
