"""What the hand-over endpoints take and give: hospital discharges with their transfer to the
first line, and screenings proposed after outreach. Moments are ISO 8601 date-times; one
without an offset is read in Brussels time, and answers give Brussels time with its offset."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal
from uuid import UUID

from ninja import Field, Schema

from ..constants import ProposalStatus, TransferState
from .schemas import FamilyRefOut

if TYPE_CHECKING:
    TransferStateCode = str
    ProposalStatusCode = str
    AnswerStatusCode = str
else:
    TransferStateCode = Literal[tuple(TransferState.values)]
    ProposalStatusCode = Literal[tuple(ProposalStatus.values)]
    AnswerStatusCode = Literal[ProposalStatus.ACCEPTED.value, ProposalStatus.DECLINED.value]
Day = date  # for fields named `date`, which would hide the type in their class


class OrganisationRefOut(Schema):
    id: UUID = Field(description="The organisation's id on the platform.")
    name: str
    kind: str = Field(description="The kind of organisation, in the caller's language.")


class DischargeIn(Schema):
    discharged_at: datetime = Field(description="When the mother or child left the hospital.")
    to_organisation_id: UUID = Field(
        description="The first-line organisation the discharge data goes to "
        "(`GET /discharges/recipients`)."
    )
    transferred_at: datetime | None = Field(
        None, description="When the transfer data was sent; leave out if not done yet."
    )
    note: str = Field("", max_length=2000)


class TransferIn(Schema):
    transferred_at: datetime = Field(description="When the transfer data was sent.")


class DischargeOut(Schema):
    id: UUID
    pregnancy_id: UUID
    hospital: str
    to_organisation: OrganisationRefOut
    discharged_at: datetime
    deadline_at: datetime | None = Field(
        description="The transfer is due by then (none: no deadline in force on that day)."
    )
    transferred_at: datetime | None
    state: TransferStateCode = Field(description="Where the transfer stands now.")
    state_label: str = Field(description="The state in words, in the caller's language.")
    late: bool = Field(description="Transferred late, or not transferred by the deadline.")
    note: str


class ReceivedDischargeOut(DischargeOut):
    family: FamilyRefOut


class ProposalIn(Schema):
    date: Day = Field(description="The day of the outreach contact.")
    to_organisation_id: UUID = Field(
        description="A provider taking part in the programme (`GET /screening-proposals/providers`)."
    )
    note: str = Field("", max_length=2000)


class ProposalOut(Schema):
    id: UUID
    pregnancy_id: UUID
    outreach_date: Day
    from_organisation: str
    to_organisation: OrganisationRefOut
    note: str
    status: ProposalStatusCode
    status_label: str
    answer_reason: str
    created_at: datetime
    answered_at: datetime | None


class ReceivedProposalOut(ProposalOut):
    family: FamilyRefOut


class ProposalAnswerIn(Schema):
    status: AnswerStatusCode = Field(
        description="`accepted` (your organisation joins the care team and screens) or "
        "`declined` (with a reason)."
    )
    reason: str = Field("", max_length=2000)
