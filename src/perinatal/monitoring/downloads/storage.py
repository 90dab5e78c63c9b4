"""Where a finished report file is kept: the default storage (`MEDIA_ROOT`, shared by every
server and worker), `reports/<job id>/<file name>`. Never served by the web server itself:
only `views.report_file_view` and the API hand it out, to the person who asked."""

from uuid import UUID

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

FOLDER = "reports"


def folder(job_id: UUID) -> str:
    return f"{FOLDER}/{job_id}"


def path(job_id: UUID, name: str) -> str:
    return f"{folder(job_id)}/{name}"


def file_save(job_id: UUID, name: str, content: bytes) -> str:
    """Keep the file (what an earlier attempt left is deleted first); its storage path."""
    files_delete(job_id)
    return default_storage.save(path(job_id, name), ContentFile(content))


def files_delete(job_id: UUID) -> int:
    """Delete the job's files (and its folder where the storage has folders); how many."""
    where = folder(job_id)
    if not default_storage.exists(where):
        return 0
    _folders, names = default_storage.listdir(where)
    for name in names:
        default_storage.delete(f"{where}/{name}")
    default_storage.delete(where)  # FileSystemStorage removes the empty directory
    return len(names)


def file_find(job_id: UUID) -> str | None:
    """The storage path of the job's file; None when it is gone."""
    where = folder(job_id)
    if not default_storage.exists(where):
        return None
    _folders, names = default_storage.listdir(where)
    return f"{where}/{names[0]}" if names else None
