"""A worker says it is alive; jobs left running by a worker that stopped are taken back."""

from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.utils import timezone

from perinatal.jobs import selectors
from perinatal.jobs.constants import JobStatus
from perinatal.jobs.models import Job, WorkerHeartbeat
from perinatal.jobs.services import ABANDONED, jobs_recover_abandoned
from perinatal.jobs.worker import Heartbeat

from . import kinds

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _kinds():
    kinds.register()


def test_a_worker_beats_while_it_runs_and_is_forgotten_when_it_stops():
    assert not selectors.worker_seen_within(60)
    heartbeat = Heartbeat("w-test", "*", interval=0.05)
    heartbeat.start()
    try:
        assert selectors.worker_seen_within(60)
        assert WorkerHeartbeat.objects.get().worker_id == "w-test"
    finally:
        heartbeat.stop()
    assert not WorkerHeartbeat.objects.exists()


def test_a_worker_not_seen_for_a_minute_does_not_count():
    WorkerHeartbeat.objects.create(
        worker_id="old",
        hostname="h",
        pid=1,
        queues="*",
        started_at=timezone.now() - timedelta(hours=1),
        last_seen_at=timezone.now() - timedelta(seconds=61),
    )
    assert not selectors.worker_seen_within(60)


def test_a_job_whose_worker_stopped_is_retried_or_failed():
    long_ago = timezone.now() - timedelta(minutes=10)
    retried = Job.objects.create(
        kind="test-flaky",
        status=JobStatus.RUNNING,
        attempts=1,
        started_at=long_ago,
        worker_id="gone",
    )
    given_up = Job.objects.create(
        kind="test-flaky",
        status=JobStatus.RUNNING,
        attempts=3,
        started_at=long_ago,
        worker_id="gone",
    )
    WorkerHeartbeat.objects.create(
        worker_id="alive",
        hostname="h",
        pid=1,
        queues="*",
        started_at=long_ago,
        last_seen_at=timezone.now(),
    )
    alive = Job.objects.create(
        kind="test-flaky",
        status=JobStatus.RUNNING,
        attempts=1,
        started_at=long_ago,
        worker_id="alive",
    )
    assert jobs_recover_abandoned() == 2
    retried.refresh_from_db()
    given_up.refresh_from_db()
    alive.refresh_from_db()
    assert retried.status == JobStatus.RETRYING
    assert DBTaskResult.objects.get().args_kwargs["args"] == [str(retried.pk)]
    assert (given_up.status, given_up.failure_message) == (JobStatus.FAILED, ABANDONED)
    assert alive.status == JobStatus.RUNNING
    assert jobs_recover_abandoned() == 0


def test_readiness_wants_a_worker_seen_within_a_minute(client):
    assert client.get("/readyz").json()["checks"]["worker"] == {
        "ok": False,
        "detail": "no task worker has been seen",
    }
    heartbeat = Heartbeat("w-ready", "*", interval=60)
    heartbeat.beat()
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["worker"]["ok"] is True
    WorkerHeartbeat.objects.update(last_seen_at=timezone.now() - timedelta(seconds=90))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {"ok": False, "detail": "last seen 90 s ago"}
