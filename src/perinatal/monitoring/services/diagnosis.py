"""Why an import is refused, in full: called by `submissions_import` after it met a problem
and rolled back. Every file is read again as a stream and every error listed as a refusal
must (line, column, value, reason; at most `MAX_ERRORS` per file, all counted), with the
dossiers given twice for a service and year found by the database
(`submissions/duplicates.py`) and a (service, year) in two files of one import. Without
errors, the rules in the order the import applies them: who may submit for each service
(`forbidden`, `not_your_service`), a final year (`year_final`), a newer version received
meanwhile (`newer_submission`). Raises the refusal; returns if nothing is wrong (any more)."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..constants import YearStatus
from ..models import Service, Submission, WorkYear
from ..submissions.columns import MAX_ERRORS, Key
from ..submissions.duplicates import DuplicateFinder
from ..submissions.errors import FileError, InvalidSubmission, SubmissionRefused, listed_errors
from ..submissions.inputs import CHECKING, ImportProgress, ProgressMeter, SubmissionInput
from .permissions import check_may_submit


def submissions_diagnose(
    files: Sequence[SubmissionInput],
    *,
    by: Any,
    today: date,
    received_at: datetime,
    progress: ImportProgress | None = None,
) -> None:
    with transaction.atomic():
        keys = _check_files(files, today=today, progress=progress)
        _check_rules(keys, by=by, received_at=received_at)


def _check_files(
    files: Sequence[SubmissionInput], *, today: date, progress: ImportProgress | None
) -> list[Key]:
    """The (service, year)s of the files, or InvalidSubmission with every error."""
    meter = ProgressMeter(files, progress)
    found: list[tuple[str, list[FileError], int, list[Key]]] = []
    with DuplicateFinder() as finder:
        for index, file in enumerate(files):
            source = file.read(today=today)
            own: dict[Key, None] = {}
            for key, dossier_id, _family_id, _values, line in source:
                finder.add(index, key, dossier_id, line)
                if key not in own:
                    own[key] = None
                meter.rows += 1
                if not meter.rows % meter.every:
                    meter.report(source, CHECKING)
            meter.file_done(file, source)
            found.append((source.name, source.errors, source.error_count, list(own)))
        repeats = finder.counts()
        errors: list[FileError] = []
        count = 0
        for index, (name, file_errors, file_count, _keys) in enumerate(found):
            if repeats.get(index):
                twice = [
                    FileError(
                        repeat.line,
                        "dossier_id",
                        repeat.dossier_id,
                        "duplicate_dossier",
                        {"dossier": repeat.dossier_id, "line": repeat.first_line},
                        name,
                    )
                    for repeat in finder.duplicates(index, MAX_ERRORS + 1)
                ]
                file_errors = sorted([*file_errors, *twice], key=lambda error: error.line)
                file_count += repeats[index]
            errors += listed_errors(file_errors, file_count, name)
            count += file_count
    # A (service, year) in two files: the files without errors, in order (as they would be
    # stored).
    owners: dict[Key, str] = {}
    for name, _errors, file_count, file_keys in found:
        if file_count:
            continue
        for key in file_keys:
            if key in owners:
                service_id, year = key
                errors.append(
                    FileError(
                        0,
                        "service_id",
                        service_id,
                        "service_in_two_files",
                        {"service": service_id, "year": year, "other": owners[key]},
                        name,
                    )
                )
                count += 1
            else:
                owners[key] = name
    if count:
        raise InvalidSubmission(errors, count)
    return list(owners)


def _check_rules(keys: list[Key], *, by: Any, received_at: datetime) -> None:
    service_ids = sorted({service_id for service_id, _year in keys})
    known = {s.service_id: s for s in Service.objects.filter(service_id__in=service_ids)}
    check_may_submit(by, service_ids, known)
    years = sorted({year for _service, year in keys})
    final = list(
        WorkYear.objects.filter(year__in=years, status=YearStatus.FINAL).values_list(
            "year", flat=True
        )
    )
    if final:
        raise SubmissionRefused(
            "year_final",
            _(
                "The work year %(year)s is final: submissions are refused until an analyst "
                "reopens it."
            )
            % {"year": ", ".join(str(year) for year in sorted(final))},
        )
    for service_id, year in keys:
        newer = (
            Submission.objects.filter(
                service__service_id=service_id,
                work_year_id=year,
                superseded_at__isnull=True,
                received_at__gt=received_at,
            )
            .order_by("-received_at")
            .first()
        )
        if newer is not None:
            received = date_format(timezone.localtime(newer.received_at), "SHORT_DATETIME_FORMAT")
            raise SubmissionRefused(
                "newer_submission",
                _(
                    "A newer file for %(service)s, work year %(year)s, received on "
                    "%(received)s, is already stored: this earlier file was not stored."
                )
                % {"service": service_id, "year": year, "received": received},
            )
