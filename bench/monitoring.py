"""Monitoring: import of generated submissions beside PostgreSQL's own COPY of the same
files, and the year report's latency beside the bare SQL query it needs.

    .venv/bin/python bench/monitoring.py --db postgres [--years 10] [--dossiers 1000000]
    .venv/bin/python bench/monitoring.py --db sqlite [--years 2] [--dossiers 200000]

Uses its own database, made afresh on every run (the PostgreSQL database
`perinatal_bench_monitoring`, or bench/out/monitoring.sqlite3), with the production settings.
Generates one submission file per work year (bench/out/monitoring/year-YYYY.csv, UTF-8, `,`
and decimal point): `--dossiers` rows from `--services` services over the six areas, about
12% marked newborn (seed 001: 13,574 of 113,000), families drawn from a pool so that some
have several dossiers.

(a) Import: each file through `read_submission()` + `submissions_import()` (parse, check,
    supersede, COPY or executemany, the year's snapshot, the change log), in rows per second,
    beside the reference: on PostgreSQL, `COPY scratch FROM STDIN (FORMAT csv)` of the same
    bytes into a scratch table of text columns; on SQLite, csv.reader + one executemany into
    such a table. Then one year is imported again (a replacement of every submission).
(b) The year report: `kraamzorg_report(year, as_of)` over random years and days, against the
    bare statement it runs (captured once per case and replayed on the driver's cursor),
    interleaved.
(c) The analysts' dashboard `GET /nl/monitoring/` (django.test.Client, an analyst with the
    second factor): which year it opens on; its default view and random years in both modes
    with the tables and charts kept (decision 0032), and cold (the cache emptied before each
    view, as the first view after an import or a closing), with wall and CPU time per view
    and the statements it runs.
Targets (docs/performance.md, Monitoring): import at least 50,000 rows/s and a tenth of COPY;
report p95 under 100 ms and under 1.5x the bare query; the dashboard (kept) p95 under 100 ms
(issue 15) and opening on the latest year.
"""

import argparse
import csv
import os
import random
import secrets
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from _support import (
    HASH_KEY,
    OUT,
    TIMED_HEADER,
    Timed,
    load,
    percentile,
    postgres_database,
    verified_client,
)

FILES = OUT / "monitoring"
BENCH_DB = "perinatal_bench_monitoring"
AREAS = ["10000", "70000", "40000", "20001", "30000", "04000"]
AREA_WEIGHTS = [20, 12, 26, 17, 23, 2]
COLUMNS = (
    "work_year,service_id,service_name,service_sector,dossier_id,family_id,province,newborn,hours"
)


def prepare_database(db: str, postgres_url: str) -> str:
    if db == "sqlite":
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / "monitoring.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    return postgres_database(postgres_url, BENCH_DB, drop=True, force=False)


def generate_file(year: int, dossiers: int, services: int, rng: random.Random) -> Path:
    """One work year's submission file (reused when it already has the requested size)."""
    FILES.mkdir(parents=True, exist_ok=True)
    path = FILES / f"year-{year}-{dossiers}-{services}.csv"
    if path.exists():
        return path
    areas = rng.choices(AREAS, weights=AREA_WEIGHTS, k=dossiers)
    family_pool = int(dossiers * 0.9)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(COLUMNS + "\r\n")
        lines = []
        for n in range(dossiers):
            service = n % services + 1
            sector = "public" if service % 10 == 0 else "private"
            newborn = rng.random() < 0.12
            hours = rng.randint(4, 240) * 0.25 if newborn else rng.randint(4, 1600) * 0.25
            lines.append(
                f"{year},B-{service:04d},Bench dienst {service:04d},{sector},"
                f"D{n:08d},F{rng.randrange(family_pool):08d},{areas[n]},"
                f"{1 if newborn else 0},{hours:g}\r\n"
            )
            if len(lines) == 100_000:
                out.writelines(lines)
                lines.clear()
        out.writelines(lines)
    return path


def reference_load(path: Path) -> float:
    """Seconds for the database's own bulk load of the file into a scratch table."""
    from django.db import connection, transaction

    columns = ", ".join(f"{name} text" for name in COLUMNS.split(","))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_scratch")
        cursor.execute(f"CREATE TABLE bench_scratch ({columns})")
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with (
                path.open("rb") as data,
                cursor.cursor.copy("COPY bench_scratch FROM STDIN (FORMAT csv, HEADER)") as copy,
            ):
                while block := data.read(1 << 20):
                    copy.write(block)
        else:
            with path.open(encoding="utf-8", newline="") as data:
                reader = csv.reader(data)
                next(reader)
                marks = ", ".join(["%s"] * 9)
                # a list: the metrics wrapper of the production settings counts the rows first
                rows = list(reader)
                cursor.executemany(f"INSERT INTO bench_scratch VALUES ({marks})", rows)
    seconds = time.perf_counter() - started
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_scratch")
    return seconds


