"""HSDS `taxonomy_term`: the phases of the first 1000 days and the needs, as terms."""

import uuid
from typing import TYPE_CHECKING, ClassVar, Self

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from modeltranslation.manager import MultilingualManager


class TaxonomyTerm(models.Model):
    PHASE = "perinatal-phase"
    NEED = "perinatal-need"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.CharField(_("taxonomy"), max_length=64)
    code = models.CharField(_("code"), max_length=64)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveSmallIntegerField(default=0)

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
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        ordering = ["taxonomy", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="taxonomy_term_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name or self.code
