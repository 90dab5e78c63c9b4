"""A job runs in the real worker: done with its result and progress, refused with a message
for the person, retried on a transient failure, failed with a reason only administrators see."""

import pytest
from django_tasks_db.models import DBTaskResult

from django.db import transaction
from django.utils import timezone

from perinatal.jobs.constants import JobStatus
from perinatal.jobs.models import Job
from perinatal.jobs.runner import UNEXPECTED, retry_delay
from perinatal.jobs.services import job_start
from perinatal.jobs.testing import run_pending_tasks

from . import kinds

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _kinds():
    kinds.register()


def _start(kind: str, **params) -> Job:
    with transaction.atomic():
        return job_start(kind=kind, by=None, params=params)


def test_a_job_is_not_queued_before_its_transaction_commits():
    with transaction.atomic():
        job_start(kind="test-count", by=None)
        assert not DBTaskResult.objects.exists()
    assert DBTaskResult.objects.count() == 1


def test_the_worker_runs_a_job_to_its_end_with_progress_and_result():
    job = _start("test-count", total=5)
    assert run_pending_tasks() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert (job.done, job.total, job.stage) == (5, 5, "counting")
    assert job.result == {"counted": 5}
    assert job.attempts == 1
    assert job.worker_id == "test-worker"
    assert job.finished_at is not None


def test_a_refusal_keeps_the_message_for_the_person_and_is_not_retried():
    job = _start("test-refuse")
    run_pending_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.failure_message == "Line %(line)s: the province is unknown."
    assert job.failure_params == {"line": 7}
    assert DBTaskResult.objects.count() == 1


def test_a_transient_failure_is_retried_later_then_succeeds():
    kinds.CALLS.clear()
    job = _start("test-flaky", succeed_at=2)
    run_pending_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.RETRYING
    retry = DBTaskResult.objects.ready().count()
    assert retry == 0  # deferred: not ready before its delay
    deferred = DBTaskResult.objects.filter(status="READY").get()
    assert deferred.run_after > timezone.now() + retry_delay(1) - timezone.timedelta(seconds=5)
    DBTaskResult.objects.filter(pk=deferred.pk).update(run_after=timezone.now())
    run_pending_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.attempts == 2
    assert [str(job.pk)] * 2 == kinds.CALLS


def test_a_transient_failure_stops_after_the_last_attempt():
    job = _start("test-flaky")
    for _ in range(3):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_pending_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.attempts == 3
    assert job.failure_message == UNEXPECTED
    assert "OperationalError" in job.failure_detail
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_an_unexpected_error_fails_the_job_without_showing_its_text_to_the_person():
    job = _start("test-broken")
    run_pending_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.failure_message == UNEXPECTED
    assert "Janssens" not in job.failure_message
    assert "ValueError" in job.failure_detail  # for the administrators
    assert DBTaskResult.objects.get().status == "FAILED"


def test_a_job_delivered_twice_runs_once():
    job = _start("test-count", total=2)
    run_pending_tasks()
    from perinatal.jobs.runner import run_job

    run_job.enqueue(str(job.pk))
    run_pending_tasks()
    job.refresh_from_db()
    assert job.attempts == 1


def test_an_unknown_kind_is_refused_at_start():
    with pytest.raises(ValueError, match="unknown job kind"):
        job_start(kind="no-such-kind", by=None)
