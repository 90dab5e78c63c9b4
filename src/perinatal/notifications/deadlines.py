"""Late deadlines: apps register where their deadlines are (`deadline_sources.register`,
from `AppConfig.ready()`); the periodic task `notify-late-deadlines` asks each source for
what became late and tells who must act, once: each notification carries a `once_key`
(the source and the object) that the database keeps unique per recipient, so a second run,
or two schedulers at once, tell nobody twice."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django_tasks import task

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perinatal.core.registry import Registry
from perinatal.jobs.constants import QUEUE_PERIODIC
from perinatal.jobs.scheduler import Periodic, periodic_tasks

from .services import notify

EVERY = timedelta(minutes=5)


@dataclass(frozen=True)
class Late:
    """One deadline that is past: who must act, what it is about, where it is handled."""

    about: models.Model
    recipients: Iterable[Any]
    link: tuple[str, list[Any]]
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DeadlineSource:
    kind: str  # a registered notification kind
    late: Callable[[datetime], Iterable[Late]]  # what is late at this moment


deadline_sources: Registry[DeadlineSource] = Registry("deadline sources")


def notify_late(now: datetime | None = None) -> int:
    """Tell who must act about every late deadline not told yet; returns how many were told."""
    now = now or timezone.now()
    told = 0
    for key, source in deadline_sources.items():
        for late in source.late(now):
            with transaction.atomic():
                told += len(
                    notify(
                        recipients=late.recipients,
                        kind=source.kind,
                        about=late.about,
                        link=late.link,
                        params=late.params,
                        once_key=f"late:{key}:{late.about.pk}",
                    )
                )
    return told


@task(queue_name=QUEUE_PERIODIC)
def notify_late_deadlines() -> int:
    return notify_late()


def register() -> None:
    periodic_tasks.register(
        "notify-late-deadlines",
        Periodic(
            "notify-late-deadlines",
            _("Tell who must act about deadlines that became late"),
            notify_late_deadlines,
            EVERY,
        ),
    )
