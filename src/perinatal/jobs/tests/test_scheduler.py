"""The scheduler enqueues each periodic task when it is due, once, however many schedulers
run; the registered work includes the platform's housekeeping and the families' purge."""

import threading
from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from perinatal.jobs.models import ScheduleState
from perinatal.jobs.scheduler import periodic_tasks, tick

pytestmark = pytest.mark.django_db(transaction=True)


def _enqueued(name_part: str) -> int:
    return sum(name_part in result.task_path for result in DBTaskResult.objects.all())


def test_the_periodic_work_of_the_platform_is_registered():
    assert {"clear-sessions", "prune-finished-tasks", "recover-abandoned-jobs"} <= set(
        periodic_tasks.keys()
    )
    assert "families-purge" in periodic_tasks


def test_a_first_tick_enqueues_everything_and_a_second_nothing():
    now = timezone.now()
    first = tick(now)
    assert set(first) == set(periodic_tasks.keys())
    assert DBTaskResult.objects.count() == len(periodic_tasks)
    assert (
        tick(now + timedelta(seconds=30)) == ["recover-abandoned-jobs"]
        or tick(now + timedelta(seconds=30)) == []
    )


@pytest.mark.parametrize(
    ("after", "due"),
    [
        (timedelta(seconds=59), []),
        (timedelta(minutes=1), ["recover-abandoned-jobs"]),
        (
            timedelta(hours=1),
            ["clear-sessions", "recover-abandoned-jobs", "notify-late-deadlines"],
        ),
        (
            timedelta(days=1),
            [
                "clear-sessions",
                "prune-finished-tasks",
                "recover-abandoned-jobs",
                "families-purge",
                "monitoring-incoming-cleanup",
                "search-prune-unanswered",
                "notify-late-deadlines",
            ],
        ),
    ],
)
def test_a_task_is_due_again_after_its_period(after, due):
    now = timezone.now()
    tick(now)
    assert sorted(tick(now + after)) == sorted(due)


def test_the_command_once_enqueues_what_is_due(capsys):
    call_command("scheduler", "--once")
    assert _enqueued("purge_expired_families") == 1
    assert ScheduleState.objects.filter(last_enqueued_at__isnull=False).count() == len(
        periodic_tasks
    )


def test_two_schedulers_at_the_same_moment_enqueue_each_task_once():
    now = timezone.now()
    tick(now)  # the state rows exist
    later = now + timedelta(days=2)
    barrier = threading.Barrier(4)
    results: list[list[str]] = []

    def run() -> None:
        barrier.wait()
        try:
            results.append(tick(later))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    names = [name for result in results for name in result]
    assert sorted(names) == sorted(periodic_tasks.keys())
    assert DBTaskResult.objects.count() == 2 * len(periodic_tasks)


@pytest.mark.parametrize("interval", ["0", "-1", "nan", "abc", "3601"])
def test_an_interval_that_is_not_a_sensible_number_of_seconds_is_refused(interval, capsys):
    from django.core.management.base import CommandError

    with pytest.raises((CommandError, SystemExit)):
        call_command("scheduler", "--once", "--interval", interval)
    assert not DBTaskResult.objects.exists()
