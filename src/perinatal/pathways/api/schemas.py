"""What the families' API takes and gives, as Ninja schemas (so the OpenAPI document shows
them). Identifiers are the records' random `public_id`s. A national number goes only into a
request body (never a URL) and never comes back: a person shows at most
`national_number_masked` (`85.07.30-***.**`)."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal
from uuid import UUID

from ninja import Field, Schema

from perinatal.api.schemas import InvalidInputProblem, Problem

from ..constants import (
    MAX_CHILDREN_PER_BIRTH,
    BirthPlace,
    NoNationalNumber,
    PregnancyStatus,
    ReferralStatus,
    Sex,
)
from ..constants import ProgrammeServiceKind as Kind
from ..rules import Refusal, Scenario

EntitlementKind = Literal[("screening", *Kind.values)]  # type: ignore[valid-type]
# To the type checker a code is text; the schema lists the choices' values.
if TYPE_CHECKING:
    RefusalCode = str
else:
    RefusalCode = Literal[tuple(Refusal.values)]
NationalNumber = str
Date = date  # for fields named `date`, which would hide the type in their class


# --- Errors -------------------------------------------------------------------------------


class RefusalOut(Problem):
    """A rule of the programme says no (type `/api/v1/problems/refused`); `detail` says which
    rule and what remains, in the caller's language."""

    code: RefusalCode = Field(description="The stable code of the refusal.")
    rule: str = Field(description="The identifier of the rule (see the rules page).")
    remaining: int | None = None


Unprocessable = RefusalOut | InvalidInputProblem


# --- Families ------------------------------------------------------------------------------


class PersonIn(Schema):
    given_name: str = Field(max_length=100)
    family_name: str = Field(max_length=100)
    birth_date: date | None = None
    national_number: NationalNumber = Field(
        "", max_length=20, description="INSZ/NISS or BIS number; or say why there is none."
    )
    no_national_number: Literal[tuple(NoNationalNumber.values)] = Field(  # type: ignore[valid-type]
        "", description="Why there is no national number (required without one)."
    )
    languages: list[str] = Field(default_factory=list, max_length=20)


class PregnancyIn(Schema):
    mother: PersonIn
    partner: PersonIn | None = None
    postcode: str = Field(max_length=10, description="Belgian postcode (4 digits).")
    municipality: str = Field(max_length=100)
    languages: list[str] = Field(
        default_factory=list, max_length=20, description="Language codes: nl, fr, en, ar, …"
    )
    due_date: date
    registered_on: date | None = Field(None, description="Today when left out.")
    consent_to_share: bool = Field(
        False, description="The family consents to share the record within the care team."
    )


class PersonOut(Schema):
    given_name: str
    family_name: str
    birth_date: date | None
    national_number_masked: str | None = Field(
        None, description="Only the date-of-birth part, e.g. `85.07.30-***.**`."
    )
    no_national_number: str
    languages: list[str]


class AreaOut(Schema):
    nis: str
    name: str
    region: Literal["brussels", "flanders", "wallonia"]


class PregnancySummaryOut(Schema):
    id: UUID
    mother: str = Field(description="The mother's name.")
    due_date: date
    status: Literal[tuple(PregnancyStatus.values)]  # type: ignore[valid-type]
    municipality: str


class PregnancyOut(Schema):
    id: UUID
    mother: PersonOut
    partner: PersonOut | None
    postcode: str
    municipality: str
    area: AreaOut | None
    languages: list[str]
    due_date: date
    registered_on: date
    status: Literal[tuple(PregnancyStatus.values)]  # type: ignore[valid-type]
    status_label: str
    lead_organisation: str
    consent_to_share: bool


class ScenarioOut(Schema):
    code: Literal[tuple(Scenario.values)]  # type: ignore[valid-type]
    label: str


class EntitlementLineOut(Schema):
    kind: EntitlementKind
    label: str
    used: int
    limit: int | None
    remaining: int | None
    note: str


class TeamMemberOut(Schema):
    organisation: str
    task: str
    since: datetime


class LookupIn(Schema):
    national_number: NationalNumber = Field(max_length=20)


class LookupOut(Schema):
    found: bool | None = Field(
        description=(
            "true when you may see the family's record; otherwise null — not told, whether "
            "or not the mother is on the platform (decision 0033)."
        )
    )
    visible: bool = Field(description="Whether you may see the record (the care team).")
    id: UUID | None = Field(None, description="Only when visible.")


