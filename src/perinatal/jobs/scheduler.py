"""Periodic work: apps register what must run every so often (`periodic_tasks.register`);
`perinatal scheduler` calls `tick()` every half minute, which enqueues each task that is due.

Any number of schedulers may run (one per machine, or none but a cron line calling
`perinatal scheduler --once`): the decision for one task is taken under a lock on its
`ScheduleState` row, and the task is enqueued in the same transaction, so a run is enqueued
once. A task that is never run (no worker) is not enqueued twice: the next run is due
`every` after the last enqueue."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django_tasks.base import Task

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise

from perinatal.core.registry import Registry

from .models import ScheduleState


@dataclass(frozen=True)
class Periodic:
    name: str
    label: str | Promise
    task: Task
    every: timedelta


periodic_tasks: Registry[Periodic] = Registry("periodic tasks")


def _state(name: str) -> ScheduleState:
    try:
        with transaction.atomic():
            ScheduleState.objects.get_or_create(name=name)
    except IntegrityError:
        pass  # another scheduler created it first
    return ScheduleState.objects.select_for_update().get(name=name)


def tick(now: datetime | None = None) -> list[str]:
    """Enqueue every periodic task that is due; return their names."""
    now = now or timezone.now()
    enqueued = []
    for periodic in periodic_tasks:
        with transaction.atomic():
            state = _state(periodic.name)
            last = state.last_enqueued_at
            if last is not None and now - last < periodic.every:
                continue
            periodic.task.enqueue()
            state.last_enqueued_at = now
            state.save(update_fields=["last_enqueued_at"])
        enqueued.append(periodic.name)
    return enqueued
