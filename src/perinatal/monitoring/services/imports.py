"""Starting a background import of uploaded submission files (`imports/`): the files are
kept in the default storage and a `monitoring-import` job is started, which a worker takes
once this transaction commits. Checked before: the number, size and names of the files and
who may submit (the page and the API do it before they read the files)."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation

from perinatal.jobs.models import Job
from perinatal.jobs.services import job_start

from ..constants import IMPORT_JOB_KIND
from ..imports.incoming import incoming_delete, incoming_save
from ..submissions.rejections import Channel


def submission_import_start(
    *,
    by: Any,
    channel: Channel | str,
    uploads: Sequence[tuple[str, File]],
    received_at: datetime | None = None,
) -> Job:
    """Keep the uploads (name, file) and start their import as `by`, in the active
    language; answers the job the person follows."""
    received_at = received_at or timezone.now()
    folder, files = incoming_save(uploads)
    try:
        with transaction.atomic(durable=True):
            return job_start(
                kind=IMPORT_JOB_KIND,
                by=by,
                params={
                    "folder": folder,
                    "files": files,
                    "channel": str(channel),
                    "received_at": received_at.isoformat(),
                    "language": translation.get_language(),
                    "user": getattr(by, "pk", None),
                },
            )
    except BaseException:
        incoming_delete(folder)
        raise