class TimelineEntryOut(Schema):
    date: Date
    kind: str = Field(description="`moment` (computed) or the kind of record.")
    title: str
    detail: str
    by: str
    until: Date | None


# --- Birth -----------------------------------------------------------------------------------


class ChildIn(Schema):
    given_name: str = Field("", max_length=100)
    family_name: str = Field("", max_length=100, description="The mother's when left out.")
    sex: Literal[tuple(Sex.values)] = "U"  # type: ignore[valid-type]
    national_number: NationalNumber = Field("", max_length=20)
    nicu_admission: bool = False
    nicu_days: int | None = Field(None, ge=0, le=365)


class BirthIn(Schema):
    date: Date
    place: Literal[tuple(BirthPlace.values)]  # type: ignore[valid-type]
    place_name: str = Field("", max_length=200)
    children: list[ChildIn] = Field(min_length=1, max_length=MAX_CHILDREN_PER_BIRTH)


class ChildOut(Schema):
    id: UUID
    birth_order: int
    given_name: str
    family_name: str
    sex: str
    national_number_masked: str | None
    nicu_admission: bool
    nicu_days: int | None


class BirthOut(Schema):
    date: Date
    place: str
    place_label: str
    place_name: str
    children: list[ChildOut]


class PregnancyDetailOut(PregnancyOut):
    scenario: ScenarioOut = Field(description="The scenario in force today.")
    birth: BirthOut | None
    entitlements: list[EntitlementLineOut]
    care_team: list[TeamMemberOut]


# --- Screening and programme services --------------------------------------------------------


class ScreeningIn(Schema):
    date: Date | None = Field(None, description="Today when left out.")
    positive: list[str] = Field(
        default_factory=list, max_length=40, description="Codes of the indicators found present."
    )
    new_assessment_reason: str = Field(
        "", max_length=2000, description="Required for every screening after the first."
    )


class ScreeningOut(Schema):
    id: UUID
    date: Date
    scenario: Literal[tuple(Scenario.values)]  # type: ignore[valid-type]
    scenario_label: str
    positive_inclusion_criteria: int
    positive: list[str]
    catalogue_version: str
    new_assessment_reason: str
    organisation: str


class ProgrammeServiceIn(Schema):
    kind: Literal[tuple(Kind.values)]  # type: ignore[valid-type]
    date: Date
    participants: int | None = Field(
        None, ge=0, le=50, description="Multidisciplinary consultation only."
    )
    prescribed: bool = Field(False, description="Physiotherapy: on a physician's prescription.")
    note: str = Field("", max_length=2000)


class ProgrammeServiceOut(Schema):
    id: UUID
    kind: Literal[tuple(Kind.values)]  # type: ignore[valid-type]
    label: str
    date: Date
    period_end: Date | None
    participants: int | None
    prescribed: bool
    note: str
    organisation: str


class DecisionOut(Schema):
    allowed: bool
    code: str = Field(description="Empty when allowed; else the stable refusal code.")
    message: str
    remaining: int | None = Field(description="What remains after one more (when allowed).")
    rule: str


# --- Referrals -------------------------------------------------------------------------------


class ReferralIn(Schema):
    service_id: UUID = Field(description="The id of a service of the directory (HSDS API).")
    reason: str = Field(max_length=2000)


class ServiceRefOut(Schema):
    id: UUID
    name: str


class ReferralOut(Schema):
    id: UUID
    pregnancy_id: UUID
    service: ServiceRefOut
    to_organisation: str | None = Field(
        description="The organisation that answers on the platform (none if it does not use it)."
    )
    reason: str
    status: Literal[tuple(ReferralStatus.values)] = Field(  # type: ignore[valid-type]
        description="`sent` to an organisation on the platform; `to_contact` when the service "
        "does not use it (the referrer contacts it and records `contacted`, `accepted`, "
        "`declined` or `unreachable` on the family page)."
    )
    status_label: str
    answer_note: str
    from_organisation: str
    created_at: datetime
    answered_at: datetime | None


class FamilyRefOut(Schema):
    mother: str
    due_date: date
    municipality: str
    languages: list[str]


class ReceivedReferralOut(ReferralOut):
    family: FamilyRefOut


class AnswerIn(Schema):
    # the receiving organisation's answers (the off-platform outcomes are the referrer's)
    status: Literal["accepted", "declined", "completed"]
    note: str = Field("", max_length=2000)
