"""The job kind `monitoring-import`: a worker imports the files an upload kept
(`incoming.py`) with `services.submissions_import`, as the person who uploaded them and in
their language, with the time of the upload as the time received (the deadline counts from
it).

- Stored: the job's result holds the new submissions' ids (`submissions`) and what each
  became (`stored`); its page leads to the submissions page `?received=…`.
- Refused (errors in the files, another service, a final year, …): the attempt is kept as a
  `RejectedSubmission` as before, its id is the job's result (`rejection`) and the job fails
  with a message naming the count of errors; its page leads to the refusal and its errors.
- The kept files are deleted when the job is over, and kept when it will be tried again (the
  database went away, a deadlock): the import is one transaction, so a second attempt starts
  from nothing. The result is written in that transaction too, so an attempt whose end was
  not recorded is not imported twice.
"""

from dataclasses import asdict
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from perinatal.jobs.kinds import JobKind, JobRefused, job_kinds
from perinatal.jobs.models import Job
from perinatal.jobs.progress import Progress

from ..constants import IMPORT_JOB_KIND
from ..models import RejectedSubmission
from ..services.submissions import submissions_import
from ..submissions.errors import InvalidSubmission, SubmissionRefused
from ..submissions.inputs import CHECKING, READING, SUMMING
from ..submissions.rejections import INVALID, rejection_record
from .incoming import incoming_delete, incoming_inputs
from .progress import ImportProgressWriter

KIND = IMPORT_JOB_KIND
STAGES: dict[str, str | Promise] = {
    READING: _("Reading, checking and storing the rows"),
    CHECKING: _("Listing the errors"),
    SUMMING: _("Computing the year's figures"),
}
INVALID_FILES = gettext_noop(
    "The files have %(count)s error(s): nothing was stored. The list of errors shows each one "
    "with its line."
)
REFUSED = gettext_noop("Nothing was stored: %(reason)s")
UPLOADER_GONE = gettext_noop("The account that sent these files no longer exists.")


def import_run(job: Job, progress: Progress) -> dict[str, Any]:
    if job.result.get("submissions") is not None:
        return job.result  # stored by an earlier attempt whose end was not recorded
    if job.result.get("rejection"):
        raise _refusal(RejectedSubmission.objects.get(public_id=job.result["rejection"]))
    keep = False
    try:
        return _import(job, progress)
    except BaseException as exc:
        keep = _will_retry(job, exc)
        raise
    finally:
        if not keep:
            incoming_delete(job.params["folder"])


def _import(job: Job, progress: Progress) -> dict[str, Any]:
    params = job.params
    by = job.started_by
    if params.get("user") is not None and by is None:
        raise JobRefused(UPLOADER_GONE)  # never import as the operator instead
    received_at = datetime.fromisoformat(params["received_at"])
    names = [item["name"] for item in params["files"]]
    language = params.get("language") or settings.LANGUAGE_CODE
    with translation.override(language), ImportProgressWriter(job, progress) as report:
        try:
            with transaction.atomic():
                stored = submissions_import(
                    files=incoming_inputs(params["files"]),
                    by=by,
                    received_at=received_at,
                    progress=report,
                )
                result = {
                    "submissions": [item.submission_id for item in stored],
                    "stored": [asdict(item) for item in stored],
                }
                Job.objects.filter(pk=job.pk).update(result=result)
        except (InvalidSubmission, SubmissionRefused) as exc:
            rejection = rejection_record(
                by=by, channel=params["channel"], file_names=names, refusal=exc, now=received_at
            )
            Job.objects.filter(pk=job.pk).update(result={"rejection": str(rejection.public_id)})
            raise _refusal(rejection) from None
    return result


def _refusal(rejection: RejectedSubmission) -> JobRefused:
    if rejection.code == INVALID:
        return JobRefused(INVALID_FILES, count=rejection.error_count)
    return JobRefused(REFUSED, reason=rejection.message)


def _will_retry(job: Job, exc: BaseException) -> bool:
    """As the runner decides: a transient failure while attempts remain."""
    kind = job_kinds.get(KIND)
    return kind is not None and isinstance(exc, kind.retry_on) and job.attempts < kind.max_attempts


def import_result_url(job: Job) -> str | None:
    """The refusal with its errors, or the submissions page showing the ones stored."""
    if job.result.get("rejection"):
        return reverse("monitoring:rejection", kwargs={"public_id": job.result["rejection"]})
    ids = job.result.get("submissions")
    if ids is None:
        return None
    return f"{reverse('monitoring:submissions')}?{urlencode([('received', pk) for pk in ids])}"


def register() -> None:
    if KIND not in job_kinds:
        job_kinds.register(
            KIND,
            JobKind(
                KIND,
                _("Import of yearly submissions"),
                import_run,
                result_url=import_result_url,
                stages=STAGES,
            ),
        )
