"""Starting the job that makes a report file in the background."""

from typing import Any

from django.db import transaction
from django.utils.translation import get_language

from perinatal.jobs.models import Job
from perinatal.jobs.services import job_start

from .kind import REPORT_FILE
from .producers import Params, report_producers


@transaction.atomic(durable=True)
def report_file_start(*, producer: str, params: Params, name: str, by: Any) -> Job:
    """A job that makes `producer`'s file from `params` in the active language (`name`: the
    file's name as the request saw it, shown on the job's page until the file is made). The
    caller has checked that `by` may have the file."""
    if producer not in report_producers:
        raise ValueError(f"unknown report producer {producer!r}")
    return job_start(
        kind=REPORT_FILE,
        by=by,
        params={"producer": producer, "params": params, "language": get_language(), "name": name},
    )
