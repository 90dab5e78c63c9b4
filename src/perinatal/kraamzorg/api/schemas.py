"""What kraamzorg's API takes and gives, as Ninja schemas (so the OpenAPI document shows them).
A request is known by its random `public_id`, a service by its recognition number
(`service_id` of the monitoring). A national number goes only into a request body and never
comes back. Hours and amounts are decimals written as strings (`"4.50"`). Every class is
prefixed `Kraamzorg` (the schema's component names are unique across the project)."""

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Literal
from uuid import UUID

from ninja import Field, Schema

from perinatal.api.pagination import Page
from perinatal.api.schemas import Problem
from perinatal.core.constants import TEXT_MAX_LENGTH

from ..constants import Help, RefusalReason, RequestSource, RequestStatus, Vulnerability

# To the type checker a code is text; the schema lists the choices' values.
if TYPE_CHECKING:
    StatusCode = str
    SourceCode = str
    VulnerabilityCode = str
    RefusalCode = str
    HelpCode = str
    DecisionCode = str
else:
    StatusCode = Literal[tuple(RequestStatus.values)]
    SourceCode = Literal[tuple(RequestSource.values)]
    VulnerabilityCode = Literal[tuple(Vulnerability.values)]
    RefusalCode = Literal[tuple(RefusalReason.values)]
    HelpCode = Literal[tuple(Help.values)]
    DecisionCode = Literal[
        RequestStatus.ACCEPTED.value, RequestStatus.WAITING.value, RequestStatus.REFUSED.value
    ]
Day = date  # for fields named `date`, which would hide the type in their class


class KraamzorgRefusalOut(Problem):
    """A rule says no (type `/api/v1/problems/refused`): `already_open` (the family has an
    open request at this service), `outside_area` (the service does not serve the family's
    postcode), `invalid_transition` (not from the request's present status), `not_accepted`
    (visits only for an accepted request). `detail` says why, in the caller's language."""

    code: str = Field(description="The stable code of the refusal.")
    rule: str = Field(description="The identifier of the rule.")
    remaining: int | None = None


# --- In -----------------------------------------------------------------------------------


class KraamzorgReferralIn(Schema):
    pregnancy_id: UUID = Field(description="The family you refer: a pregnancy you may see.")
    service_id: str | None = Field(
        None,
        max_length=20,
        description="The service's recognition number; left out: the first active service "
        "serving the postcode (`GET …/kraamzorg/services?postcode=`).",
    )
    reason: str = Field(
        max_length=TEXT_MAX_LENGTH, description="Why you refer the family (required)."
    )
    vulnerability_reason: str = Field(
        "",
        max_length=TEXT_MAX_LENGTH,
        description="Mark the family vulnerable, with the reason. A family whose screening "
        "gives scenario B today is marked vulnerable anyway.",
    )
    due_date: date | None = Field(None, description="The expected due date, or:")
    birth_date: date | None = Field(None, description="the date of birth.")
    postcode: str = Field(max_length=4)
    municipality: str = Field(max_length=100)
    adults: int = Field(1, description="Adults in the household (1–20).")
    children: int = Field(0, description="Children in the household, before this one (0–20).")
    income_band: str = Field(max_length=16, description="The social tariff's band (A–E).")
    languages: list[str] = Field(default_factory=list, description="Codes: nl, fr, en, ar …")
    help_wanted: list[HelpCode] = Field(default_factory=list)


class KraamzorgDecisionIn(Schema):
    status: DecisionCode = Field(description="`accepted` (and planned), `waiting`, `refused`.")
    planned_start: date | None = Field(None, description="Required to accept.")
    planned_hours: Decimal | None = Field(None, description="Required to accept (0 < h ≤ 999).")
    refusal_reason: RefusalCode | Literal[""] = Field("", description="Required to refuse.")
    note: str = Field(
        "", max_length=TEXT_MAX_LENGTH, description="Required with refusal reason `other`."
    )


class KraamzorgForwardIn(Schema):
    service_id: str = Field(max_length=20, description="The other service's recognition number.")


class KraamzorgVisitIn(Schema):
    date: Day = Field(description="The day of the visit (not in the future).")
    hours: Decimal = Field(description="More than 0, at most 24, two decimals at most.")
    carer: str = Field(max_length=200, description="The kraamverzorgende.")
    note: str = Field("", max_length=TEXT_MAX_LENGTH)


class KraamzorgListParams(Schema):
    status: StatusCode | None = Field(
        None, description="Only this status (the service's queue: its open requests by default)."
    )
    referred: bool = Field(
        False, description="A service's staff: the requests your organisation referred instead."
    )


# --- Out ----------------------------------------------------------------------------------


class KraamzorgServiceOut(Schema):
    service_id: str = Field(description="The recognition number.")
    name: str
    sector: str
    languages: list[str]


class KraamzorgRequestSummaryOut(Schema):
    id: UUID
    status: StatusCode
    status_label: str
    source: SourceCode
    source_label: str
    service: KraamzorgServiceOut
    referrer_organisation: str | None
    pregnancy_id: UUID | None
    expected_date: date = Field(description="The birth when known, else the due date.")
    due_date: date | None
    birth_date: date | None
    in_pregnancy: bool = Field(description="Asked before the birth.")
    postcode: str
    municipality: str
    area_nis: str
    vulnerability: VulnerabilityCode
    vulnerability_label: str
    submitted_at: datetime
    decided_at: datetime | None
    planned_start: date | None


class KraamzorgRequestOut(KraamzorgRequestSummaryOut):
    referral_reason: str
    vulnerability_reason: str
    contact_name: str
    contact_phone: str
    contact_email: str
    adults: int
    children: int
    income_band: str
    languages: list[str]
    help_wanted: list[str]
    planned_hours: Decimal | None
    refusal_reason: RefusalCode | Literal[""]
    refusal_note: str
    closed_at: datetime | None
    total_hours: Decimal | None = Field(None, description="When closed: the visits' hours.")


class KraamzorgRequestPage(Page[KraamzorgRequestSummaryOut]):
    """Kraamzorg requests, a page at a time."""


class KraamzorgVisitOut(Schema):
    date: Day
    hours: Decimal
    carer: str
    note: str
    created_at: datetime


class KraamzorgStatementLineOut(Schema):
    date: Day
    hours: Decimal
    price: Decimal = Field(description="Per hour, in euro, on that day.")
    amount: Decimal = Field(description="Hours × price, rounded half up to the cent.")
    carer: str


class KraamzorgStatementOut(Schema):
    request_id: UUID
    year: int
    month: int
    band: str = Field(description="The family's income band.")
    price: Decimal | None = Field(description="The band's hourly price on the month's last day.")
    lines: list[KraamzorgStatementLineOut]
    total_hours: Decimal
    total_amount: Decimal
