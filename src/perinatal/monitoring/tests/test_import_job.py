"""The background import (`imports/job.py`), run by the real task worker: all or nothing in
one transaction (one bad row among many, or a dossier twice at the end of a large file,
refuses the file whole and stores nothing), its progress visible while it runs, the kept files
deleted when it is over and kept for a second attempt after a transient failure (which then
imports once), never imported as the operator when its uploader is gone."""

import os
import threading
import time

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from django.core.files.base import ContentFile
from django.db import OperationalError, connection
from django.utils import timezone, translation

from perinatal.jobs.constants import FINISHED, JobStatus
from perinatal.jobs.models import Job
from perinatal.jobs.runner import run_job
from perinatal.jobs.testing import run_pending_tasks

from ..imports import housekeeping
from ..imports import job as import_job
from ..imports import progress as import_progress
from ..imports.incoming import ROOT, incoming_folders
from ..models import Dossier, RejectedSubmission, Service, Submission
from ..services import submission_import_start
from ..submissions.inputs import ProgressMeter
from ..submissions.rejections import rejection_errors
from .builders import csv_bytes, row
from .upload_support import IMPORTS, START

pytestmark = IMPORTS


def _start(user, *files: tuple[str, bytes], language: str = "en") -> Job:
    with translation.override(language):
        return submission_import_start(
            by=user,
            channel="page",
            uploads=[(name, ContentFile(data, name=name)) for name, data in files],
        )


def _rows(count: int, **changes) -> list[dict[str, str]]:
    return [row(dossier_id=f"D{n:06d}", **changes) for n in range(count)]


def _finished(job: Job) -> Job:
    job.refresh_from_db()
    assert job.status in FINISHED
    return job


@time_machine.travel(START, tick=False)
def test_an_import_stores_the_files_and_deletes_them(analyst):
    job = _start(analyst, ("a.csv", csv_bytes(_rows(3))))
    assert incoming_folders() == [job.params["folder"]]
    assert run_pending_tasks() == 1
    job = _finished(job)
    submission = Submission.objects.get()
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["submissions"] == [submission.pk]
    assert job.result["stored"][0]["dossiers"] == 3
    assert (job.done, job.total, job.stage) == (3, 3, "")
    assert submission.received_at == START
    assert incoming_folders() == []


@time_machine.travel(START, tick=False)
def test_one_bad_row_among_many_refuses_the_file_whole_and_stores_nothing(analyst):
    rows = _rows(30_000)
    rows[24_998]["province"] = "Atlantis"  # line 25,000 (the header is line 1)
    job = _start(analyst, ("groot.csv", csv_bytes(rows)))
    run_pending_tasks()
    job = _finished(job)
    assert job.status == JobStatus.FAILED
    assert job.failure_message == import_job.INVALID_FILES
    assert job.failure_params == {"count": 1}
    rejection = RejectedSubmission.objects.get()
    assert job.result == {"rejection": str(rejection.public_id)}
    assert [(e.line, e.column, e.value, e.code) for e in rejection_errors(rejection)] == [
        (25_000, "province", "Atlantis", "unknown_province")
    ]
    assert (rejection.channel, rejection.by, rejection.file_names) == (
        "page",
        analyst,
        ["groot.csv"],
    )
    assert not Submission.objects.exists()
    assert not Dossier.objects.exists()
    assert not Service.objects.exists()  # created while loading, rolled back with the rest
    assert incoming_folders() == []


@time_machine.travel(START, tick=False)
def test_a_dossier_twice_at_the_end_of_a_large_file_is_found_and_nothing_stored(analyst):
    rows = _rows(30_000)
    rows.append(row(dossier_id="D000007"))  # line 30,002 repeats line 9
    job = _start(analyst, ("dubbel.csv", csv_bytes(rows)))
    run_pending_tasks()
    job = _finished(job)
    assert (job.status, job.failure_params) == (JobStatus.FAILED, {"count": 1})
    errors = rejection_errors(RejectedSubmission.objects.get())
    assert [(e.line, e.code, e.params) for e in errors] == [
        (30_002, "duplicate_dossier", {"dossier": "D000007", "line": 9})
    ]
    assert not Dossier.objects.exists()


