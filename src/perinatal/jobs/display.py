"""How a job reads to the person who follows it, on its page and in the API: what it is
called and, when it failed, why (the message in the person's language)."""

from typing import Any

from django.utils.translation import gettext

from .kinds import job_kinds
from .models import Job


def job_title(job: Job) -> Any:
    """Its kind's title for this job ("Kraamzorg report: kraamzorg-2016.pdf"), else the
    kind's label (a lazy text)."""
    kind = job_kinds.get(job.kind)
    if kind is None:
        return job.kind
    return kind.title(job) if kind.title else kind.label


def job_failure(job: Job) -> str:
    """The failure message in the active language, with its parameters; "" when none."""
    if not job.failure_message:
        return ""
    failure = gettext(job.failure_message)
    return failure % job.failure_params if job.failure_params else failure
