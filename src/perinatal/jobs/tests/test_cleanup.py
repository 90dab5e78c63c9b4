"""What a job keeps outside its row (a file) is deleted with the row, once the deletion is
committed: when the job is pruned or deleted by hand, never when the deletion rolls back; a
failure to delete one job's file does not stop the others."""

from datetime import timedelta

import pytest

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from perinatal.jobs.constants import JobStatus
from perinatal.jobs.housekeeping import prune_finished
from perinatal.jobs.models import Job

from . import kinds

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _kinds():
    kinds.register()
    kinds.FORGOTTEN.clear()


def _finished(days_ago: float, **params) -> Job:
    return Job.objects.create(
        kind="test-keeps-a-file",
        status=JobStatus.SUCCEEDED,
        params=params,
        finished_at=timezone.now() - timedelta(days=days_ago),
    )


def test_pruning_forgets_what_the_old_jobs_kept_and_only_theirs():
    keep = settings.JOBS_RESULT_RETENTION_DAYS
    old, recent = _finished(keep + 1), _finished(keep - 1)
    untouched = Job.objects.create(kind="test-count", status=JobStatus.SUCCEEDED)
    Job.objects.filter(pk=untouched.pk).update(finished_at=timezone.now() - timedelta(days=99))
    prune_finished.call()
    assert [str(old.pk)] == kinds.FORGOTTEN
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk}


def test_nothing_is_forgotten_when_the_deletion_rolls_back():
    job = _finished(1)
    job_id = job.pk
    with pytest.raises(RuntimeError), transaction.atomic():
        job.delete()
        raise RuntimeError("changed my mind")
    assert kinds.FORGOTTEN == []
    assert Job.objects.filter(pk=job_id).exists()


def test_a_deletion_inside_a_larger_transaction_forgets_the_right_job_at_its_commit():
    job = _finished(1)
    job_id = job.pk
    with transaction.atomic():
        job.delete()  # Django sets job.pk to None here, before the commit
        assert kinds.FORGOTTEN == []
    assert [str(job_id)] == kinds.FORGOTTEN


def test_a_failure_to_forget_one_job_does_not_stop_the_others(caplog):
    broken, fine = _finished(99, forget_fails=True), _finished(99)
    prune_finished.call()
    assert [str(fine.pk)] == kinds.FORGOTTEN
    assert not Job.objects.filter(pk__in=[broken.pk, fine.pk]).exists()
    assert any("could not delete" in record.getMessage() for record in caplog.records)
