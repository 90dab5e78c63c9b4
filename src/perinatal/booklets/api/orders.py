"""Booklet orders through the API (`/api/v1/booklets/orders…`), with an API token.

- An independent midwife lists her organisation's orders and places a new one.
- The order desk (a care professional with `booklets.handle_orders`) lists every order
  (filtered by status, kind, region), reads one, and decides: `POST /orders/{id}/decision`.
- Anyone else: 403 `forbidden`. An order outside your scope: 404.
Refusals answer 422 with the code: `missing_practice`, `order_too_large` (nothing stored),
`over_six_months_need` (the order is stored as refused: `order_id` and the figures come with
it; the order desk may approve it as an exception); an invalid transition is `invalid_input`.
Parents order on the website (they hold no API tokens).
"""

from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal
from uuid import UUID

from ninja import Field, Query, Schema, Status

from django.utils.translation import gettext as _

from perinatal.accounts import roles
from perinatal.accounts.tokens import TokenUserNotAllowed
from perinatal.api.errors import invalid_input_problem
from perinatal.api.problems import problem
from perinatal.api.requests import ApiRequest
from perinatal.api.schemas import InvalidInputProblem, Problem
from perinatal.core.constants import TEXT_MAX_LENGTH

from .. import order_selectors
from ..constants import OrderKind, OrderStatus
from ..errors import InvalidInput
from ..models import BookletOrder
from ..services import order_desk
from ..services import orders as order_services
from . import router

# To the type checker a code is text; the schema lists the choices' values.
if TYPE_CHECKING:
    OrderStatusCode = str
    OrderKindCode = str
    DecisionCode = str
else:
    OrderStatusCode = Literal[tuple(OrderStatus.values)]
    OrderKindCode = Literal[tuple(OrderKind.values)]
    DecisionCode = Literal[
        OrderStatus.APPROVED.value,
        OrderStatus.REFUSED.value,
        OrderStatus.SHIPPED.value,
        OrderStatus.DELIVERED.value,
    ]
OrderRefusalCode = Literal["missing_practice", "order_too_large", "over_six_months_need"]
REFUSALS = {401: Problem, 403: Problem, 404: Problem}


# --- Schemas -------------------------------------------------------------------------------


class ShipToSchema(Schema):
    name: str = Field(max_length=200)
    street: str = Field(max_length=200, description="Street and number.")
    postcode: str = Field(max_length=4, description="A Belgian postcode: it gives the region.")
    municipality: str = Field(max_length=100)


class OrderIn(Schema):
    practice_name: str = Field("", max_length=200, description="Required (`missing_practice`).")
    independent_midwife: bool = Field(
        False, description="You state that you are an independent midwife (required)."
    )
    kindboekjes: int = Field(0, ge=0, description="At most 50 (`order_too_large`).")
    zwangerschapsboekjes: int = Field(0, ge=0)
    without_opvolging: bool = Field(
        False,
        description="Without the booklet 'Opvolging zwangerschap en geboorte' that comes with "
        "each Zwangerschapsboekje.",
    )
    remarks: str = Field("", max_length=TEXT_MAX_LENGTH)
    declared_births_six_months: int | None = Field(
        None,
        ge=0,
        description="The births you expect to follow in the next six months: required when no "
        "hand-outs of your practice are recorded for the last six months.",
    )
    ship_to: ShipToSchema


class OrderOut(Schema):
    id: UUID
    kind: OrderKindCode
    status: OrderStatusCode
    status_label: str
    submitted_at: datetime
    organisation: str | None
    practice_name: str
    independent_midwife: bool
    kindboekjes: int
    zwangerschapsboekjes: int
    opvolging_boekjes: int
    without_opvolging: bool
    remarks: str
    declared_births_six_months: int | None
    need_six_months: int | None = Field(description="The need over six months when ordered.")
    need_basis: str = Field(description="`history` (hand-outs of six months) or `declared`.")
    stock_at_order: int | None = Field(description="Delivered minus handed out when ordered.")
    child_order: int | None = Field(description="A parent's order: which child.")
    ship_to: ShipToSchema
    area_nis: str
    refusal_code: str
    refusal_reason: str
    exception_reason: str
    decided_at: datetime | None
    shipped_at: datetime | None
    delivered_at: datetime | None


