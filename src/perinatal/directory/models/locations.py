"""HSDS `location`, `address` and `service_at_location`."""

import uuid
from typing import TYPE_CHECKING, ClassVar, Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from .organizations import Organization
from .services import Service

if TYPE_CHECKING:
    from modeltranslation.manager import MultilingualManager


class Location(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="locations"
    )
    location_type = models.CharField(max_length=16, default="physical")
    name = models.CharField(_("name"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    if TYPE_CHECKING:
        # Set at runtime by django-modeltranslation (translation.py): its manager and a
        # column per language for each translated field.
        objects: ClassVar[MultilingualManager[Self]]
        name_nl: str | None
        name_fr: str | None
        name_en: str | None
        description_nl: str | None
        description_fr: str | None
        description_en: str | None

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(location_type__in=["physical", "postal", "virtual"]),
                name="location_type_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.id)


class Address(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    address_1 = models.CharField(_("street and number"), max_length=300)
    address_2 = models.CharField(max_length=300, blank=True)
    city = models.CharField(_("municipality"), max_length=100)
    region = models.CharField(_("region"), max_length=100, blank=True)
    state_province = models.CharField(_("province"), max_length=100, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, db_index=True)
    country = models.CharField(_("country"), max_length=2, default="BE")
    address_type = models.CharField(max_length=10, default="physical")

    if TYPE_CHECKING:
        # Set at runtime by django-modeltranslation (translation.py): its manager and a
        # column per language for each translated field.
        objects: ClassVar[MultilingualManager[Self]]
        city_nl: str | None
        city_fr: str | None
        city_en: str | None

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return f"{self.address_1}, {self.postal_code} {self.city}"


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="service_at_location_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"
