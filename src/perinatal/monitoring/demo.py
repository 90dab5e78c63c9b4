"""Demo submissions for the work years 2012–2016 whose report equals the tables published in
the Flemish Parliament (seeds 001 and 004, `data/published_kraamzorg.yaml`), so the
monitoring opens on the real history.

The plan of a year (`year_plan`) is derived from the published figures: the hours per area;
the families per area from the hours and the published average per family; the distinct
families in total from the published total average (a family counted in two areas where the
areas' families add up to more); for 2016 the dossiers and services per area of seed 001 and
the 23 public / 13,548 private families and 112,970 families of all family care of seed 004.
Figures the sources do not give are chosen and documented in
docs/decisions/0010-monitoring-submissions.md.

Timeline: each year's submissions arrive on 15 March of the next year and the year is closed
on 15 May. For 2016 the figures of seed 004 are those of 24 April 2017 ("nog niet helemaal
definitief"); a correction by one service on 28 April 2017 (before the deadline) raises
Oost-Vlaanderen's hours to the average per dossier of seed 001 (27.23): the report as of
2017-04-24 gives seed 004, the final report seed 001.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from django.db import transaction

from perinatal.core.constants import CENT

from .constants import REPORT_AREA_CODES, Sector
from .models import Service, WorkYear
from .services import submissions_import, work_year_close
from .submissions.file import Row, ServiceInfo, SubmissionFile

PUBLISHED_FILE = Path(__file__).parent / "data" / "published_kraamzorg.yaml"
YEARS = range(2012, 2017)
PREFIX = "DEMO-GZ-"
BRUSSELS = ZoneInfo("Europe/Brussels")
UNIT = Decimal("0.0001")
QUARTER = Decimal("0.25")

# Not published: the dossiers of other family care (not newborn) and their families are those
# of 2016 (113,000 - 13,574 dossiers, 112,970 - 13,571 families) in every year; the public
# services' families are 2016's 23 (15 in Antwerpen, 8 in Oost-Vlaanderen) in every year.
PUBLIC_FAMILIES = {"10000": 15, "40000": 8}
CORRECTED_SERVICE = 1
CORRECTION_DOSSIERS = 30

ANT, LIM, OV, VB, WV, BXL = "10000", "70000", "40000", "20001", "30000", "04000"


def _services() -> dict[int, tuple[str, tuple[str, ...]]]:
    """34 services (seed 001, question 4): four in every area, nine in two provinces, the
    others in one; two public ones. Gives {number: (sector, areas)}."""
    layout: dict[int, tuple[str, ...]] = dict.fromkeys(range(1, 5), (ANT, LIM, OV, VB, WV, BXL))
    layout |= dict.fromkeys(range(5, 9), (ANT, VB))
    layout |= {9: (OV, WV), 10: (OV, WV), 11: (ANT, LIM), 12: (OV, VB), 13: (OV, VB)}
    singles = [(ANT, 5), (LIM, 4), (OV, 6), (VB, 4), (WV, 2)]
    number = 14
    for area, count in singles:
        for _ in range(count):
            layout[number] = (area,)
            number += 1
    public = {18, 28}  # the last single service of Antwerpen, and of Oost-Vlaanderen
    return {
        n: (Sector.PUBLIC if n in public else Sector.PRIVATE, areas) for n, areas in layout.items()
    }


SERVICES = _services()


def service_id(number: int) -> str:
    return f"{PREFIX}{number:02d}"


@cache
def published() -> dict:
    return yaml.safe_load(PUBLISHED_FILE.read_text(encoding="utf-8"))


def round2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class AreaPlan:
    dossiers: int
    families: int
    hours: Decimal


@dataclass
class YearPlan:
    year: int
    areas: dict[str, AreaPlan]
    total_families: int
    other_dossiers: int
    other_families: int
    public_families: dict[str, int] = field(default_factory=lambda: dict(PUBLIC_FAMILIES))


def _families_for(hours: Decimal, average: Decimal) -> int:
    """The number of families whose average is the published one; where no whole number
    gives it (the published figures do not agree), the nearest."""
    guess = int(hours / average)
    candidates = range(max(1, guess - 3), guess + 5)
    exact = [n for n in candidates if round2(hours / n) == average]
    if exact:
        return exact[0]
    return min(candidates, key=lambda n: abs(hours / n - average))


def _exact_hours(hours: dict[str, Decimal], total: Decimal) -> dict[str, Decimal]:
    """The areas' hours to 4 decimals: each rounds to its published figure, and their sum to
    the published total (seed 004's totals are sums of unrounded hours)."""
    exact = dict(hours)
    gap = total - sum(hours.values())
    if gap:
        step = Decimal("0.002") if gap > 0 else Decimal("-0.002")
        for nis in REPORT_AREA_CODES[: int(abs(gap) / CENT) * 3]:
            exact[nis] += step
    assert round2(sum(exact.values(), Decimal(0))) == total
    assert all(round2(exact[nis]) == hours[nis] for nis in exact)
    return exact


def year_plan(year: int, *, final: bool = True) -> YearPlan:
    """What the demo submissions of a year hold; for 2016, `final=False` gives the figures of
    24 April 2017 (seed 004), `final=True` those after the correction (seed 001)."""
    seed_004, seed_001 = published()["seed_004"], published()["seed_001"]
    hours_pub = {nis: Decimal(seed_004["hours"][year][nis]) for nis in REPORT_AREA_CODES}
    hours = _exact_hours(hours_pub, Decimal(seed_004["hours"][year]["total"]))
    average = seed_004["avg_hours_per_family"][year]
    families = {nis: _families_for(hours[nis], Decimal(average[nis])) for nis in hours}
    total_hours = sum(hours.values(), Decimal(0))
    candidates = [
        n
        for n in range(int(total_hours / Decimal(average["total"])) - 5, sum(families.values()) + 1)
        if round2(total_hours / n) == Decimal(average["total"])
    ]
    total_families = max(candidates) if candidates else sum(families.values())
    dossiers = dict(families)
    care = seed_004["families_2016"]
    other_families = care["family_care"] - care["total"]
    other_dossiers = seed_001["family_care_dossiers"] - seed_001["dossiers"]["total"]
    if year == seed_001["year"]:
        dossiers = {nis: seed_001["dossiers"][nis] for nis in REPORT_AREA_CODES}
        if final:
            for nis in REPORT_AREA_CODES:
                wanted = Decimal(seed_001["avg_hours_per_dossier"][nis])
                if round2(hours[nis] / dossiers[nis]) != wanted:
                    hours[nis] = wanted * dossiers[nis]
    return YearPlan(
        year=year,
        areas={nis: AreaPlan(dossiers[nis], families[nis], hours[nis]) for nis in hours},
        total_families=total_families,
        other_dossiers=other_dossiers,
        other_families=other_families,
    )


def _spread(total: Decimal, count: int, rng: random.Random) -> list[Decimal]:
    """`count` hours in quarter hours around the mean, adding up to exactly `total`."""
    weights = [rng.uniform(0.4, 1.6) for _ in range(count)]
    scale = total / Decimal(sum(weights))
    hours = [(Decimal(w) * scale / QUARTER).to_integral_value() * QUARTER for w in weights]
    biggest = max(range(count), key=hours.__getitem__)
    hours[biggest] += total - sum(hours)
    assert min(hours) >= 0 and sum(hours) == total
    return [h.quantize(UNIT) for h in hours]


def year_rows(plan: YearPlan) -> dict[int, list[Row]]:
    """The dossier rows of every service for the year's plan (deterministic)."""
    rng = random.Random(plan.year)
    rows: dict[int, list[Row]] = {n: [] for n in SERVICES}
    serial = iter(range(1, 10**7))
    family_serial = iter(range(1, 10**7))
    # families counted in two areas: the same pseudonym in the next area
    shared = sum(a.families for a in plan.areas.values()) - plan.total_families
    previous: list[str] = []
    for index, (nis, area) in enumerate(plan.areas.items()):
        in_area = [n for n, (_s, areas) in SERVICES.items() if nis in areas]
        public = [n for n in in_area if SERVICES[n][0] == Sector.PUBLIC]
        private = [n for n in in_area if SERVICES[n][0] == Sector.PRIVATE]
        n_public = plan.public_families.get(nis, 0) if public else 0
        doubles = area.dossiers - area.families
        families = [f"F{plan.year}-{next(family_serial):06d}" for _ in range(area.families)]
        reuse = min(shared, len(previous)) if index > 0 and shared > 0 else 0
        if reuse:
            families[-reuse:] = previous[:reuse]
            shared -= reuse
        # private families with one dossier, which the next area may share
        previous = families[n_public + doubles : area.families // 2]
        hours = iter(_spread(area.hours, area.dossiers, rng))
        # each service of the area gets a family first, then by weight (the big four more)
        order = [*public * n_public, *private]
        weights = [4 if n <= 4 else 1 for n in private]
        order += rng.choices(private, weights=weights, k=area.families - len(order))
        for family, number in zip(families, order, strict=True):
            rows[number].append((f"D{plan.year}-{next(serial):07d}", family, nis, True, ""))
        # the families with a second dossier: at another private service of the area
        for family in families[n_public : n_public + doubles]:
            rows[rng.choice(private)].append(
                (f"D{plan.year}-{next(serial):07d}", family, nis, True, "")
            )
        # hours, in the order the dossiers were made
        for number in in_area:
            rows[number] = [
                (d, f, a, nb, str(next(hours)) if a == nis and nb and not h else h)
                for d, f, a, nb, h in rows[number]
            ]
    _other_family_care(plan, rows, rng, serial)
    return rows


def _other_family_care(plan: YearPlan, rows, rng: random.Random, serial) -> None:
    """All other family care of the year (not newborn), spread over the areas like the
    newborn families, at the services of the area."""
    areas = list(plan.areas)
    picked = rng.choices(
        areas, weights=[plan.areas[nis].families for nis in areas], k=plan.other_families
    )
    services = {nis: [k for k, (_s, a) in SERVICES.items() if nis in a] for nis in areas}
    doubles = plan.other_dossiers - plan.other_families
    for n, nis in enumerate(picked):
        family = f"G{plan.year}-{n:06d}"
        for _ in range(2 if n < doubles else 1):
            hours = str(rng.randint(8, 800) * QUARTER)
            rows[rng.choice(services[nis])].append(
                (f"D{plan.year}-{next(serial):07d}", family, nis, False, hours)
            )


def _file(year: int, rows: dict[int, list[Row]], name: str) -> SubmissionFile:
    file = SubmissionFile(name=name, encoding="utf-8", delimiter=",")
    for number, service_rows in rows.items():
        sector, _areas = SERVICES[number]
        sid = service_id(number)
        file.services[sid] = ServiceInfo(f"Demo-dienst gezinszorg {number:02d}", sector, 0)
        file.rows[(sid, year)] = service_rows
    return file


def _correction(plan: YearPlan, provisional: YearPlan, rows: list[Row]) -> list[Row]:
    """The corrected 2016 rows of one service: Oost-Vlaanderen's added hours spread over
    its first newborn dossiers there."""
    extra = {
        nis: plan.areas[nis].hours - provisional.areas[nis].hours
        for nis in plan.areas
        if plan.areas[nis].hours != provisional.areas[nis].hours
    }
    corrected = list(rows)
    for nis, added in extra.items():
        targets = [i for i, r in enumerate(corrected) if r[2] == nis and r[3]][:CORRECTION_DOSSIERS]
        share = (added / len(targets)).quantize(UNIT)
        for position, i in enumerate(targets):
            d, f, a, nb, h = corrected[i]
            bonus = share + (added - share * len(targets) if position == 0 else 0)
            corrected[i] = (d, f, a, nb, str((Decimal(h) + bonus).quantize(UNIT)))
    return corrected


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BRUSSELS)


@transaction.atomic
def monitoring_demo_seed() -> list[str]:
    """Import the demo submissions of 2012–2016 and close those years, unless done before;
    answers what was done."""
    from perinatal.accounts.demo import ensure_allowed

    ensure_allowed()
    if Service.objects.filter(service_id__startswith=PREFIX).exists():
        return ["The demo submissions 2012–2016 are already there."]
    done = []
    for year in YEARS:
        final_plan = year_plan(year)
        plan = year_plan(year, final=False)
        rows = year_rows(plan)
        stored = submissions_import(
            files=[_file(year, rows, f"demo-{year}.csv")],
            by=None,
            now=at(f"{year + 1}-03-15 10:00"),
        )
        done.append(
            f"{year}: {len(stored)} submissions, {sum(s.dossiers for s in stored)} dossiers"
        )
        if final_plan.areas != plan.areas:
            corrected = _correction(final_plan, plan, rows[CORRECTED_SERVICE])
            submissions_import(
                files=[_file(year, {CORRECTED_SERVICE: corrected}, f"demo-{year}-correction.csv")],
                by=None,
                now=at(f"{year + 1}-04-28 14:00"),
            )
            done.append(
                f"{year}: correction by {service_id(CORRECTED_SERVICE)} on {year + 1}-04-28"
            )
        work_year_close(year=year, by=None, now=at(f"{year + 1}-05-15 10:00"))
    _link_demo_organisation()
    return done


def _link_demo_organisation() -> None:
    """The demo kraamzorg service's users submit for the first demo service."""
    from perinatal.accounts.constants import OrganisationKind
    from perinatal.accounts.models import Organisation

    organisation = Organisation.objects.filter(
        is_demo=True, kind=OrganisationKind.KRAAMZORG_SERVICE, monitoring_service__isnull=True
    ).first()
    if organisation is not None:
        Service.objects.filter(service_id=service_id(1), organisation__isnull=True).update(
            organisation=organisation
        )


__all__ = ["WorkYear", "monitoring_demo_seed", "year_plan", "year_rows"]
