"""Choices of the central monitoring (seeds 001 and 004, DOMAIN.md §5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from perinatal.core.geography import FLEMISH_REPORT_ORDER

# The areas a recognised family-care service reports on, in the fixed order of the reports:
# the five Flemish provinces and the Brussels-Capital Region.
REPORT_AREAS = FLEMISH_REPORT_ORDER
REPORT_AREA_CODES = tuple(area.nis for area in REPORT_AREAS)

# Work years before this one are refused as a typing error (the sources' figures start in 2012).
FIRST_WORK_YEAR = 2000


class Sector(models.TextChoices):
    """Seed 004: families helped by public ("openbare") and private services."""

    PUBLIC = "public", _("public")
    PRIVATE = "private", _("private")


class YearStatus(models.TextChoices):
    """Seed 004: the figures are "not yet final" until the services' data is in and the year
    is closed by an analyst."""

    PROVISIONAL = "provisional", _("provisional")
    FINAL = "final", _("final")


class YearAction(models.TextChoices):
    CLOSE = "close", _("closed")
    REOPEN = "reopen", _("reopened")


class SnapshotScope(models.TextChoices):
    """What one row of a year's snapshot counts (all but FAMILY_CARE: newborn dossiers only)."""

    AREA = "area", _("area")
    SECTOR = "sector", _("sector")
    TOTAL = "total", _("total")
    FAMILY_CARE = "family_care", _("all family care")


# The kind of background job that imports uploaded submissions (imports/job.py).
IMPORT_JOB_KIND = "monitoring-import"
