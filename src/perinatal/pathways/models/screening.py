"""The screening of psychosocial vulnerability: a dated, versioned catalogue of indicators
(data an administrator changes without code) and the screenings done with it.

The catalogue in force on a day is the one with the latest `valid_from` on or before it.
A screening keeps which indicators were positive; its scenario follows from the number of
positive inclusion criteria (rule `scenario.classify`). The first screening of a pregnancy
needs no reason, every later one does (a database constraint), and the latest one on or
before a day governs that day.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..rules import Scenario
from .families import Pregnancy


class IndicatorCatalogue(models.Model):
    version = models.CharField(_("version"), max_length=40, unique=True)
    valid_from = models.DateField(_("valid from"), unique=True)
    sources = models.TextField(_("sources"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("indicator catalogue")
        verbose_name_plural = _("indicator catalogues")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.version} ({self.valid_from.isoformat()})"


class Indicator(models.Model):
    catalogue = models.ForeignKey(
        IndicatorCatalogue, on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"))
    label_nl = models.CharField(_("label (Dutch)"), max_length=200)
    label_fr = models.CharField(_("label (French)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    is_inclusion_criterion = models.BooleanField(_("inclusion criterion"))
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["catalogue", "position"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "code"], name="indicator_code_unique"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        lang = (get_language() or "nl")[:2]
        return getattr(self, f"label_{lang}", "") or self.label_nl


class Screening(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pregnancy = models.ForeignKey(Pregnancy, on_delete=models.CASCADE, related_name="screenings")
    catalogue = models.ForeignKey(IndicatorCatalogue, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date of the screening"))
    positive_inclusion_criteria = models.PositiveSmallIntegerField(_("positive inclusion criteria"))
    scenario = models.CharField(_("scenario"), max_length=4, choices=Scenario.choices)
    new_assessment_reason = models.TextField(_("reason for a new assessment"), blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        ordering = ["date", "created_at", "id"]
        constraints = [
            # Once per pregnancy: only one screening may come without a reason.
            models.UniqueConstraint(
                fields=["pregnancy"],
                condition=Q(new_assessment_reason=""),
                name="screening_once_without_reason",
            ),
            models.CheckConstraint(
                condition=Q(scenario__in=Scenario.values), name="screening_scenario_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.scenario}"


class ScreeningAnswer(models.Model):
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="answers")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    positive = models.BooleanField(_("present"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "indicator"], name="screening_answer_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.positive}"
