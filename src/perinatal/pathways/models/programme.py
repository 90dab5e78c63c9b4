"""Services recorded against the programme's entitlements and the other counters (PPA,
coordination periods, MDO, perinatal physiotherapy, midwife home visits, Kind en Gezin
consultations). The rules in `pathways.rules` decide whether one may be recorded;
`pathways.services.programme` counts and records under a lock on the pregnancy."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..constants import ProgrammeServiceKind
from .families import Pregnancy


class ProgrammeService(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pregnancy = models.ForeignKey(
        Pregnancy, on_delete=models.CASCADE, related_name="programme_services"
    )
    kind = models.CharField(_("service"), max_length=24, choices=ProgrammeServiceKind.choices)
    date = models.DateField(_("date"))
    period_end = models.DateField(_("period until"), null=True, blank=True)  # coordination
    participants = models.PositiveSmallIntegerField(_("participants"), null=True, blank=True)
    prescribed = models.BooleanField(_("prescribed by a physician"), default=False)
    note = models.TextField(_("note"), blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programme service")
        verbose_name_plural = _("programme services")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["pregnancy", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ProgrammeServiceKind.values),
                name="programme_service_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ProgrammeServiceKind.COORDINATION) | Q(period_end__isnull=False),
                name="coordination_has_period",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ProgrammeServiceKind.MDO) | Q(participants__gte=2),
                name="mdo_has_participants",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date.isoformat()}"