@time_machine.travel(START, tick=False)
def test_a_refusal_by_rule_is_the_jobs_message(kraamzorg_user):
    from .upload_support import service_user

    job = _start(service_user(kraamzorg_user), ("x.csv", csv_bytes([row(service_id="GZ-9")])))
    run_pending_tasks()
    job = _finished(job)
    assert job.failure_message == import_job.REFUSED
    assert job.failure_params == {
        "reason": "You may only submit for your own service, not for GZ-9."
    }
    assert RejectedSubmission.objects.get().code == "not_your_service"


def test_a_transient_failure_keeps_the_files_for_the_next_attempt_which_imports_once(
    analyst, monkeypatch
):
    real = import_job.submissions_import
    calls = []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(**kwargs)

    monkeypatch.setattr(import_job, "submissions_import", flaky)
    job = _start(analyst, ("a.csv", csv_bytes(_rows(5, work_year="2024"))))
    run_pending_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.RETRYING
    assert incoming_folders() == [job.params["folder"]]
    assert not Submission.objects.exists()
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_pending_tasks()
    job = _finished(job)
    assert (job.status, job.attempts) == (JobStatus.SUCCEEDED, 2)
    assert Submission.objects.get().dossiers == 5
    assert incoming_folders() == []
    # A third delivery (the end of an attempt not recorded) imports nothing again.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RETRYING)
    run_job.enqueue(str(job.pk))
    run_pending_tasks()
    assert _finished(job).status == JobStatus.SUCCEEDED
    assert Submission.objects.count() == 1


@time_machine.travel(START, tick=False)
def test_an_import_whose_uploader_is_gone_is_refused_not_run_as_the_operator(analyst):
    job = _start(analyst, ("a.csv", csv_bytes(_rows(2))))
    Job.objects.filter(pk=job.pk).update(started_by=None)
    run_pending_tasks()
    job = _finished(job)
    assert (job.status, job.failure_message) == (JobStatus.FAILED, import_job.UPLOADER_GONE)
    assert not Submission.objects.exists()
    assert incoming_folders() == []


def test_the_progress_is_visible_while_the_import_runs(analyst, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite has one writer, the import's own transaction: its progress is written "
            "when the import is over"
        )
    monkeypatch.setattr(import_progress, "INTERVAL", 0.02)
    monkeypatch.setattr(ProgressMeter, "every", 1000)
    rows = 120_000
    job = _start(analyst, ("groot.csv", csv_bytes(_rows(rows, work_year="2024"))))
    seen: list[tuple[str, int, int | None, str]] = []
    stop = threading.Event()

    def watch() -> None:  # another session, as the job's page reloading
        try:
            while not stop.is_set():
                found = Job.objects.filter(pk=job.pk).values_list(
                    "status", "done", "total", "stage"
                )[0]
                if not seen or seen[-1] != found:
                    seen.append(found)
                time.sleep(0.005)
        finally:
            connection.close()

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        run_pending_tasks()
    finally:
        stop.set()
        watcher.join()
    midway = [s for s in seen if s[0] == "running" and s[3] == "reading" and 0 < s[1] < rows]
    assert len(midway) >= 3, seen
    assert all(total is not None and total >= done for _s, done, total, _st in midway)
    assert [done for _s, done, _t, _st in midway] == sorted(done for _s, done, _t, _st in midway)
    assert _finished(job).status == JobStatus.SUCCEEDED


def test_files_left_behind_are_deleted_once_a_day_unless_a_job_still_needs_them(analyst):
    queued = _start(analyst, ("a.csv", csv_bytes(_rows(1))))
    from django.core.files.storage import default_storage

    default_storage.save(f"{ROOT}/leftover/01.csv", ContentFile(b"x"))
    default_storage.save(f"{ROOT}/fresh/01.csv", ContentFile(b"x"))
    long_ago = time.time() - 7 * 3600
    for folder in ("leftover", queued.params["folder"]):
        os.utime(default_storage.path(f"{ROOT}/{folder}"), (long_ago, long_ago))
    assert housekeeping.incoming_cleanup.call() == 1
    assert sorted(incoming_folders()) == sorted(["fresh", queued.params["folder"]])
