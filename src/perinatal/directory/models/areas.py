"""HSDS `service_area`: where a service is offered, as NIS codes of Belgian regions, provinces
and municipalities (`core.geography`, `core.municipalities`).

A service has one row per area it serves: the Brussels-Capital Region ("04000"), a province or
Flanders ("02000"), or municipalities one by one. The database keeps the shape of each code
(its level, the fixed codes of regions and provinces); that a municipality code is on today's
list is checked when it is written (`directory/areas.py`), since the list changes with mergers.
"""

import uuid

from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from perinatal.core.geography import AREAS, REGIONS

from ..constants import AreaLevel
from .services import Service

REGION_CODES = tuple(r.nis for r in REGIONS)
# The Brussels-Capital Region is an area of its own (no province): it counts as a region.
PROVINCE_CODES = tuple(a.nis for a in AREAS if a.nis not in REGION_CODES)


class ServiceArea(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="areas")
    level = models.CharField(_("level"), max_length=12, choices=AreaLevel.choices)
    nis = models.CharField(_("NIS code"), max_length=5)

    class Meta:
        verbose_name = _("area served")
        verbose_name_plural = _("areas served")
        ordering = ["service", "nis"]
        constraints = [
            models.UniqueConstraint(fields=["service", "nis"], name="service_area_unique"),
            models.CheckConstraint(
                condition=models.Q(level=AreaLevel.REGION, nis__in=REGION_CODES)
                | models.Q(level=AreaLevel.PROVINCE, nis__in=PROVINCE_CODES)
                | (
                    models.Q(level=AreaLevel.MUNICIPALITY, nis__gte="11000", nis__lte="99999")
                    & ~models.Q(nis__in=PROVINCE_CODES)
                    & models.Q(Exact(Length("nis"), 5))
                ),
                name="service_area_code_fits_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.nis}"
