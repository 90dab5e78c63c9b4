"""HSDS `organization`: who provides services."""

import uuid
from typing import TYPE_CHECKING, ClassVar, Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import OrganizationKind

if TYPE_CHECKING:
    from modeltranslation.manager import MultilingualManager


class Organization(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stable identifier of entries loaded from a source."),
    )
    name = models.CharField(_("name"), max_length=300)
    alternate_name = models.CharField(_("alternate name"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=32, choices=OrganizationKind.choices, default=OrganizationKind.OTHER
    )
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    legal_status = models.CharField(_("legal status"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        # Set at runtime by django-modeltranslation (translation.py): its manager and a
        # column per language for each translated field.
        objects: ClassVar[MultilingualManager[Self]]
        name_nl: str | None
        name_fr: str | None
        name_en: str | None
        alternate_name_nl: str | None
        alternate_name_fr: str | None
        alternate_name_en: str | None
        description_nl: str | None
        description_fr: str | None
        description_en: str | None

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganizationKind.values),
                name="directory_organization_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.name_nl or self.name_fr or str(self.id)
