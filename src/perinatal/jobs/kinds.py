"""The kinds of job: each app that hands work to the background registers its kinds from its
`AppConfig.ready()` (`job_kinds.register(kind.key, kind)`); a job names its kind by key.

A kind's `run(job, progress)` does the work and returns the result to keep (JSON). It raises
`JobRefused` for a refusal the person must read (a file that cannot be imported: the message
is a msgid, translated when shown); any other exception is a failure that the administrators
see, retried when it is one of `retry_on` (a lost database connection, a deadlock) and the
kind says that running it again is safe."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import InterfaceError, OperationalError
from django.utils.functional import Promise

from perinatal.core.registry import Registry

if TYPE_CHECKING:
    from .models import Job
    from .progress import Progress

# Failures that a second attempt may not meet: the database went away or chose this
# transaction as a deadlock's victim.
TRANSIENT = (OperationalError, InterfaceError)


class JobRefused(Exception):
    """The job cannot be done as asked; `message` (a msgid marked with gettext_noop) and its
    named `params` are shown to the person in their language."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class JobKind:
    key: str
    label: str | Promise
    run: "Callable[[Job, Progress], dict[str, Any]]"
    # Whether a failed attempt may simply run again (the work is one transaction, or skips
    # what is already done), and on which exceptions.
    retry_on: tuple[type[BaseException], ...] = field(default=TRANSIENT)
    max_attempts: int = 3
    # Where the person goes from the job's page when it is done (None: nowhere).
    result_url: "Callable[[Job], str | None] | None" = None
    # The labels of the stages the kind reports progress under (`Progress.report(stage=…)`).
    stages: "dict[str, str | Promise]" = field(default_factory=dict)
    # What one job of the kind is called on its page and in the API ("Kraamzorg report:
    # kraamzorg-2016.pdf"; None: the kind's label).
    title: "Callable[[Job], str | Promise] | None" = None
    # Where an API client fetches the result when the job is done (None: nowhere; the job's
    # own answer carries the result).
    api_result_url: "Callable[[Job], str | None] | None" = None
    # Deletes what a job keeps outside its row (a file in the storage), once the deletion of
    # the row is committed: pruned after JOBS_RESULT_RETENTION_DAYS or deleted by an
    # administrator (`cleanup.py`).
    forget: "Callable[[Job], None] | None" = None


job_kinds: Registry[JobKind] = Registry("job kinds")
