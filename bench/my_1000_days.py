""" "My first 1000 days": `GET /nl/my/<uuid>/` of linked parents at 100,000 pregnancies, on
PostgreSQL or SQLite, with the wall time and the CPU time of this process per request.

    .venv/bin/python bench/my_1000_days.py --db postgres [--postgres-url postgres://…]
    .venv/bin/python bench/my_1000_days.py --db sqlite [--pregnancies 100000] [--rebuild]

Uses its own database (the PostgreSQL database `perinatal_bench_my_1000_days`, or
bench/out/my_1000_days.sqlite3), migrates it and, unless it already holds the requested number
of pregnancies (then the data is reused; `--rebuild` starts afresh), generates the families
exactly as bench/families.py does (its `organisations()` and `generate()`: care teams,
consents, births, screenings, programme services, contacts, referrals into a small
directory). Then, once, it adds what only the parents' page reads: `--parents` parent
accounts, each linked to a random family, a directory entry with phones for every care
organisation, and for the linked families a Kindboekje, a parent's booklet order and a
kraamzorg request (a bench kraamzorg service).

Then `--samples` requests of the page through django.test.Client (production settings, each
parent logged in; parents have no second factor), spread over the parents, after a warm-up.
Printed: p50 and p95 of the wall time, p50 and p95 of the CPU time of this process (the
server's share; the database's own CPU is not in it), the queries per page and the access-log
rows one page writes (1: the read on the basis own record). Target (issue 16, decision 0036):
p95 < 100 ms at 100,000 pregnancies on PostgreSQL.
"""

import argparse
import random
import sys
import time
from datetime import timedelta

from _support import django_in_process, load, percentile
from families import families_ready
from families import prepare_database as families_database

BENCH_DB = "perinatal_bench_my_1000_days"


def prepare_database(db: str, postgres_url: str, *, drop: bool) -> str:
    return families_database(db, postgres_url, drop=drop, name="my_1000_days", bench_db=BENCH_DB)


