"""A job that a person started and follows, the workers' heartbeats and the scheduler's
record of what it last enqueued."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import JobStatus


class Job(models.Model):
    """One piece of background work that a person follows on its page (`jobs:detail`).

    `kind` names a registered `JobKind` (kinds.py); `params` are its JSON arguments and
    `result` what it reports when done. A failure keeps a message for the person
    (`failure_message`, a msgid translated when shown, with `failure_params`) apart from the
    technical reason for the administrators (`failure_detail`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=64)
    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    stage = models.CharField(_("stage"), max_length=64, blank=True)
    done = models.PositiveBigIntegerField(_("done"), default=0)
    total = models.PositiveBigIntegerField(_("total"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    worker_id = models.CharField(_("worker"), max_length=64, blank=True)
    failure_message = models.TextField(_("failure message"), blank=True)
    failure_params = models.JSONField(_("failure parameters"), default=dict, blank=True)
    failure_detail = models.TextField(_("technical reason"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["started_by", "-created_at"], name="job_by_user"),
            models.Index(fields=["status", "-created_at"], name="job_by_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total__isnull=True) | models.Q(done__lte=models.F("total")),
                name="job_done_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"


class WorkerHeartbeat(models.Model):
    """A running worker says it is alive every few seconds (`/readyz` looks here)."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    hostname = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process"))
    queues = models.CharField(_("queues"), max_length=255)
    started_at = models.DateTimeField(_("started"))
    last_seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid}"


class ScheduleState(models.Model):
    """When the scheduler last enqueued one periodic task. The row is locked while the
    scheduler decides, so two schedulers never enqueue the same run."""

    name = models.CharField(_("name"), max_length=64, primary_key=True)
    last_enqueued_at = models.DateTimeField(_("last enqueued"), null=True, blank=True)

    class Meta:
        verbose_name = _("periodic task")
        verbose_name_plural = _("periodic tasks")

    def __str__(self) -> str:
        return self.name
