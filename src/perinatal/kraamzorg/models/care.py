"""Care delivered: the visits of a kraamverzorgende with their hours."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CARER_MAX_LENGTH = 200


class Visit(models.Model):
    request = models.ForeignKey(
        "kraamzorg.KraamzorgRequest", on_delete=models.CASCADE, related_name="visits"
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    carer = models.CharField(_("kraamverzorgende"), max_length=CARER_MAX_LENGTH)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24), name="kraamzorg_visit_hours"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.hours} h"
