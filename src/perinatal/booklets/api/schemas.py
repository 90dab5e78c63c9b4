"""What the Kindboekje's API takes and gives, as Ninja schemas (so the OpenAPI document shows
them). Identifiers are the records' random `public_id`s; a national number goes only into a
request body and never comes back. Codes are the stable values of `booklets/constants.py`,
each with its label in the caller's language."""

from datetime import date
from typing import TYPE_CHECKING, Literal
from uuid import UUID

from ninja import Field, Schema

from perinatal.api.pagination import Page
from perinatal.api.schemas import IsoDate, Problem
from perinatal.pathways.constants import MAX_CHILDREN_PER_BIRTH

from ..constants import Channel, OrderStatus, ProviderKind, RefusalCode

# To the type checker a code is text; the schema lists the choices' values.
if TYPE_CHECKING:
    ChannelCode = str
    ProviderCode = str
    OrderStatusCode = str
    HandoutRefusalCode = str
else:
    ChannelCode = Literal[tuple(Channel.values)]
    ProviderCode = Literal[tuple(ProviderKind.values)]
    OrderStatusCode = Literal[tuple(OrderStatus.values)]
    HandoutRefusalCode = Literal[
        RefusalCode.ALREADY_HAS_BOOKLET.value,
        RefusalCode.CHANNEL_NOT_ALLOWED.value,
        RefusalCode.REASON_REQUIRED.value,
    ]
Day = date  # for fields named `on`/`date`, which would hide the type in their class


# --- Errors -------------------------------------------------------------------------------


class BookletRefusalOut(Problem):
    """The procedure says no (type `/api/v1/problems/refused`; `detail` says why). For
    `already_has_booklet`: the date and kind of provider of the booklet the child has (or the
    date of the parents' order)."""

    code: HandoutRefusalCode = Field(description="The stable code of the refusal.")
    rule: str = Field(description="The identifier of the rule (`booklets.procedure`).")
    handed_out_on: date | None = Field(None, description="`already_has_booklet`: when.")
    provider: ProviderCode | None = Field(
        None, description="`already_has_booklet`: which kind of provider handed it out."
    )
    channel: ChannelCode | None = None
    ordered_on: date | None = Field(
        None, description="`already_has_booklet` by a parents' order: when it was ordered."
    )


# --- Ask first ----------------------------------------------------------------------------


class StatusIn(Schema):
    national_number: str | None = Field(
        None,
        max_length=20,
        description="The mother's or the child's national number (INSZ/NISS or BIS).",
    )
    pregnancy_id: UUID | None = Field(None, description="Or the pregnancy's id.")
    on: IsoDate | None = Field(None, description="The day of the hand-out; today when left out.")


class TurnOut(Schema):
    step: int | None = Field(description="The step of the procedure; none for an exception.")
    channel: ChannelCode
    label: str
    provider: ProviderCode


class HandedOutOut(Schema):
    handed_out_on: date
    channel: ChannelCode
    channel_label: str
    provider: ProviderCode
    provider_label: str
    step: int | None
    in_turn: bool


class ParentOrderOut(Schema):
    child_order: int
    ordered_on: date
    status: OrderStatusCode
    status_label: str


class ChildStatusOut(Schema):
    child_order: int = Field(description="1 for the (first) expected child; twins 1 and 2.")
    born: bool
    birth_date: date | None = Field(description="Only in the full view.")
    has_booklet: bool = Field(description="A valid Kindboekje, or a parents' order for it.")
    since: date | None = Field(
        description="Since when it has one: the hand-out date, or the parents' order date."
    )
    booklet: HandedOutOut | None = Field(
        description="The hand-out; only in the full view (the family's care team)."
    )
    parent_order: ParentOrderOut | None = Field(description="Only in the full view.")
    turn: TurnOut | None = Field(description="Whose turn it is now (none once it has one).")
    turns: list[TurnOut] = Field(description="Every channel whose turn it is, step order.")


class StatusOut(Schema):
    view: Literal["full", "limited"] = Field(
        description=(
            "`full` for whom may see the family's record; `limited` for anyone else: whether "
            "each child has a Kindboekje and since when, and whose turn it is (decision 0033)."
        )
    )
    pregnancy_id: UUID | None = Field(
        description=(
            "None: only a parents' order is known; in the limited view, unless a child waits "
            "for a hand-out by your role."
        )
    )
    on: Day
    children: list[ChildStatusOut]
    parent_orders: list[ParentOrderOut] = Field(
        description="Parents' orders made with this number for a family not on the platform."
    )


# --- Hand-outs -----------------------------------------------------------------------------


class DistributionIn(Schema):
    pregnancy_id: UUID
    child_order: int = Field(1, ge=1, le=MAX_CHILDREN_PER_BIRTH, description="Twins: 1 and 2.")
    on: IsoDate | None = Field(None, description="The day of the hand-out; today when left out.")
    channel: ChannelCode | None = Field(
        None, description="Left out: your role's channel in the family's situation."
    )
    reason: str = Field(
        "", max_length=2000, description="Required when it is not your channel's turn."
    )


class BookletOut(Schema):
    id: UUID
    pregnancy_id: UUID
    child_order: int
    handed_out_on: date
    channel: ChannelCode
    channel_label: str
    provider: ProviderCode
    provider_label: str
    step: int | None
    in_turn: bool
    out_of_turn_reason: str
    organisation: str | None
    replaces: UUID | None = Field(description="The void booklet this one replaces.")
    voided_on: date | None
    void_reason: str = Field(description="`lost`, `damaged`, `recorded_in_error` or empty.")
    void_note: str


class ReplacementIn(Schema):
    reason: Literal["lost", "damaged"]
    note: str = Field("", max_length=2000)
    on: IsoDate | None = Field(None, description="Today when left out.")


class CancellationIn(Schema):
    note: str = Field(max_length=2000, description="What was recorded in error.")


class DistributionListParams(Schema):
    from_: IsoDate | None = Field(None, alias="from", description="Handed out on or after.")
    to: IsoDate | None = Field(None, description="Handed out on or before.")


class DistributionPage(Page[BookletOut]):
    """The Kindboekjes handed out, a page at a time."""
