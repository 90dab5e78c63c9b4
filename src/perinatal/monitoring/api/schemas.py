"""What the monitoring's API takes and gives, as Ninja schemas (so that the OpenAPI document
shows them). The report schemas describe `reports.kraamzorg.kraamzorg_report` and `kraamzorg_trend`
exactly (the operations send `reports.kraamzorg.report_json`, the command line's JSON); a figure is
null when there is nothing to average over or, in publication mode, when it is withheld."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal
from uuid import UUID

from ninja import Field, Schema

from perinatal.api.pagination import Page
from perinatal.api.schemas import Problem
from perinatal.jobs.constants import JobStatus

from ..constants import YearAction, YearStatus

# To the type checker a code is text; the schema lists the choices' values.
if TYPE_CHECKING:
    StatusCode = str
    ActionCode = str
    JobStatusCode = str
else:
    StatusCode = Literal[tuple(YearStatus.values)]
    ActionCode = Literal[tuple(YearAction.values)]
    JobStatusCode = Literal[tuple(JobStatus.values)]
Day = date  # for fields named like their type


# --- Submissions ---------------------------------------------------------------------------


class StoredOut(Schema):
    """One (service, work year) of an accepted import."""

    service_id: str = Field(description="The service's recognition number.")
    year: int
    version: int = Field(description="1 for a first submission, then 2, 3, …")
    dossiers: int
    newborn_dossiers: int
    late: bool = Field(description="Received after the year's deadline (30 April next year).")
    replaced_version: int | None = Field(description="The version it supersedes, if any.")


class FileErrorOut(Schema):
    file: str
    line: int = Field(description="1 is the header line; 0 for a whole file.")
    column: str
    value: str = Field(description="The value as written (at most 100 characters).")
    code: str = Field(description="The stable code of the error.")
    message: str = Field(description="The reason, in the caller's language.")


class MonitoringRefusalOut(Problem):
    code: str = Field(
        description="`forbidden`, `not_your_service`, `year_final`, `newer_submission`, "
        "`already_final`, `not_final`, `before_deadline`, `reason_required`, `no_figures`, "
        "`unknown_year`, `too_large`."
    )


class ImportStartedOut(Schema):
    """An upload received: its import waits for a worker."""

    job_id: UUID
    status: JobStatusCode
    status_url: str = Field(description="Where to follow it (`GET`), also the `Location`.")


class ImportRefusalOut(Schema):
    code: str = Field(
        description="`invalid_submission` (errors in the files, listed in `errors`), "
        "`forbidden`, `not_your_service`, `year_final` or `newer_submission` (a later file "
        "for the same service and year was stored first)."
    )
    message: str
    error_count: int
    errors: list[FileErrorOut] = Field(description="Every error (at most 10,000 per file).")


class ImportOut(Schema):
    """An import of submission files, as it stands."""

    job_id: UUID
    status: JobStatusCode = Field(
        description="`queued`, `running`, `retrying` (after a failure that was not the "
        "files'), then `succeeded` or `failed`."
    )
    stage: str = Field(
        description="While running: `reading` (reading, checking and storing the rows), "
        "`checking` (listing the errors of a refused import), `summing` (the year's figures)."
    )
    done: int = Field(description="Rows done in the stage.")
    total: int | None = Field(description="Rows in all, estimated from the bytes read.")
    created_at: datetime
    finished_at: datetime | None
    stored: list[StoredOut] | None = Field(
        description="Succeeded: what each (service, work year) became."
    )
    refusal: ImportRefusalOut | None = Field(description="Failed: why nothing was stored.")
    failure: str | None = Field(
        description="Failed for a reason that is not the files' (try again later)."
    )


class SubmissionOut(Schema):
    service_id: str
    service_name: str = Field(description="As this submission gave it.")
    sector: str
    year: int
    version: int
    received_at: datetime
    late: bool
    current: bool = Field(description="Not superseded by a later version.")
    superseded_at: datetime | None
    source_file: str
    dossiers: int
    newborn_dossiers: int


class SubmissionListParams(Schema):
    year: int | None = Field(None, ge=2000, le=2999, description="Only this work year.")
    service_id: str | None = Field(None, max_length=20, description="Analysts: only this service.")
    current: bool = Field(False, description="Only the current version of each.")


class SubmissionPage(Page[SubmissionOut]):
    """Submissions, a page at a time."""


# --- Reports -------------------------------------------------------------------------------


class ReportParams(Schema):
    year: int = Field(ge=2000, le=2999, description="The work year.")
    as_of: date | None = Field(
        None, description="The figures as they stood at the end of that day (Brussels)."
    )
    publication: bool = Field(
        False,
        description="Publication mode: small counts withheld (with secondary suppression), "
        "listed in `suppressed`.",
    )


class TrendParams(Schema):
    from_: int = Field(alias="from", ge=2000, le=2999, description="The first work year.")
    to: int = Field(ge=2000, le=2999, description="The last work year.")
    as_of: date | None = None
    publication: bool = False


class ReportAreaOut(Schema):
    province: str = Field(description="The area's name in the caller's language, or Total.")
    nis: str | None = Field(description="The NIS code; null for the total.")
    dossiers: int | None
    families: int | None
    hours: float | None
    avg_hours_per_dossier: float | None
    avg_hours_per_family: float | None
    services: int | None


class FamilyCareOut(Schema):
    dossiers: int | None
    families: int | None
    newborn_dossier_share_pct: float | None


class SectorOut(Schema):
    dossiers: int | None
    families: int | None
    hours: float | None


class SectorsOut(Schema):
    public: SectorOut
    private: SectorOut


class ChangeRowOut(Schema):
    province: str | None = None
    nis: str | None = None
    dossiers: int | None
    families: int | None
    hours: float | None
    avg_hours_per_dossier: float | None
    avg_hours_per_family: float | None
    services: int | None
    hours_change_pct: float | None


class ChangeOut(Schema):
    provinces: list[ChangeRowOut]
    total: ChangeRowOut


class LimitsOut(Schema):
    min_families: int
    min_for_average: int


class SuppressedOut(Schema):
    cell: str = Field(description="The withheld figure: `provinces.<nis>.hours`, `total.…`.")
    reason: str


class ReportOut(Schema):
    year: int
    status: StatusCode
    as_of: Day | None
    data_changed_at: datetime
    provinces: list[ReportAreaOut] = Field(description="Antwerpen … Brussels, in this fixed order.")
    total: ReportAreaOut
    family_care: FamilyCareOut
    sectors: SectorsOut
    publication: LimitsOut | None = Field(None, description="Publication mode: the limits.")
    suppressed: list[SuppressedOut] | None = Field(None, description="Publication mode.")


class TrendYearOut(ReportOut):
    change: ChangeOut | None = Field(description="Against the year before (null: no figures).")


class TrendOut(Schema):
    from_: int = Field(alias="from")
    to: int
    as_of: Day | None
    years: list[TrendYearOut]
    publication: LimitsOut | None = None
    suppressed: list[SuppressedOut] | None = None


# --- Work years ----------------------------------------------------------------------------


class YearEventOut(Schema):
    action: ActionCode
    at: datetime
    reason: str


class YearOut(Schema):
    year: int
    status: StatusCode
    deadline: Day = Field(description="The last day to submit without being late.")
    closed_at: datetime | None
    current_submissions: int
    events: list[YearEventOut] = Field(description="Closings and reopenings, oldest first.")


class ReopenIn(Schema):
    reason: str = Field(max_length=2000, description="Why the year is reopened (logged).")
