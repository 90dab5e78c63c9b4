"""Keeping the aggregate tables up to date: a year's figures computed inside the database
(GROUP BY and COUNT(DISTINCT …) over the current submissions' dossiers, never the rows in
Python) and stored as a `YearSnapshot` with its rows (see models/snapshots.py).

Distinct counts are taken where the figure is published: a family helped by two services or
in two provinces is one family in the total; a service active in several provinces counts in
each of them and once in the total (seed 001, question 4).
"""

from datetime import datetime
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, Sum

from ..constants import REPORT_AREA_CODES, Sector, SnapshotScope
from ..models import Dossier, SnapshotRow, Submission, WorkYear, YearSnapshot

ZERO = {"dossiers": 0, "families": 0, "hours": Decimal(0), "services": 0}


def _figures(prefix: str = "n_", only: Q | None = None) -> dict:
    """The aggregates of one figure set (aliases apart from the fields' own names)."""
    return {
        f"{prefix}dossiers": Count("dossier_id", filter=only),
        f"{prefix}families": Count("family_id", distinct=True, filter=only),
        f"{prefix}hours": Sum("hours", filter=only),
        f"{prefix}services": Count("service_id", distinct=True, filter=only),
    }


def _clean(values: dict, prefix: str = "n_") -> dict:
    return {key: values.get(f"{prefix}{key}") or ZERO[key] for key in ZERO}


def year_figures(year: int) -> list[tuple[str, str, dict]]:
    """(scope, key, figures) of the year's current submissions, computed by the database:
    newborn dossiers per area, per sector and in total, and all family-care dossiers."""
    current = Submission.objects.filter(work_year_id=year, superseded_at__isnull=True)
    by_sector: dict[str, list[int]] = {sector: [] for sector in Sector.values}
    for pk, sector in current.values_list("pk", "sector"):
        by_sector[sector].append(pk)
    ids = [pk for pks in by_sector.values() for pk in pks]
    rows: list[tuple[str, str, dict]] = []
    newborn = Dossier.objects.filter(submission_id__in=ids, newborn=True)
    per_area = {
        values["province"]: values
        for values in newborn.values("province").order_by().annotate(**_figures())
    }
    for nis in REPORT_AREA_CODES:
        rows.append((SnapshotScope.AREA, nis, _clean(per_area.get(nis, {}))))
    # One pass for the totals: all family care's dossiers and hours, and the newborn
    # dossiers' figures per sector and in total (each distinct count on its own rows); the
    # families of all family care as their distinct ids (hashed, not a sort of every row).
    # With the areas' pass, three passes over the dossiers where there were five (and no sum
    # per family): less than half the snapshot's CPU time on 3,000,000 dossiers of 1.9
    # million families (bench/monitoring_upload.py).
    every = Dossier.objects.filter(submission_id__in=ids)
    found: dict = {}
    if ids:
        newborn_only = Q(newborn=True)
        aggregates = {
            "all_dossiers": Count("dossier_id"),
            "all_hours": Sum("hours"),
            **_figures("total_", newborn_only),
        }
        for sector, pks in by_sector.items():
            if pks:
                aggregates.update(_figures(f"{sector}_", newborn_only & Q(submission_id__in=pks)))
        found = every.aggregate(**aggregates)
        found["all_families"] = every.values("family_id").distinct().count()
    for sector in by_sector:
        rows.append((SnapshotScope.SECTOR, sector, _clean(found, f"{sector}_")))
    rows.append((SnapshotScope.TOTAL, "", _clean(found, "total_")))
    both = {key: value for key, value in found.items() if key.startswith("all_")}
    # the services of all family care: those whose current submission has dossiers
    both["all_services"] = current.filter(dossiers__gt=0).values("service").distinct().count()
    rows.append((SnapshotScope.FAMILY_CARE, "", _clean(both, "all_")))
    return rows


def _roomy_sorts() -> None:
    """PostgreSQL: room for the COUNT(DISTINCT …) sorts of a million rows in memory, for
    this transaction only (the default 4 MB spills them to disk); and no parallel workers:
    the snapshot is taken by the import in the background, where the time it takes matters
    less than the CPU, and a parallel plan of these aggregates spent about twice the CPU time
    of a plain one (3,000,000 rows: 11 s against 6 s, bench/monitoring_upload.py)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '256MB'")
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")


def year_snapshot_take(
    *, work_year: WorkYear, at: datetime, data_changed_at: datetime
) -> YearSnapshot:
    """Compute the year's figures now and store them (call inside the writing transaction)."""
    _roomy_sorts()
    figures = year_figures(work_year.year)
    snapshot = YearSnapshot.objects.create(
        work_year=work_year,
        computed_at=at,
        data_changed_at=data_changed_at,
        status=work_year.status,
        submissions=Submission.objects.filter(
            work_year=work_year, superseded_at__isnull=True
        ).count(),
    )
    SnapshotRow.objects.bulk_create(
        SnapshotRow(snapshot=snapshot, scope=scope, key=key, **values)
        for scope, key, values in figures
    )
    return snapshot


def year_snapshot_restamp(*, work_year: WorkYear, at: datetime) -> YearSnapshot:
    """A copy of the latest snapshot with the year's new status (closing or reopening
    changes the status, not the figures); a fresh one when there is none yet."""
    latest = YearSnapshot.objects.filter(work_year=work_year).order_by("computed_at", "id").last()
    if latest is None:
        return year_snapshot_take(work_year=work_year, at=at, data_changed_at=at)
    snapshot = YearSnapshot.objects.create(
        work_year=work_year,
        computed_at=at,
        data_changed_at=latest.data_changed_at,
        status=work_year.status,
        submissions=latest.submissions,
    )
    SnapshotRow.objects.bulk_create(
        SnapshotRow(
            snapshot=snapshot,
            scope=row.scope,
            key=row.key,
            dossiers=row.dossiers,
            families=row.families,
            hours=row.hours,
            services=row.services,
        )
        for row in latest.rows.all()
    )
    return snapshot
