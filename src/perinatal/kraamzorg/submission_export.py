"""A kraamzorg service's yearly submission to the monitoring, written from its recorded care
(docs/decisions/0014-kraamzorg.md): the CSV of `monitoring/submissions/file.py`, one row per
dossier.

- A dossier is a request of the service with at least one visit in the work year (whatever
  its status now: accepted, closed, or withdrawn after care began); `hours` is the sum of its
  visits dated in that year (a dossier over New Year is in both years, each with its hours).
- `dossier_id`: the request's public id (32 hex digits), stable between exports.
- `family_id`: a pseudonym of the family, the same for every service on the platform: an
  HMAC-SHA256 of the request's `family_key` under `NATIONAL_NUMBER_HASH_KEY` (the platform's
  look-up key, 32+ characters, set in production), with its own prefix so that it never
  equals another hash made with that key. The monitoring counts families by it.
- `province`: the NIS code of the family's province or region (`area_nis`); `newborn` is 1
  (kraamzorg is the care of a newborn and its mother); the service's recognition number, name
  and sector are those of its monitoring `Service`.

The monitoring REPLACES a service's whole submission for a work year with each import. A
service that also does other family care must send those dossiers in the same file:
`merge` (the command's `--merge FILE`) adds the rows of the service's own file of its other
dossiers (same format, same service and year only, no dossier id twice), so that one import
holds everything.
"""

import csv
import hashlib
import hmac
import io
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext as _

from perinatal.monitoring.submissions.errors import FileError
from perinatal.monitoring.submissions.file import COLUMNS, Row, read_submission
from perinatal.monitoring.submissions.values import PROVINCES

from .models import KraamzorgOffer, Visit

PSEUDONYM_PREFIX = b"kraamzorg-family-id:"


class ExportRefused(Exception):
    """The submission cannot be written; `errors` are the lines of a merged file at fault."""

    def __init__(self, message: str, errors: list[FileError] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or []


def family_pseudonym(family_key: str) -> str:
    """The family's id in the submission (64 hex digits), the same for all services."""
    key = settings.NATIONAL_NUMBER_HASH_KEY.encode()
    return hmac.new(key, PSEUDONYM_PREFIX + family_key.encode(), hashlib.sha256).hexdigest()


def _hours_text(value) -> str:
    text = format(value.normalize(), "f")
    return text


@dataclass(frozen=True)
class Export:
    rows: list[Row]  # (dossier_id, family_id, province, newborn, hours)
    kraamzorg_dossiers: int
    merged_dossiers: int


def kraamzorg_rows(offer: KraamzorgOffer, year: int) -> list[Row]:
    """The service's kraamzorg dossiers of `year`: one GROUP BY over the visits."""
    found = (
        Visit.objects.filter(
            request__offer=offer, date__range=(date(year, 1, 1), date(year, 12, 31))
        )
        .values("request__public_id", "request__family_key", "request__area_nis")
        .annotate(hours=Sum("hours"))
        .order_by("request__public_id")
    )
    rows: list[Row] = []
    unknown = 0
    for item in found:
        nis = item["request__area_nis"]
        if PROVINCES.get(nis) != nis:
            unknown += 1
            continue
        rows.append(
            (
                item["request__public_id"].hex,
                family_pseudonym(item["request__family_key"]),
                nis,
                True,
                _hours_text(item["hours"]),
            )
        )
    if unknown:
        raise ExportRefused(
            _(
                "%(count)s dossier(s) have a family outside Flanders and Brussels, which the "
                "monitoring does not take."
            )
            % {"count": unknown}
        )
    return rows


def merge_rows(data: bytes, *, name: str, service_id: str, year: int, today: date) -> list[Row]:
    """The rows of the service's file of its other family-care dossiers (all checked as the
    monitoring's import checks them)."""
    other = read_submission(data, name=name, today=today)
    if other.errors:
        raise ExportRefused(
            _("%(file)s has errors; nothing was written.") % {"file": other.name}, other.errors
        )
    keys = set(other.rows)
    if keys - {(service_id, year)}:
        raise ExportRefused(
            _("%(file)s may only hold dossiers of service %(service)s in %(year)s.")
            % {"file": other.name, "service": service_id, "year": year}
        )
    return other.rows.get((service_id, year), [])


def submission_export(
    offer: KraamzorgOffer, year: int, *, merge: list[Row] | None = None
) -> Export:
    own = kraamzorg_rows(offer, year)
    others = merge or []
    taken = {row[0] for row in own}
    doubles = sorted(row[0] for row in others if row[0] in taken)
    if doubles:
        raise ExportRefused(
            _("The merged file uses dossier ids of kraamzorg dossiers: %(ids)s.")
            % {"ids": ", ".join(doubles[:5])}
        )
    return Export(rows=[*own, *others], kraamzorg_dossiers=len(own), merged_dossiers=len(others))


def submission_csv(offer: KraamzorgOffer, year: int, export: Export) -> str:
    """The file: `,` separated, decimal point, UTF-8, the monitoring's columns."""
    service = offer.service
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for dossier_id, family_id, province, newborn, hours in export.rows:
        writer.writerow(
            [
                year,
                service.service_id,
                service.name,
                service.sector,
                dossier_id,
                family_id,
                province,
                1 if newborn else 0,
                hours,
            ]
        )
    return buffer.getvalue()
