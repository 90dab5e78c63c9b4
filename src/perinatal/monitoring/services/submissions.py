"""Importing submissions: for each (service, work year) in the files, the new version
supersedes the current one, all in one transaction, and the snapshots of the touched years
are recomputed before it commits.

Refused whole (nothing stored) when any file has an error, when the user may not submit for a
service, when a year is final (until an analyst reopens it), or when a newer version was
received meanwhile (two uploads for a service imported out of order). A submission received
after the deadline of its year (30 April of the next year, a dated parameter) is accepted
while the year is provisional, and marked late.

The files are read as streams, in one pass, with memory that does not grow with them: each
clean row goes straight into the dossier table (COPY), each (service, year) becoming a new
version when its first row is met. At the first problem (an error in a file, a dossier twice,
a refusal) the transaction is rolled back and `diagnosis.py` reads the files again to list
every error, as a refusal must; a file without problems is read once.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from django.db import IntegrityError, transaction
from django.utils import timezone

from perinatal.audit.models import ChangeAction
from perinatal.audit.services import change_record

from ..constants import YearStatus
from ..models import Service, Submission, WorkYear
from ..parameters import is_late
from ..submissions.columns import Key, ServiceInfo
from ..submissions.errors import SubmissionRefused
from ..submissions.inputs import (
    READING,
    SUMMING,
    ImportProgress,
    ProgressMeter,
    SubmissionInput,
)
from ..submissions.reader import FirstError
from ..submissions.storage import DossierWriter
from ..years.snapshots import year_snapshot_take
from .diagnosis import submissions_diagnose
from .permissions import check_may_submit


@dataclass(frozen=True)
class Stored:
    """What one (service, year) of an import became."""

    service_id: str
    year: int
    version: int
    dossiers: int
    newborn_dossiers: int
    late: bool
    replaced_version: int | None
    submission_id: int


class _Problem(Exception):
    """Met while loading: roll back, then list the errors (`diagnosis.py`)."""


@dataclass
class _Target:
    """A (service, year) being loaded: its new submission and what it replaces."""

    submission: Submission | None
    replaced: Submission | None
    prefix: Any
    dossiers: int = 0
    newborn: int = 0

    NONE: ClassVar["_Target"]

    def credit(self, dossiers: int, newborn: int) -> None:
        self.dossiers += dossiers
        self.newborn += newborn


_Target.NONE = _Target(None, None, None)  # before the first row


def submissions_import(
    *,
    files: Sequence[SubmissionInput],
    by: Any,
    now: datetime | None = None,
    received_at: datetime | None = None,
    progress: ImportProgress | None = None,
) -> list[Stored]:
    """Store the files' submissions (see the module's docstring); `by` is the user who
    submits (None: the command line's operator); `received_at` when the files were received
    (the deadline counts from it; by default `now`, the moment of the import)."""
    now = now or timezone.now()
    received_at = received_at or now
    problem: BaseException | None = None
    for _attempt in range(2):
        try:
            with transaction.atomic():
                return _load(files, by=by, now=now, received_at=received_at, progress=progress)
        except (_Problem, IntegrityError) as exc:
            problem = exc
        # Raises the refusal; returns only if the problem went away meanwhile (a race with
        # another import or a reopened year): then the files are loaded once more.
        submissions_diagnose(
            files, by=by, today=timezone.localdate(now), received_at=received_at, progress=progress
        )
    raise RuntimeError("the import met a problem that its diagnosis did not find") from problem


def _load(
    files: Sequence[SubmissionInput],
    *,
    by: Any,
    now: datetime,
    received_at: datetime,
    progress: ImportProgress | None,
) -> list[Stored]:
    today = timezone.localdate(now)
    meter = ProgressMeter(files, progress)
    targets: dict[Key, _Target] = {}
    years: dict[int, WorkYear] = {}  # locked, open
    with DossierWriter() as writer:
        write = writer.write
        for file in files:
            source = file.read(today=today, stop_at_first_error=True)
            own: dict[Key, _Target] = {}  # this file's (service, year)s
            # The inner loop runs for every row: the rows and newborn dossiers are counted in
            # local variables, and credited to their (service, year) when the key changes
            # (rows come grouped by service, so seldom).
            last_key: Key | None = None
            target = _Target.NONE
            rows = start = meter.rows
            newborn = newborn_start = 0
            every = meter.every
            try:
                for key, dossier_id, family_id, values, _line in source:
                    if key is not last_key:  # the reader hands on one key object per key
                        target.credit(rows - start, newborn - newborn_start)
                        start, newborn_start = rows, newborn
                        last_key, found = key, own.get(key)
                        if found is None:
                            if key in targets:
                                raise _Problem("service and year in two files")
                            writer.pause()
                            info = source.services[key[0]]
                            found = _open(key, info, file.name, writer, by, received_at, years)
                            own[key] = targets[key] = found
                        target = found
                    write(target.prefix, dossier_id, family_id, values)
                    newborn += values[1]
                    rows += 1
                    if not rows % every:
                        meter.rows = rows
                        meter.report(source, READING)
            except FirstError:
                raise _Problem("an error in a file") from None
            target.credit(rows - start, newborn - newborn_start)
            if source.error_count:
                raise _Problem("an error in a file")
            meter.rows = rows
            meter.file_done(file, source)
            meter.report(source, READING)
    if progress is not None:
        progress(meter.rows, meter.rows, SUMMING)
    return _finish(targets, by=by, now=now, received_at=received_at)


def _open(
    key: Key,
    info: ServiceInfo,
    file_name: str,
    writer: DossierWriter,
    by: Any,
    received_at: Any,
    years: dict[int, WorkYear],
) -> _Target:
    """The first row of a (service, year): check that `by` may submit for it and that the
    year is open, save the service as the file names it, supersede the current version and
    create the new one (its counts are set at the end)."""
    service_id, year = key
    known = Service.objects.filter(service_id=service_id).first()
    try:
        check_may_submit(by, [service_id], {service_id: known} if known else {})
    except SubmissionRefused:
        raise _Problem("refused") from None
    service = _service_save(known, service_id, info, by)
    work_year = years.get(year)
    if work_year is None:
        WorkYear.objects.bulk_create([WorkYear(year=year)], ignore_conflicts=True)
        work_year = years[year] = WorkYear.objects.select_for_update().get(year=year)
        if work_year.status == YearStatus.FINAL:
            raise _Problem("final year")
    # The current version is always the latest one (each new version supersedes it).
    latest = (
        Submission.objects.select_for_update()
        .filter(service=service, work_year=work_year)
        .order_by("-version")
        .first()
    )
    current = latest if latest is not None and latest.superseded_at is None else None
    if current is not None:
        if current.received_at > received_at:
            raise _Problem("a newer submission")
        Submission.objects.filter(pk=current.pk).update(superseded_at=received_at)
    submission = Submission.objects.create(
        service=service,
        work_year=work_year,
        version=latest.version + 1 if latest is not None else 1,
        service_name=info.name,
        sector=info.sector,
        received_at=received_at,
        late=is_late(year, received_at),
        source_file=file_name[:255],
        uploaded_by=by if getattr(by, "pk", None) else None,
    )
    return _Target(submission, current, writer.prefix(submission))


def _service_save(known: Service | None, service_id: str, info: ServiceInfo, by: Any) -> Service:
    """The service created or renamed as the file says; linked to the submitting user's
    organisation when it carries that recognition number and the service has none yet."""
    service = known or Service(service_id=service_id, name=info.name, sector=info.sector)
    changed = service.pk is None or (service.name, service.sector) != (info.name, info.sector)
    service.name, service.sector = info.name, info.sector
    organisation = getattr(by, "organisation", None) if by is not None else None
    if (
        service.organisation_id is None
        and organisation is not None
        and organisation.recognition_number.strip() == service_id
    ):
        service.organisation = organisation
        changed = True
    if changed:
        service.save()
    return service


def _finish(
    targets: dict[Key, _Target], *, by: Any, now: datetime, received_at: datetime
) -> list[Stored]:
    """Each new submission's counts, the touched years' snapshots and the change log."""
    years: dict[int, WorkYear] = {}
    submissions = []
    for target in targets.values():
        submission = target.submission
        assert submission is not None
        submission.dossiers, submission.newborn_dossiers = target.dossiers, target.newborn
        submissions.append(submission)
        years[submission.work_year_id] = submission.work_year
    Submission.objects.bulk_update(submissions, ["dossiers", "newborn_dossiers"], batch_size=500)
    for work_year in years.values():
        year_snapshot_take(work_year=work_year, at=now, data_changed_at=now)
    stored = []
    for (service_id, year), target in targets.items():
        submission, replaced = target.submission, target.replaced
        assert submission is not None
        change_record(
            actor=by,
            action=ChangeAction.CREATE,
            instance=submission,
            changes={
                "version": [None, submission.version],
                "dossiers": [None, submission.dossiers],
                "late": [None, submission.late],
                "replaces": [replaced.pk if replaced else None, None],
            },
        )
        stored.append(
            Stored(
                service_id=service_id,
                year=year,
                version=submission.version,
                dossiers=submission.dossiers,
                newborn_dossiers=submission.newborn_dossiers,
                late=submission.late,
                replaced_version=replaced.version if replaced else None,
                submission_id=submission.pk,
            )
        )
    return sorted(stored, key=lambda s: (s.year, s.service_id))
