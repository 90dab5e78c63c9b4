"""The files of an import between the upload and the worker: kept in the default storage
(`MEDIA_ROOT`, shared by every application server and worker, never served) under
`monitoring/incoming/<upload id>/`, one file per upload numbered in order (the uploader's
file name is kept in the job's parameters, never used as a path). Written in chunks (an upload
that Django already put in a temporary file is moved when the storage is on the same disk),
read as streams, deleted when the job is over; `incoming_forget_leftovers` removes what a
job that never finished left behind."""

import uuid
from collections.abc import Iterable
from datetime import timedelta
from functools import partial
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from ..submissions.inputs import StreamedFile

ROOT = "monitoring/incoming"
# A folder without a job this old is a leftover (an upload is moved within seconds, before
# its job is started).
LEFTOVER_AFTER = timedelta(hours=6)


def incoming_save(files: Iterable[tuple[str, File]]) -> tuple[str, list[dict[str, Any]]]:
    """Keep the uploaded files (name, file) in a new folder: its name, and for each file
    {"path", "name", "size"} as the job's parameters hold them."""
    folder = uuid.uuid4().hex
    kept = []
    try:
        for number, (name, upload) in enumerate(files, start=1):
            path = default_storage.save(f"{ROOT}/{folder}/{number:02d}.csv", upload)
            kept.append({"path": path, "name": name, "size": default_storage.size(path)})
    except BaseException:
        incoming_delete(folder)
        raise
    return folder, kept


def incoming_inputs(files: list[dict[str, Any]]) -> list[StreamedFile]:
    """The kept files as the import reads them (each opened anew for every pass)."""
    return [
        StreamedFile(item["name"], partial(default_storage.open, item["path"], "rb"), item["size"])
        for item in files
    ]


def incoming_delete(folder: str) -> None:
    """Delete a folder of kept files and the files in it (nothing if it is gone)."""
    path = f"{ROOT}/{folder}"
    if not default_storage.exists(path):
        return
    _directories, names = default_storage.listdir(path)
    for name in names:
        default_storage.delete(f"{path}/{name}")
    default_storage.delete(path)


def incoming_folders() -> list[str]:
    if not default_storage.exists(ROOT):
        return []
    return default_storage.listdir(ROOT)[0]


def incoming_forget_leftovers(in_use: Iterable[str], *, now: Any = None) -> list[str]:
    """Delete the folders older than `LEFTOVER_AFTER` that no unfinished job uses."""
    now = now or timezone.now()
    keep = set(in_use)
    deleted = []
    for folder in incoming_folders():
        if folder in keep:
            continue
        if now - default_storage.get_modified_time(f"{ROOT}/{folder}") < LEFTOVER_AFTER:
            continue
        incoming_delete(folder)
        deleted.append(folder)
    return deleted
