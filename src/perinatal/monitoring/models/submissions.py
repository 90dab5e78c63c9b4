"""What the recognised family-care services send: one submission per service, work year and
version, with one row per dossier.

A new submission for a service and year supersedes the current one (`superseded_at`); the
earlier versions and their dossiers are kept, so the figures of any earlier moment can be
recomputed. At most one submission per service and year is current (a partial unique
constraint). A dossier row repeats its submission's work year and service; its links are
not foreign keys in the database (no per-row checks, so that a million rows load fast).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ..constants import REPORT_AREA_CODES, Sector, YearAction, YearStatus


class Service(models.Model):
    """A recognised service for family care and additional home care (seed 001: "erkende
    diensten voor gezinszorg en aanvullende thuiszorg"), known by its recognition number."""

    service_id = models.CharField(_("recognition number"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=8, choices=Sector.choices)
    # The platform organisation whose users submit for this service (kind kraamzorg_service).
    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="monitoring_service",
        limit_choices_to={"kind": "kraamzorg_service"},
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("recognised family-care service")
        verbose_name_plural = _("recognised family-care services")
        ordering = ["service_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sector__in=Sector.values), name="monitoring_service_sector_valid"
            ),
            models.CheckConstraint(condition=~Q(service_id=""), name="monitoring_service_has_id"),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} {self.name}"


class WorkYear(models.Model):
    """A work year: provisional until an analyst closes it, then final until reopened."""

    year = models.PositiveSmallIntegerField(_("work year"), primary_key=True)
    status = models.CharField(
        _("status"), max_length=12, choices=YearStatus.choices, default=YearStatus.PROVISIONAL
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("work year")
        verbose_name_plural = _("work years")
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=YearStatus.values), name="monitoring_year_status_valid"
            ),
            # Final exactly when it carries the moment it was closed.
            models.CheckConstraint(
                condition=Q(status=YearStatus.FINAL, closed_at__isnull=False)
                | Q(status=YearStatus.PROVISIONAL, closed_at__isnull=True),
                name="monitoring_year_final_has_closed_at",
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)


class WorkYearEvent(models.Model):
    """The log of closing and reopening a work year (a reopening always gives its reason)."""

    work_year = models.ForeignKey(
        WorkYear, verbose_name=_("work year"), on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("action"), max_length=8, choices=YearAction.choices)
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("work year event")
        verbose_name_plural = _("work year events")
        ordering = ["work_year", "at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=YearAction.values), name="monitoring_year_event_valid"
            ),
            models.CheckConstraint(
                condition=~Q(action=YearAction.REOPEN) | ~Q(reason=""),
                name="monitoring_reopen_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.work_year_id} {self.action} {self.at:%Y-%m-%d}"


class Submission(models.Model):
    """One version of a service's data for a work year."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="submissions"
    )
    work_year = models.ForeignKey(
        WorkYear, verbose_name=_("work year"), on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"))
    # The service's name and sector as this submission gave them.
    service_name = models.CharField(_("service name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=8, choices=Sector.choices)
    received_at = models.DateTimeField(_("received"))
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)
    late = models.BooleanField(_("late"), default=False)
    source_file = models.CharField(_("file"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dossiers = models.PositiveIntegerField(_("dossiers"), default=0)
    newborn_dossiers = models.PositiveIntegerField(_("newborn dossiers"), default=0)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["work_year", "service", "version"]
        indexes = [models.Index(fields=["work_year", "superseded_at"], name="monitoring_sub_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "work_year", "version"], name="monitoring_submission_version"
            ),
            models.UniqueConstraint(
                fields=["service", "work_year"],
                condition=Q(superseded_at__isnull=True),
                name="monitoring_one_current_submission",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="monitoring_version_gte_1"),
            models.CheckConstraint(
                condition=Q(superseded_at__isnull=True) | Q(superseded_at__gte=F("received_at")),
                name="monitoring_superseded_after_received",
            ),
            models.CheckConstraint(
                condition=Q(sector__in=Sector.values), name="monitoring_submission_sector_valid"
            ),
            models.CheckConstraint(
                condition=Q(newborn_dossiers__lte=F("dossiers")),
                name="monitoring_newborn_within_dossiers",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} {self.work_year_id} v{self.version}"


class Dossier(models.Model):
    """One family-care dossier of a submission: the family's pseudonym, its province or
    region (NIS code), the mark "family with a newborn child" and the hours of care.

    Its primary key is (submission, dossier_id): a dossier once per submission, with one
    index to maintain while a million rows load (no serial id beside it)."""

    pk = models.CompositePrimaryKey("submission", "dossier_id")

    # Not checked by a foreign key in the database: PostgreSQL checks one row at a time at
    # commit, which doubled the time of a million-row import (docs/decisions/0010). Dossier
    # rows are written only by `submissions.storage.DossierWriter`, in the transaction that
    # creates their submission, and submissions are never deleted.
    submission = models.ForeignKey(
        Submission,
        verbose_name=_("submission"),
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_index=False,  # the primary key (submission, dossier_id) serves it
        db_constraint=False,
    )
    work_year = models.ForeignKey(
        WorkYear,
        verbose_name=_("work year"),
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    dossier_id = models.CharField(_("dossier"), max_length=40)
    family_id = models.CharField(_("family"), max_length=64)
    province = models.CharField(_("province or region"), max_length=5)
    newborn = models.BooleanField(_("family with a newborn child"))
    hours = models.DecimalField(_("hours"), max_digits=10, decimal_places=4)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.CheckConstraint(condition=Q(hours__gte=0), name="monitoring_hours_not_negative"),
            models.CheckConstraint(
                condition=Q(province__in=REPORT_AREA_CODES), name="monitoring_province_valid"
            ),
            models.CheckConstraint(
                condition=~Q(dossier_id="") & ~Q(family_id=""),
                name="monitoring_dossier_has_ids",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}:{self.dossier_id}"