class OrderRefusalOut(Problem):
    """The procedure refuses the order (type `/api/v1/problems/refused`); `detail` says why."""

    code: OrderRefusalCode = Field(description="The stable code of the refusal.")
    rule: str
    order_id: UUID | None = Field(None, description="`over_six_months_need`: the stored order.")
    quantity: int | None = None
    stock: int | None = None
    on_order: int | None = Field(None, description="Kindboekjes of orders not yet delivered.")
    need: int | None = None
    basis: str | None = None


class OrderListParams(Schema):
    status: OrderStatusCode | None = None
    kind: OrderKindCode | None = Field(None, description="The order desk only.")
    area_nis: str | None = Field(None, max_length=5, description="The order desk only.")


class DecisionIn(Schema):
    status: DecisionCode = Field(description="The next status (see the order flow).")
    reason: str = Field(
        "",
        max_length=TEXT_MAX_LENGTH,
        description="Required to refuse, and to approve a refused order as an exception.",
    )


class OrderDecisionOut(Schema):
    order: OrderOut
    booklet_id: UUID | None = Field(
        None, description="Delivered parent's order: the child's Kindboekje in the registry."
    )
    note: str = ""


# --- Answers -------------------------------------------------------------------------------


def order_out(order: BookletOrder) -> dict[str, Any]:
    return {
        "id": order.public_id,
        "kind": order.kind,
        "status": order.status,
        "status_label": str(OrderStatus(order.status).label),
        "submitted_at": order.submitted_at,
        "organisation": str(order.organisation) if order.organisation_id else None,
        "practice_name": order.practice_name,
        "independent_midwife": order.independent_midwife,
        "kindboekjes": order.kindboekjes,
        "zwangerschapsboekjes": order.zwangerschapsboekjes,
        "opvolging_boekjes": order.opvolging_boekjes,
        "without_opvolging": order.without_opvolging,
        "remarks": order.remarks,
        "declared_births_six_months": order.declared_births_six_months,
        "need_six_months": order.need_six_months,
        "need_basis": order.need_basis,
        "stock_at_order": order.stock_at_order,
        "child_order": order.child_order if order.kind == OrderKind.PARENT else None,
        "ship_to": {
            "name": order.ship_to_name,
            "street": order.ship_to_street,
            "postcode": order.ship_to_postcode,
            "municipality": order.ship_to_municipality,
        },
        "area_nis": order.area_nis,
        "refusal_code": order.refusal_code,
        "refusal_reason": order.refusal_reason,
        "exception_reason": order.exception_reason,
        "decided_at": order.decided_at,
        "shipped_at": order.shipped_at,
        "delivered_at": order.delivered_at,
    }


def _body_field(name: str) -> str | None:
    """The service's field as the request body names it (`ship_to_postcode` → `ship_to.postcode`)."""
    if name == "__all__":
        return None
    return f"ship_to.{name.removeprefix('ship_to_')}" if name.startswith("ship_to_") else name


def _not_found(request: ApiRequest) -> Status:
    message = _("Nothing with this id is known to you.")
    return Status(404, problem(request, 404, code="not_found", detail=message))


def _desk_or_midwife(user: Any) -> str:
    if roles.is_order_desk(user):
        return "desk"
    if roles.is_independent_midwife(user):
        return "midwife"
    raise TokenUserNotAllowed


# --- Operations ----------------------------------------------------------------------------


