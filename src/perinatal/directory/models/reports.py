"""Reports from readers: "an error in this entry" or "a service that is missing"."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from perinatal.core.constants import TEXT_MAX_LENGTH

from ..constants import ReportKind, ReportStatus
from .services import Service


class ErrorReport(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="error_reports"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    message = models.TextField(_("message"), max_length=TEXT_MAX_LENGTH)
    reporter_email = models.EmailField(_("your e-mail (optional)"), blank=True)
    language = models.CharField(max_length=2, default="nl")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.OPEN,
        db_index=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.TextField(_("resolution"), blank=True)

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ReportKind.values), name="error_report_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ReportStatus.values), name="error_report_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status=ReportStatus.OPEN) | models.Q(handled_at__isnull=False),
                name="error_report_handled_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"
