"""The aggregate tables the reports read: a year's figures at one moment.

Every import recomputes, inside the database (GROUP BY, never rows in Python), the figures of
each work year it touched and stores them as a new `YearSnapshot`; closing or reopening a year
stores a copy with the new status. A report for a date reads the latest snapshot taken on or
before the end of that day, so the figures given on any day can be shown again after later
corrections. Rows: one per area, per sector and the total (dossiers marked newborn), and one
for all family-care dossiers of the year.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..constants import SnapshotScope, YearStatus
from .submissions import WorkYear


class YearSnapshot(models.Model):
    work_year = models.ForeignKey(
        WorkYear, verbose_name=_("work year"), on_delete=models.PROTECT, related_name="snapshots"
    )
    computed_at = models.DateTimeField(_("computed"))
    # When the submissions behind these figures last changed.
    data_changed_at = models.DateTimeField(_("data last changed"))
    status = models.CharField(_("status"), max_length=12, choices=YearStatus.choices)
    submissions = models.PositiveIntegerField(_("current submissions"), default=0)

    class Meta:
        verbose_name = _("year snapshot")
        verbose_name_plural = _("year snapshots")
        ordering = ["work_year", "computed_at", "id"]
        indexes = [
            models.Index(fields=["work_year", "computed_at"], name="monitoring_snapshot_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=YearStatus.values), name="monitoring_snapshot_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(data_changed_at__lte=models.F("computed_at")),
                name="monitoring_snapshot_data_before_computed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.work_year_id} @ {self.computed_at:%Y-%m-%d %H:%M}"


class SnapshotRow(models.Model):
    snapshot = models.ForeignKey(
        YearSnapshot, verbose_name=_("snapshot"), on_delete=models.CASCADE, related_name="rows"
    )
    scope = models.CharField(_("scope"), max_length=12, choices=SnapshotScope.choices)
    # The area's NIS code, the sector, or "" for the total and for all family care.
    key = models.CharField(_("key"), max_length=8, blank=True)
    dossiers = models.PositiveIntegerField(_("dossiers"))
    families = models.PositiveIntegerField(_("distinct families"))
    hours = models.DecimalField(_("hours"), max_digits=16, decimal_places=4)
    services = models.PositiveIntegerField(_("distinct services"))

    class Meta:
        verbose_name = _("snapshot row")
        verbose_name_plural = _("snapshot rows")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "scope", "key"], name="monitoring_snapshot_row_once"
            ),
            models.CheckConstraint(
                condition=Q(scope__in=SnapshotScope.values), name="monitoring_snapshot_scope_valid"
            ),
            models.CheckConstraint(
                condition=Q(families__lte=models.F("dossiers")),
                name="monitoring_snapshot_families_within_dossiers",
            ),
            models.CheckConstraint(
                condition=Q(hours__gte=0), name="monitoring_snapshot_hours_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.snapshot_id} {self.scope} {self.key}"
