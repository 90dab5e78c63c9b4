"""Home pages: `GET /nl/work/` of each role at 100,000 pregnancies, on PostgreSQL or SQLite,
with the wall time and the CPU time of this process per request.

    .venv/bin/python bench/home.py --db postgres [--postgres-url postgres://…]
    .venv/bin/python bench/home.py --db sqlite [--pregnancies 100000] [--rebuild]

Uses its own database (the PostgreSQL database `perinatal_bench_home`, or
bench/out/home.sqlite3), migrates it and, unless it already holds the requested number of
pregnancies, generates the families exactly as bench/families.py does (its `organisations()`
and `generate()`: ten Kind en Gezin teams, eight midwife practices, six hospitals, six
programme providers, four kraamzorg services; care teams, consents, births, screenings,
programme services, contacts, referrals), then adds what only the homes read: hospital
discharges of the last days to the first line (some transferred, some late) and emergency
accesses. An editor, an analyst and an administrator are added beside the bench
professionals.

Then, per role, `--samples` requests of the home page through django.test.Client (production
settings, logged in with the second factor verified), spread over the role's organisations,
after a warm-up. Printed per role: p50 and p95 of the wall time, p95 of the CPU time of this
process (the server's share, the database's own CPU is not in it), the queries per page and
the access-log rows each page writes, and on PostgreSQL the mean CPU per request of the
database backend that served them (/proc, in clock ticks). Target (docs/performance.md, Home
pages): p95 < 100 ms at 100,000 pregnancies on PostgreSQL.
"""

import argparse
import random
import sys
import time
from collections import Counter
from datetime import timedelta

from _support import (
    backend_pid,
    cpu_seconds,
    django_in_process,
    load,
    percentile,
    verified_client,
)
from families import families_ready
from families import prepare_database as families_database

BENCH_DB = "perinatal_bench_home"


def prepare_database(db: str, postgres_url: str, *, drop: bool) -> str:
    return families_database(db, postgres_url, drop=drop, name="home", bench_db=BENCH_DB)


def home_rows(orgs: dict[str, list], rng: random.Random) -> Counter:
    """Discharges of the last 14 days (to the Kind en Gezin teams and midwife practices) and
    emergency accesses of the last days, once."""
    from django.db import transaction
    from django.utils import timezone

    from perinatal.accounts.constants import OrganisationKind as OK
    from perinatal.pathways.constants import ContactKind
    from perinatal.pathways.models import Contact, EmergencyAccess, HospitalDischarge, Pregnancy

    rows: Counter = Counter()
    if HospitalDischarge.objects.exists():
        return rows
    now = timezone.now()
    first_line = orgs[OK.KIND_EN_GEZIN] + orgs[OK.MIDWIFE_PRACTICE]
    hospitals = orgs[OK.HOSPITAL]
    born = list(
        Pregnancy.objects.filter(birth__isnull=False)
        .order_by("-birth__date")
        .values_list("id", flat=True)[:3000]
    )
    with transaction.atomic():
        contacts, discharges = [], []
        for pid in born:
            hospital = rng.choice(hospitals)
            discharged = now - timedelta(hours=rng.randint(1, 14 * 24))
            contact = Contact(
                pregnancy_id=pid,
                date=timezone.localtime(discharged).date(),
                kind=ContactKind.HOSPITAL_DISCHARGE,
                organisation_id=hospital.pk,
            )
            contacts.append(contact)
            late = rng.random() < 0.2
            transferred = None if late or rng.random() < 0.1 else discharged + timedelta(hours=3)
            discharges.append(
                HospitalDischarge(
                    pregnancy_id=pid,
                    contact=contact,
                    hospital_id=hospital.pk,
                    to_organisation_id=rng.choice(first_line).pk,
                    discharged_at=discharged,
                    deadline_at=discharged + timedelta(hours=24),
                    transferred_at=transferred,
                )
            )
        Contact.objects.bulk_create(contacts, batch_size=2000)
        for discharge in discharges:
            discharge.contact_id = discharge.contact.pk
        HospitalDischarge.objects.bulk_create(discharges, batch_size=2000)
        rows["hospital discharges"] = len(discharges)
        accesses = [
            EmergencyAccess(
                pregnancy_id=pid,
                user=rng.choice(first_line).bench_user,
                reason="bench: emergency access",
                expires_at=now + timedelta(hours=24),
            )
            for pid in rng.sample(born, min(200, len(born)))
        ]
        EmergencyAccess.objects.bulk_create(accesses)
        rows["emergency accesses"] = len(accesses)
    return rows