def import_file(path: Path, year: int) -> tuple[int, float, float]:
    """(rows, seconds to read and check, seconds to store) of one file's import."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from perinatal.monitoring.services import submissions_import
    from perinatal.monitoring.submissions.file import read_submission

    now = datetime(year + 1, 3, 1, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    now += timedelta(seconds=time.time() % 86_400)  # a replacement comes later the same day
    started = time.perf_counter()
    parsed = read_submission(path.read_bytes(), name=path.name, today=date.today())
    assert not parsed.errors, parsed.errors[:5]
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    submissions_import(files=[parsed], by=None, now=now)
    return parsed.row_count, read_seconds, time.perf_counter() - started


def measure_reports(years: list[int], samples: int, rng: random.Random) -> tuple[list, list]:
    """(report ms, bare ms), interleaved over random years and days."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from perinatal.monitoring.reports.kraamzorg import kraamzorg_report

    cases = []
    for _ in range(samples):
        year = rng.choice(years)
        as_of = None if rng.random() < 0.5 else date(year + 1, 3, 3) + timedelta(rng.randrange(800))
        cases.append((year, as_of))
    statements = {}
    for case in set(cases):
        with CaptureQueriesContext(connection) as captured:
            kraamzorg_report(*case)
        assert len(captured.captured_queries) == 1, captured.captured_queries
        statements[case] = captured.captured_queries[0]["sql"]
    report_ms, bare_ms = [], []
    with connection.cursor() as wrapper:
        raw = wrapper.cursor  # the driver's own cursor: no Django in between
        for case in cases:
            started = time.perf_counter()
            kraamzorg_report(*case)
            report_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            raw.execute(statements[case])
            raw.fetchall()
            bare_ms.append((time.perf_counter() - started) * 1000)
    return report_ms, bare_ms


