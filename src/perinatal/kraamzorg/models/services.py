"""A kraamzorg service on the platform: a recognised family-care service (its recognition
number, name and sector are the monitoring's `Service`), the municipalities (postcodes) and
provinces it serves, and how many families it can have in care at once."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class KraamzorgOffer(models.Model):
    service = models.OneToOneField(
        "monitoring.Service",
        verbose_name=_("recognised family-care service"),
        on_delete=models.PROTECT,
        related_name="kraamzorg",
    )
    # Served when the family's postcode is listed, or its province or region (NIS code) is.
    postcodes = models.JSONField(_("postcodes served"), default=list, blank=True)
    areas = models.JSONField(_("provinces or regions served (NIS codes)"), default=list, blank=True)
    capacity = models.PositiveIntegerField(_("families in care at once"))
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    active = models.BooleanField(_("takes requests"), default=True)

    class Meta:
        verbose_name = _("kraamzorg service")
        verbose_name_plural = _("kraamzorg services")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=0), name="kraamzorg_capacity"),
        ]

    def __str__(self) -> str:
        return self.service.name

    def serves(self, *, postcode: str, area_nis: str) -> bool:
        return postcode in self.postcodes or area_nis in self.areas
