"""A refused submission attempt, kept so that its error list can be shown again (the page,
the CSV to fix) and so that refusals are auditable: who, when, which files, why, and the
errors (line, column, value, code and the reason's parameters), never the file's rows."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# At most this many errors are kept per attempt (the file reader lists at most 10,000 per file).
MAX_STORED_ERRORS = 10_000


class Channel(models.TextChoices):
    PAGE = "page", _("upload page")
    API = "api", _("API")


class RejectedSubmission(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=4, choices=Channel.choices)
    file_names = models.JSONField(_("files"), default=list, blank=True)
    # `invalid_submission` (the files have errors) or the code of the rule that refused it.
    code = models.CharField(_("code"), max_length=40)
    message = models.TextField(_("message"), blank=True)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    # [{"file", "line", "column", "value", "code", "params"}], at most MAX_STORED_ERRORS.
    errors = models.JSONField(_("error list"), default=list, blank=True)

    class Meta:
        verbose_name = _("rejected submission")
        verbose_name_plural = _("rejected submissions")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["by", "at"], name="monitoring_rejected_by_at")]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="monitoring_rejected_channel_valid"
            ),
            models.CheckConstraint(condition=~Q(code=""), name="monitoring_rejected_has_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.at:%Y-%m-%d %H:%M}"