@router.get(
    "/orders",
    operation_id="orders_list",
    response={200: list[OrderOut], 401: Problem, 403: Problem, 422: InvalidInputProblem},
    summary="Booklet orders: your practice's, or every order for the order desk",
)
def orders_list(request: ApiRequest, params: Query[OrderListParams]):
    """An independent midwife: her organisation's orders, newest first. The order desk: every
    order, oldest first, filtered by `status`, `kind` and `area_nis`. At most 500."""
    if _desk_or_midwife(request.auth) == "desk":
        orders = order_selectors.desk_orders(
            by=request.auth,
            status=params.status or "",
            kind=params.kind or "",
            area_nis=params.area_nis or "",
        )
    else:
        orders = order_selectors.orders_mine(by=request.auth)
        if params.status:
            orders = orders.filter(status=params.status)
    return [order_out(order) for order in orders[:500]]


@router.post(
    "/orders",
    operation_id="order_create",
    response={
        201: OrderOut,
        401: Problem,
        403: Problem,
        422: OrderRefusalOut | InvalidInputProblem,
    },
    summary="Order Kindboekjes for your practice (independent midwives)",
)
def order_create(request: ApiRequest, body: OrderIn):
    """At most 50 Kindboekjes; the order plus your practice's stock and the orders on their way
    may not exceed your need over six months (your hand-outs of the last six months, or the
    births you declare). Each Zwangerschapsboekje brings a booklet 'Opvolging zwangerschap en
    geboorte' unless `without_opvolging`."""
    if not roles.is_independent_midwife(request.auth):
        raise TokenUserNotAllowed
    try:
        order = order_services.order_submit_midwife(
            by=request.auth,
            practice_name=body.practice_name,
            independent_midwife=body.independent_midwife,
            kindboekjes=body.kindboekjes,
            zwangerschapsboekjes=body.zwangerschapsboekjes,
            without_opvolging=body.without_opvolging,
            remarks=body.remarks,
            declared_births=body.declared_births_six_months,
            ship_to=order_services.ShipTo(**body.ship_to.dict()),
            request=request,
        )
    except InvalidInput as exc:
        return Status(422, invalid_input_problem(request, exc.message_dict, rename=_body_field))
    return Status(201, order_out(order))


def _order_for(request: ApiRequest, order_id: UUID) -> BookletOrder:
    if _desk_or_midwife(request.auth) == "desk":
        return order_selectors.desk_order(by=request.auth, public_id=order_id, request=request)
    return order_selectors.order_for_orderer(by=request.auth, public_id=order_id)


@router.get(
    "/orders/{order_id}",
    operation_id="order_get",
    response={200: OrderOut, **REFUSALS},
    summary="One booklet order",
)
def order_get(request: ApiRequest, order_id: UUID):
    try:
        return order_out(_order_for(request, order_id))
    except BookletOrder.DoesNotExist:
        return _not_found(request)


@router.post(
    "/orders/{order_id}/decision",
    operation_id="order_decide",
    response={200: OrderDecisionOut, **REFUSALS, 422: InvalidInputProblem},
    summary="The order desk's decision on an order",
)
def order_decision(request: ApiRequest, order_id: UUID, body: DecisionIn):
    """submitted → `approved` or `refused` (with a `reason`); refused for more than six months
    of need → `approved` as an exception (with a `reason`); approved → `shipped` →
    `delivered`. Any other move is refused (422 `invalid_input` on `status`). A delivered
    parent's order for a family on the platform becomes the child's Kindboekje (`booklet_id`;
    `note` says when the child meanwhile got one)."""
    if not roles.is_order_desk(request.auth):
        raise TokenUserNotAllowed
    try:
        order = order_selectors.desk_order(by=request.auth, public_id=order_id, request=request)
    except BookletOrder.DoesNotExist:
        return _not_found(request)
    outcome = order_desk.order_decide(
        by=request.auth, order=order, status=body.status, reason=body.reason, request=request
    )
    return {
        "order": order_out(outcome.order),
        "booklet_id": outcome.booklet.public_id if outcome.booklet else None,
        "note": outcome.note,
    }