def analyst():
    """The bench's analyst (an analysis organisation, the role's groups, a TOTP device)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from perinatal.accounts.constants import OrganisationKind, Role
    from perinatal.accounts.models import Organisation, User
    from perinatal.accounts.services import user_role_groups_grant

    org, _ = Organisation.objects.get_or_create(
        name="Bench analysis", defaults={"kind": OrganisationKind.ANALYSIS}
    )
    user, made = User.objects.get_or_create(
        username="bench-analyst", defaults={"role": Role.ANALYST, "organisation": org}
    )
    if made:
        user.set_unusable_password()
        user.save()
        user_role_groups_grant(user=user)
        TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    return user


def measure_dashboard(years: list[int], samples: int, rng: random.Random) -> bool:
    """(c) The analysts' dashboard through the test client: its default (the latest year)
    and random years in both modes, kept (the cache filled) and cold (the cache emptied
    before each view: what the first view after an import or a closing costs)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import translation

    client = verified_client(analyst())
    with translation.override("nl"):
        base = reverse("monitoring:dashboard")
    html = client.get(base).content.decode()
    opened = html.split('name="year"')[1].split("selected")[0].rsplit('value="', 1)[1][:4]
    print(f"\n(c) the dashboard opens on {opened} (the latest year with figures: {years[-1]})")
    choices = [f"{base}?year={rng.choice(years)}" for _ in range(samples)]
    choices = [url + ("&publication=1" if rng.random() < 0.5 else "") for url in choices]
    for url in set(choices):  # fill the cache
        client.get(url)
    ok = opened == str(years[-1])
    print(TIMED_HEADER)
    for label, urls, cold in (
        ("dashboard, kept (default year)", [base] * samples, False),
        ("dashboard, kept (random years, both modes)", choices, False),
        ("dashboard, cold (cache emptied before each)", choices[: max(20, samples // 10)], True),
    ):
        timed, statements = Timed(), []
        with timed:
            for url in urls:
                if cold:
                    cache.clear()
                with CaptureQueriesContext(connection) as ran:
                    response = timed.call(client.get, url)
                statements.append(len(ran.captured_queries))
                ok = ok and response.status_code == 200
        text, passed = timed.line(label, None if cold else 100)
        ok = ok and passed
        print(f"{text}  ({statistics.median(statements):.0f} statements)")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--years", type=int, help="work years (10 on PostgreSQL, 2 on SQLite)")
    parser.add_argument("--dossiers", type=int, help="dossiers per year (1,000,000 / 200,000)")
    parser.add_argument("--services", type=int, default=100)
    parser.add_argument("--samples", type=int, default=500, help="reports measured")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    years_count = args.years or (10 if args.db == "postgres" else 2)
    dossiers = args.dossiers or (1_000_000 if args.db == "postgres" else 200_000)
    rng = random.Random(args.seed)
    run_started = time.perf_counter()

    os.environ.update(
        {
            "DATABASE_URL": prepare_database(args.db, args.postgres_url),
            "DJANGO_SETTINGS_MODULE": "perinatal.conf.production",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "testserver,127.0.0.1",
            "SECURE_COOKIES": "false",
            "LOG_LEVEL": "WARNING",
            "PERINATAL_HOME": str(OUT),
            "NATIONAL_NUMBER_HASH_KEY": HASH_KEY,
            "NATIONAL_NUMBER_ENCRYPTION_KEYS": "YmVuY2gtb25seS1mZXJuZXQta2V5LW5vdC1yZWFsLTE=",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from perinatal.monitoring.models import Dossier

    print(f"database: {connection.vendor} ({BENCH_DB if args.db == 'postgres' else 'sqlite'})")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start")
    call_command("migrate", verbosity=0)
    years = list(range(2025 - years_count, 2025))
    print(f"{years_count} work years x {dossiers:,} dossiers, {args.services} services")

    started = time.perf_counter()
    files = {year: generate_file(year, dossiers, args.services, rng) for year in years}
    size = sum(path.stat().st_size for path in files.values())
    print(f"files: {size / 1e6:.0f} MB, ready in {time.perf_counter() - started:.1f} s")

    print(
        f"\n{'year':>6} {'rows':>10} {'read s':>8} {'store s':>8} {'rows/s':>9} {'ref s':>7} {'ref rows/s':>11} {'ratio':>6}"
    )
    total_rows = total_seconds = total_reference = 0.0
    for year, path in files.items():
        reference = reference_load(path)
        rows, read_s, store_s = import_file(path, year)
        seconds = read_s + store_s
        total_rows += rows
        total_seconds += seconds
        total_reference += reference
        print(
            f"{year:>6} {rows:>10,} {read_s:>8.1f} {store_s:>8.1f} {rows / seconds:>9,.0f} "
            f"{reference:>7.1f} {rows / reference:>11,.0f} {reference / seconds:>6.2f}"
        )
    rate, reference_rate = total_rows / total_seconds, total_rows / total_reference
    print(
        f"{'all':>6} {int(total_rows):>10,} {'':>8} {total_seconds:>8.1f} {rate:>9,.0f} "
        f"{total_reference:>7.1f} {reference_rate:>11,.0f} {rate / reference_rate:>6.2f}"
    )
    rows, read_s, store_s = import_file(files[years[-1]], years[-1])
    print(
        f"replacement of {years[-1]}: {rows:,} rows in {read_s + store_s:.1f} s "
        f"({rows / (read_s + store_s):,.0f} rows/s); dossier table {Dossier.objects.count():,} rows"
    )
    import_ok = rate >= 50_000 and rate >= reference_rate / 10
    print(
        f"import: {rate:,.0f} rows/s, {rate / reference_rate:.2f} of the reference "
        f"(target >= 50,000 rows/s and >= 0.10): {'PASS' if import_ok else 'FAIL'}"
    )

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    report_ms, bare_ms = measure_reports(years, args.samples, rng)
    p95, bare_p95 = percentile(report_ms, 95), percentile(bare_ms, 95)
    print(f"\n{'(ms)':28} {'median':>8} {'p95':>8} {'max':>8}")
    for label, ms in (("kraamzorg_report()", report_ms), ("bare query", bare_ms)):
        print(
            f"{label:28} {statistics.median(ms):>8.3f} {percentile(ms, 95):>8.3f} {max(ms):>8.3f}"
        )
    report_ok = p95 < 100 and p95 < 1.5 * bare_p95
    print(
        f"report p95 {p95:.3f} ms, {p95 / bare_p95:.2f}x the bare query "
        f"(target < 100 ms and < 1.5x): {'PASS' if report_ok else 'FAIL'}"
    )
    call_command("collectstatic", interactive=False, verbosity=0)  # production's manifest
    dashboard_ok = measure_dashboard(years, args.samples, rng)
    passed = import_ok and report_ok and dashboard_ok
    verdict = "ALL TARGETS MET" if passed else "SOME TARGETS MISSED"
    print(f"\n{verdict}; whole run {time.perf_counter() - run_started:.0f} s; {load()} at the end")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
