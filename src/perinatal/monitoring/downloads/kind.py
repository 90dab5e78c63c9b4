"""The job kind `report-file`: a worker makes a report file that was too large or too slow
for the web request, keeps it in the storage (`storage.py`) and reports its name, size and
content type. Its page leads to the download (`monitoring:report_file`); an API client
fetches it from `GET /api/v1/monitoring/reports/files/{job_id}`. The file is deleted with the
job (`forget`), when the job is pruned after `JOBS_RESULT_RETENTION_DAYS`.

Job parameters: `producer` (a key of `report_producers`), `params` (the producer's), and
`language`, in which the worker renders (titles, labels and number formats), the language of
the request that asked."""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from perinatal.jobs.kinds import JobKind, JobRefused, job_kinds
from perinatal.jobs.models import Job
from perinatal.jobs.progress import Progress

from .producers import report_producers
from .storage import file_save, files_delete

REPORT_FILE = "report-file"
RENDERING = "rendering"
UNKNOWN_PRODUCER = gettext_noop("This kind of report can no longer be made. Please ask again.")


def _run(job: Job, progress: Progress) -> dict[str, Any]:
    producer = report_producers.get(job.params.get("producer", ""))
    if producer is None:
        raise JobRefused(UNKNOWN_PRODUCER)
    progress.report(0, stage=RENDERING, force=True)  # one file: a stage, no count
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        prepared = producer.prepare(job.params.get("params", {}))
        content = prepared.render()
    file_save(job.pk, prepared.name, content)
    progress.report(0, stage="", force=True)  # done: the page shows no stage any more
    return {"name": prepared.name, "size": len(content), "content_type": prepared.content_type}


def _title(job: Job) -> Any:
    producer = report_producers.get(job.params.get("producer", ""))
    label = producer.label if producer else _("Report file")
    name = job.result.get("name") if job.result else job.params.get("name")
    return gettext("%(report)s (%(file)s)") % {"report": label, "file": name} if name else label


def _result_url(job: Job) -> str:
    return reverse("monitoring:report_file", args=[job.pk])


def _api_result_url(job: Job) -> str:
    return reverse("api-v1:report_file_get", args=[job.pk])


def _forget(job: Job) -> None:
    files_delete(job.pk)


def register() -> None:
    job_kinds.register(
        REPORT_FILE,
        JobKind(
            REPORT_FILE,
            _("Report file"),
            _run,
            # Rendering again is safe: the file of an earlier attempt is replaced.
            max_attempts=3,
            result_url=_result_url,
            stages={RENDERING: _("Making the file")},
            title=_title,
            api_result_url=_api_result_url,
            forget=_forget,
        ),
    )