def parents_rows(orgs: dict[str, list], count: int, rng: random.Random) -> list:
    """The bench parents (created once), each linked to a random family, with what the page
    shows of that family beyond the generated record."""
    from decimal import Decimal

    from django.db import transaction

    from perinatal.accounts.constants import OrganisationKind as OK
    from perinatal.accounts.constants import Role
    from perinatal.accounts.models import Organisation, User
    from perinatal.booklets.constants import Channel, OrderKind, OrderStatus
    from perinatal.booklets.models import Booklet, BookletOrder
    from perinatal.directory.models import Organization, Phone
    from perinatal.kraamzorg.constants import RequestSource, RequestStatus
    from perinatal.kraamzorg.models import KraamzorgOffer, KraamzorgRequest
    from perinatal.monitoring.models import Service as RecognisedService
    from perinatal.parents.models import ParentLink
    from perinatal.pathways.models import Pregnancy

    existing = list(User.objects.filter(username__startswith="bench-parent-").order_by("id"))
    if len(existing) >= count:
        return existing[:count]
    with transaction.atomic():
        for service in orgs["services"]:
            if not Phone.objects.filter(service=service).exists():
                Phone.objects.create(service=service, number="+3224101010")
        for kind, group in orgs.items():
            if kind == "services":
                continue
            for n, org in enumerate(group):
                if org.directory_organization_id is None:
                    entry = Organization.objects.create(
                        name=f"{org.name} (directory)",
                        email=f"contact{n}@{kind}.bench",
                        website=f"https://{kind}.bench/{n}",
                    )
                    Phone.objects.create(organization=entry, number=f"+3222{n:02d}{n:05d}")
                    Organisation.objects.filter(pk=org.pk).update(directory_organization=entry)
        kraamzorg_org = orgs[OK.KRAAMZORG_SERVICE][0]
        recognised, _ = RecognisedService.objects.get_or_create(
            service_id="KZBENCH",
            defaults={
                "name": "Bench kraamzorg",
                "sector": "private",
                "organisation": kraamzorg_org,
            },
        )
        offer, _ = KraamzorgOffer.objects.get_or_create(
            service=recognised, defaults={"areas": ["04000"], "capacity": 1000}
        )
        ids = list(Pregnancy.objects.values_list("id", flat=True))
        chosen = rng.sample(ids, count)
        users = []
        for n in range(len(chosen)):
            user = User(username=f"bench-parent-{n}", role=Role.PARENT)
            user.set_unusable_password()
            users.append(user)
        User.objects.bulk_create(users)
        users = list(User.objects.filter(username__startswith="bench-parent-").order_by("id"))
        ParentLink.objects.bulk_create(
            [
                ParentLink(pregnancy_id=pid, user=user)
                for pid, user in zip(chosen, users, strict=True)
            ]
        )
        pregnancies = Pregnancy.objects.in_bulk(chosen)
        for n, (pid, user) in enumerate(zip(chosen, users, strict=True)):
            pregnancy = pregnancies[pid]
            if not Booklet.objects.filter(pregnancy_id=pid).exists():
                Booklet.objects.create(
                    pregnancy_id=pid,
                    child_order=1,
                    handed_out_on=pregnancy.registered_on,
                    channel=Channel.KG_START_CONVERSATION,
                    organisation=pregnancy.lead_organisation,
                    area_nis=pregnancy.area_nis,
                )
            BookletOrder.objects.create(
                kind=OrderKind.PARENT,
                status=OrderStatus.SHIPPED,
                ordered_by=user,
                pregnancy_id=pid,
                kindboekjes=1,
                child_order=2,
                subject_hash=f"bench{n:059d}",
                ship_to_name="Bench",
                ship_to_street="Straat 1",
                ship_to_postcode=pregnancy.postcode,
                ship_to_municipality=pregnancy.municipality,
                area_nis=pregnancy.area_nis,
            )
            KraamzorgRequest.objects.create(
                offer=offer,
                status=RequestStatus.ACCEPTED,
                source=RequestSource.PARENT,
                submitted_by=user,
                pregnancy_id=pid,
                family_key=f"bench-{pid}",
                due_date=pregnancy.due_date,
                postcode=pregnancy.postcode,
                municipality=pregnancy.municipality,
                area_nis=pregnancy.area_nis,
                income_band="B",
                planned_start=pregnancy.due_date + timedelta(days=2),
                planned_hours=Decimal("40"),
            )
    print(
        f"  parents: {len(users)} linked, each with a Kindboekje, an order and a kraamzorg request"
    )
    return users


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--pregnancies", type=int, default=100_000)
    parser.add_argument("--parents", type=int, default=50)
    parser.add_argument("--samples", type=int, default=200, help="requests in all")
    parser.add_argument("--rebuild", action="store_true", help="drop the data and generate anew")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    env = django_in_process(prepare_database(args.db, args.postgres_url, drop=args.rebuild))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from perinatal.audit.models import AccessEvent
    from perinatal.parents.models import ParentLink
    from perinatal.pathways.models import Pregnancy

    print(f"database: {connection.vendor} ({env['DATABASE_URL']})")
    print(f"machine: {load()} at the start")
    orgs, _generated = families_ready(
        args.pregnancies, lambda: prepare_database(args.db, args.postgres_url, drop=True)
    )
    parents = parents_rows(orgs, min(args.parents, args.pregnancies), rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    links = dict(
        ParentLink.objects.filter(user__in=parents, ended_at__isnull=True).values_list(
            "user_id", "pregnancy__public_id"
        )
    )
    pages = []
    for user in parents:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        pages.append((client, f"/nl/my/{links[user.pk]}/"))
    for client, url in pages:  # warm-up: middleware, caches, templates
        client.get(url)
    print(
        f"pregnancies: {Pregnancy.objects.count()}; {len(pages)} parents; {args.samples} requests"
    )
    wall, cpu = [], []
    failed = 0
    for n in range(args.samples):
        client, url = pages[n % len(pages)]
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        failed += response.status_code != 200
    before = AccessEvent.objects.count()
    with CaptureQueriesContext(connection) as queries:
        pages[0][0].get(pages[0][1])
    logged = AccessEvent.objects.count() - before
    p95 = percentile(wall, 95)
    print(
        f"{'page':<20} {'p50 wall':>9} {'p95 wall':>9} {'p50 CPU':>8} {'p95 CPU':>8} "
        f"{'queries':>8} {'logged':>7}"
    )
    print(
        f"{'my first 1000 days':<20} {percentile(wall, 50):>7.1f}ms {p95:>7.1f}ms "
        f"{percentile(cpu, 50):>6.1f}ms {percentile(cpu, 95):>6.1f}ms "
        f"{len(queries):>8} {logged:>7}"
    )
    verdict = "met" if p95 < 100 else "NOT met"
    print(f"target p95 < 100 ms: {verdict}")
    print(f"machine: {load()} at the end; pages not 200: {failed}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