def desk_users() -> dict[str, object]:
    """An editor, an analyst and an administrator (each with a confirmed device)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from perinatal.accounts.constants import OrganisationKind, Role
    from perinatal.accounts.models import Organisation, User

    found = {}
    for role, kind in (
        (Role.DIRECTORY_EDITOR, OrganisationKind.DIRECTORY_OFFICE),
        (Role.ANALYST, OrganisationKind.ANALYSIS),
        (Role.ADMINISTRATOR, OrganisationKind.PLATFORM),
    ):
        org, _ = Organisation.objects.get_or_create(name=f"Bench {kind}", defaults={"kind": kind})
        user = User.objects.filter(username=f"bench-{role}").first()
        if user is None:
            user = User(username=f"bench-{role}", role=role, organisation=org)
            user.set_unusable_password()
            user.save()
            TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        found[str(role)] = user
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--pregnancies", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=100, help="requests per role")
    parser.add_argument("--rebuild", action="store_true", help="drop the data and generate anew")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    env = django_in_process(prepare_database(args.db, args.postgres_url, drop=args.rebuild))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from perinatal.accounts.constants import OrganisationKind as OK
    from perinatal.audit.models import AccessEvent
    from perinatal.pathways.models import Pregnancy

    print(f"database: {connection.vendor} ({env['DATABASE_URL']})")
    print(f"machine: {load()} at the start")
    orgs, _generated = families_ready(
        args.pregnancies, lambda: prepare_database(args.db, args.postgres_url, drop=True)
    )
    extra = home_rows(orgs, rng)
    if extra:
        print("  home: " + ", ".join(f"{name} {count}" for name, count in extra.items()))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    roles = {
        "Kind en Gezin": [o.bench_user for o in orgs[OK.KIND_EN_GEZIN]],
        "midwife": [o.bench_user for o in orgs[OK.MIDWIFE_PRACTICE]],
        "programme provider": [o.bench_user for o in orgs[OK.PROGRAMME_PROVIDER]],
        "hospital": [o.bench_user for o in orgs[OK.HOSPITAL]],
        "kraamzorg service": [o.bench_user for o in orgs[OK.KRAAMZORG_SERVICE]],
        **{role: [user] for role, user in desk_users().items()},
    }
    print(f"pregnancies: {Pregnancy.objects.count()}; {args.samples} requests per role")
    print(
        f"{'role':<20} {'p50 wall':>9} {'p95 wall':>9} {'p95 CPU':>8} {'db CPU':>7} "
        f"{'queries':>8} {'logged':>7}"
    )
    failed = 0
    for role, users in roles.items():
        clients = [verified_client(user) for user in users]
        for client in clients:  # warm-up: middleware, caches, the first page
            client.get("/nl/work/")
        wall, cpu = [], []
        backend = backend_pid()  # the PostgreSQL backend serving this process (None: SQLite)
        backend_started = cpu_seconds(backend) if backend else 0.0
        for n in range(args.samples):
            client = clients[n % len(clients)]
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get("/nl/work/")
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            failed += response.status_code != 200
        database_cpu = (
            f"{(cpu_seconds(backend) - backend_started) * 1000 / args.samples:>5.1f}ms"
            if backend and backend == backend_pid()
            else "      —"
        )
        before = AccessEvent.objects.count()
        with CaptureQueriesContext(connection) as queries:
            clients[0].get("/nl/work/")
        logged = AccessEvent.objects.count() - before
        print(
            f"{role:<20} {percentile(wall, 50):>7.1f}ms {percentile(wall, 95):>7.1f}ms "
            f"{percentile(cpu, 95):>6.1f}ms {database_cpu} {len(queries):>8} {logged:>7}"
        )
    print(f"machine: {load()} at the end; pages not 200: {failed}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
