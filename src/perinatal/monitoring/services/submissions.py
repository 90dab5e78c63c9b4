"""Importing submissions: for each (service, work year) in the files, the new version
supersedes the current one, all in one transaction, and the snapshots of the touched years
are recomputed before it commits.

Refused whole (nothing stored) when any file has an error, when the user may not submit for a
service, or when a year is final (until an analyst reopens it). A submission received after
the deadline of its year (30 April of the next year, a dated parameter) is accepted while the
year is provisional, and marked late.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.audit.models import ChangeAction
from perinatal.audit.services import change_record

from ..constants import YearStatus
from ..models import Service, Submission, WorkYear
from ..parameters import is_late
from ..submissions.errors import FileError, InvalidSubmission, SubmissionRefused
from ..submissions.file import Key, Row, SubmissionFile
from ..submissions.storage import dossiers_insert
from ..years.snapshots import year_snapshot_take
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


def _collect(files: list[SubmissionFile]) -> dict[Key, tuple[SubmissionFile, list[Row]]]:
    """Every file's rows by (service, year); errors of any file, or a (service, year) in two
    files, refuse the whole import."""
    errors: list[FileError] = [error for file in files for error in file.errors]
    found: dict[Key, tuple[SubmissionFile, list[Row]]] = {}
    for file in files:
        for key, rows in file.rows.items():
            if key in found:
                service_id, year = key
                errors.append(
                    FileError(
                        0,
                        "service_id",
                        service_id,
                        "service_in_two_files",
                        {"service": service_id, "year": year, "other": found[key][0].name},
                        file.name,
                    )
                )
            else:
                found[key] = (file, rows)
    if errors:
        raise InvalidSubmission(errors)
    return found


def submissions_import(
    *,
    files: list[SubmissionFile],
    by: Any,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Stored]:
    """Store the files' submissions (see the module's docstring); `by` is the user who
    submits (None: the command line's operator); `progress(rows)` as dossiers are stored."""
    found = _collect(files)
    now = now or timezone.now()
    with transaction.atomic():
        services = _services(found, by)
        years = _years_open({year for _service, year in found})
        current = {
            (sub.service.service_id, sub.work_year_id): sub
            for sub in Submission.objects.select_for_update()
            .select_related("service")
            .filter(
                work_year_id__in=years,
                service__in=services.values(),
                superseded_at__isnull=True,
            )
        }
        versions = {
            (row["service__service_id"], row["work_year_id"]): row["last"]
            for row in Submission.objects.filter(
                work_year_id__in=years, service__in=services.values()
            )
            .values("service__service_id", "work_year_id")
            .annotate(last=Max("version"))
        }
        if current:
            Submission.objects.filter(pk__in=[sub.pk for sub in current.values()]).update(
                superseded_at=now
            )
        new = []
        for key, (file, rows) in found.items():
            service_id, year = key
            info = file.services[service_id]
            new.append(
                Submission(
                    service=services[service_id],
                    work_year=years[year],
                    version=versions.get(key, 0) + 1,
                    service_name=info.name,
                    sector=info.sector,
                    received_at=now,
                    late=is_late(year, now),
                    source_file=file.name[:255],
                    uploaded_by=by if getattr(by, "pk", None) else None,
                    dossiers=len(rows),
                    newborn_dossiers=sum(1 for row in rows if row[3]),
                )
            )
        Submission.objects.bulk_create(new)
        by_key = {(sub.service.service_id, sub.work_year_id): sub for sub in new}
        dossiers_insert(
            ((by_key[key], rows) for key, (_f, rows) in found.items()), progress=progress
        )
        for work_year in years.values():
            year_snapshot_take(work_year=work_year, at=now, data_changed_at=now)
        stored = []
        for key, submission in by_key.items():
            replaced = current.get(key)
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
                    service_id=key[0],
                    year=key[1],
                    version=submission.version,
                    dossiers=submission.dossiers,
                    newborn_dossiers=submission.newborn_dossiers,
                    late=submission.late,
                    replaced_version=replaced.version if replaced else None,
                )
            )
    return sorted(stored, key=lambda s: (s.year, s.service_id))


def _services(found, by: Any) -> dict[str, Service]:
    """The services of the files, created or renamed as the files say, after checking that
    `by` may submit for each."""
    infos = {}
    for file, _rows in found.values():
        infos.update(file.services)
    service_ids = sorted({service_id for service_id, _year in found})
    known = {s.service_id: s for s in Service.objects.filter(service_id__in=service_ids)}
    check_may_submit(by, service_ids, known)
    organisation = getattr(by, "organisation", None) if by is not None else None
    for service_id in service_ids:
        info = infos[service_id]
        service = known.get(service_id)
        if service is None:
            service = Service(service_id=service_id, name=info.name, sector=info.sector)
        changed = service.pk is None or (service.name, service.sector) != (info.name, info.sector)
        service.name, service.sector = info.name, info.sector
        if (
            service.organisation_id is None
            and organisation is not None
            and organisation.recognition_number.strip() == service_id
        ):
            service.organisation = organisation
            changed = True
        if changed:
            service.save()
        known[service_id] = service
    return known


def _years_open(years: set[int]) -> dict[int, WorkYear]:
    """The work years, created when new and locked; a final year refuses the import."""
    WorkYear.objects.bulk_create([WorkYear(year=year) for year in years], ignore_conflicts=True)
    locked = {wy.year: wy for wy in WorkYear.objects.select_for_update().filter(year__in=years)}
    final = sorted(year for year, wy in locked.items() if wy.status == YearStatus.FINAL)
    if final:
        raise SubmissionRefused(
            "year_final",
            _(
                "The work year %(year)s is final: submissions are refused until an analyst "
                "reopens it."
            )
            % {"year": ", ".join(str(year) for year in final)},
        )
    return locked
