"""Kraamzorg: the intake queue of one service holding 5,000 open requests, among many other
requests of other services, on PostgreSQL.

    .venv/bin/python bench/kraamzorg.py [--db postgres] [--postgres-url postgres://…]
        [--open 5000] [--services 20] [--others 95000] [--samples 300] [--rebuild]

Uses its own database `perinatal_bench_kraamzorg` (created when missing), migrates it and,
unless it already holds the requested numbers of generated requests (then the data is
reused; `--rebuild` starts afresh), generates with bulk inserts: `--services` kraamzorg
services (a recognised `monitoring.Service`, its organisation with one intake user, and its
`KraamzorgOffer` over Brussels and a Flemish province), referrer organisations (Kind en Gezin
teams, midwife practices, hospitals), and requests: `--open` open ones (submitted, waiting or
accepted and planned; 15% of the referrals vulnerable) plus 3,000 answered ones (refused,
withdrawn, closed) for the measured service, and `--others` requests in every status spread
over the other services. Every family has at most one open request per service (the
database's partial unique constraint holds during the load).

Then, in this process (production settings), `--samples` times each, as the measured
service's intake user:
(a) the intake queue page, `GET /nl/kraamzorg/intake/` through django.test.Client, logged
    in with the second factor verified: first every page is reached by following the
    "next" links (the queue pages by keyset) and the requests they show are checked to be
    the open queue, each once and in order; then its first page and random later pages
    (pages 2–100, 50 requests a page);
(b) the intake queue through the API, `GET /api/v1/kraamzorg/requests` with an API token
    (20 a page), and pages further on with 50 a page.
Each line gives the wall time (median, p95) and this process's CPU time per request
(median, p95: Django, the template, the client) beside the mean CPU of the PostgreSQL
backend that served them. Target (issue 15): p95 of every page under 100 ms. A page that
does not answer 200 is counted and fails. The load average is printed at the start and the
end: read the wall times against it, the CPU times hold under load.
"""

import argparse
import hashlib
import logging
import os
import random
import re
import secrets
import sys
import time
from collections import Counter
from datetime import timedelta
from decimal import Decimal

from _support import (
    FERNET_KEY,
    HASH_KEY,
    OUT,
    TIMED_HEADER,
    Timed,
    load,
    postgres_database,
    verified_client,
)

BENCH_DB = "perinatal_bench_kraamzorg"
CHUNK = 5000  # requests per bulk insert
MEASURED = "Bench kraamzorgdienst 01"  # the service whose queue is measured
ANSWERED_OF_MEASURED = 3000  # refused, withdrawn and closed requests of the measured service
PAGE_NAME = "kraamzorg:intake"  # the intake queue page (50 requests a page, by keyset)
LAST_PAGE = 100  # 5,000 open requests


# fmt: off
BRUSSELS = [
    ("1000", "Brussel"), ("1030", "Schaarbeek"), ("1050", "Elsene"), ("1060", "Sint-Gillis"),
    ("1070", "Anderlecht"), ("1080", "Sint-Jans-Molenbeek"), ("1090", "Jette"),
    ("1140", "Evere"), ("1180", "Ukkel"), ("1210", "Sint-Joost-ten-Node"),
]
FLANDERS = [
    ("2000", "Antwerpen"), ("2800", "Mechelen"), ("3000", "Leuven"), ("3500", "Hasselt"),
    ("8000", "Brugge"), ("9000", "Gent"), ("1800", "Vilvoorde"),
]
GIVEN = ["Amina", "Sarah", "Fatima", "Marie", "Laura", "Nora", "Emma", "Elif", "Ana", "Lotte"]
FAMILY = ["Peeters", "Janssens", "Maes", "El Amrani", "Dubois", "Yilmaz", "Diallo", "Claes"]
LANGUAGES = [["nl"], ["fr"], ["fr", "ar"], ["nl", "en"], ["tr", "nl"], ["ro"]]
HELP = [["baby_care"], ["baby_care", "mother_care"], ["baby_care", "household"],
        ["baby_care", "mother_care", "household", "emotional"]]
REASONS = ["Eerste kind, weinig steun in de buurt.", "Premier enfant, isolement social.",
           "Moeder herstelt van een keizersnede.", "Family without a network in Belgium."]
# fmt: on


def prepare_database(postgres_url: str, *, drop: bool) -> str:
    """The bench's database (created when missing, emptied with `drop`); its DATABASE_URL."""
    return postgres_database(postgres_url, BENCH_DB, drop=drop)


# --- The organisations, services and bench users.


def bench_user(org, role):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from perinatal.accounts.models import User

    user = User.objects.filter(username=f"bench-kz-{org.pk}").first()
    if user is None:
        user = User(
            username=f"bench-kz-{org.pk}",
            email=f"bench-kz-{org.pk}@example.org",
            role=role,
            organisation=org,
        )
        user.set_unusable_password()
        user.save()
        TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    return user


def organisations(services: int) -> dict[str, list]:
    """The kraamzorg services (with their offers) and the referrer organisations."""
    from perinatal.accounts.constants import OrganisationKind as OK
    from perinatal.accounts.constants import Role
    from perinatal.accounts.models import Organisation
    from perinatal.kraamzorg.models import KraamzorgOffer
    from perinatal.monitoring.constants import Sector
    from perinatal.monitoring.models import Service

    provinces = ["10000", "20001", "30000", "40000", "70000"]
    found: dict[str, list] = {"offers": [], "referrers": []}
    for n in range(1, services + 1):
        org, _ = Organisation.objects.get_or_create(
            name=f"Bench kraamzorgdienst {n:02d}", defaults={"kind": OK.KRAAMZORG_SERVICE}
        )
        service, _ = Service.objects.get_or_create(
            service_id=f"BENCH-KZ-{n:02d}",
            defaults={
                "name": org.name,
                "sector": Sector.PUBLIC if n % 7 == 0 else Sector.PRIVATE,
                "organisation": org,
            },
        )
        offer, _ = KraamzorgOffer.objects.get_or_create(
            service=service,
            defaults={
                "postcodes": [],
                "areas": ["04000", provinces[n % len(provinces)]],
                "capacity": 400,
                "languages": ["nl", "fr"],
            },
        )
        offer.user = bench_user(org, Role.KRAAMZORG_SERVICE)
        found["offers"].append(offer)
    plan = [
        (OK.KIND_EN_GEZIN, Role.KG_PROFESSIONAL, "kind_en_gezin", "Kind en Gezin team", 6),
        (OK.MIDWIFE_PRACTICE, Role.INDEPENDENT_MIDWIFE, "independent_midwife", "Praktijk", 6),
        (OK.HOSPITAL, Role.HOSPITAL, "hospital", "Ziekenhuis", 3),
    ]
    for kind, role, source, name, count in plan:
        for n in range(1, count + 1):
            org, _ = Organisation.objects.get_or_create(
                name=f"Bench kraamzorg {name} {n}", defaults={"kind": kind}
            )
            org.user = bench_user(org, role)
            org.source = source
            found["referrers"].append(org)
    return found


# --- Generating the requests.


def generate(orgs: dict[str, list], *, open_requests: int, others: int, seed: int = 6000):
    """The measured service's open and answered requests, then the other services'."""
    from django.db import transaction
    from django.utils import timezone

    from perinatal.core.municipalities import area_for_postcode
    from perinatal.kraamzorg.constants import RefusalReason, RequestStatus, Vulnerability
    from perinatal.kraamzorg.models import KraamzorgRequest

    rng = random.Random(seed)
    today = timezone.localdate()
    now = timezone.now()
    offers = orgs["offers"]
    measured, rest = offers[0], offers[1:]
    area = {pc: area_for_postcode(pc).nis for pc, _ in BRUSSELS + FLANDERS}
    serial = iter(range(1, 10**9))
    counts: Counter = Counter()

    def one(offer, status: str):
        family = next(serial)
        postcode, municipality = rng.choice(BRUSSELS if rng.random() < 0.7 else FLANDERS)
        referrer = rng.choice(orgs["referrers"]) if rng.random() < 0.55 else None
        open_ = status in (RequestStatus.SUBMITTED, RequestStatus.WAITING, RequestStatus.ACCEPTED)
        if open_:
            due = today + timedelta(days=rng.randint(-20, 220))
        else:
            due = today - timedelta(days=rng.randint(30, 900))
        born = due + timedelta(days=rng.randint(-14, 10)) if due < today - timedelta(14) else None
        if born and rng.random() < 0.2:
            due = None  # asked after the birth, without a due date
        vulnerable = referrer is not None and rng.random() < 0.15
        submitted = now - timedelta(days=rng.randint(1, 200), minutes=rng.randint(0, 1440))
        decided = status != RequestStatus.SUBMITTED and status != RequestStatus.WITHDRAWN
        planned = status in (RequestStatus.ACCEPTED, RequestStatus.CLOSED)
        return KraamzorgRequest(
            offer_id=offer.pk,
            status=status,
            source=referrer.source if referrer else "parent",
            submitted_by_id=referrer.user.pk if referrer else None,
            referrer_organisation_id=referrer.pk if referrer else None,
            referral_reason=rng.choice(REASONS) if referrer else "",
            family_key=hashlib.sha256(f"bench-family-{family}".encode()).hexdigest(),
            contact_name="" if referrer else f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
            contact_phone="" if referrer else f"04{rng.randint(10000000, 99999999)}",
            contact_email="" if referrer else f"family-{family}@example.org",
            due_date=due,
            birth_date=born,
            postcode=postcode,
            municipality=municipality,
            area_nis=area[postcode],
            adults=rng.choice([1, 2, 2, 2]),
            children=rng.choice([0, 0, 1, 2, 3]),
            income_band=rng.choice("ABCDE"),
            languages=rng.choice(LANGUAGES),
            help_wanted=rng.choice(HELP),
            vulnerability=Vulnerability.REFERRER if vulnerable else "",
            vulnerability_reason=rng.choice(REASONS) if vulnerable else "",
            decided_at=submitted + timedelta(days=rng.randint(0, 10)) if decided else None,
            decided_by_id=offer.user.pk if decided else None,
            planned_start=(born or due) if planned else None,
            planned_hours=Decimal(rng.choice([24, 36, 48, 60])) if planned else None,
            refusal_reason=rng.choice(RefusalReason.values)
            if status == RequestStatus.REFUSED
            else "",
            closed_at=now - timedelta(days=rng.randint(1, 300))
            if status == RequestStatus.CLOSED
            else None,
        )

    def statuses(count: int, weights: dict[str, float]) -> list[str]:
        return rng.choices(list(weights), weights=list(weights.values()), k=count)

    S = RequestStatus
    plan = [
        (measured, s)
        for s in statuses(open_requests, {S.SUBMITTED: 6, S.WAITING: 2.5, S.ACCEPTED: 1.5})
    ]
    plan += [
        (measured, s)
        for s in statuses(ANSWERED_OF_MEASURED, {S.REFUSED: 2, S.WITHDRAWN: 1, S.CLOSED: 7})
    ]
    everything = {S.SUBMITTED: 1, S.WAITING: 1, S.ACCEPTED: 1, S.REFUSED: 1, S.CLOSED: 5}
    plan += [(rng.choice(rest), s) for s in statuses(others, everything)]
    for start in range(0, len(plan), CHUNK):
        batch = [one(offer, status) for offer, status in plan[start : start + CHUNK]]
        with transaction.atomic():
            KraamzorgRequest.objects.bulk_create(batch, batch_size=1000)
        for offer, status in plan[start : start + CHUNK]:
            counts["measured " + status if offer is measured else "others"] += 1
        print(f"  {start + len(batch):>7} requests", end="\r", flush=True, file=sys.stderr)
    # When they were submitted (auto_now_add took the moment of the insert).
    with transaction.atomic():
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE kraamzorg_kraamzorgrequest SET submitted_at = COALESCE("
                "decided_at - (id % 10) * interval '1 day', now() - (id % 200) * interval '1 day')"
            )
    return counts


# --- Measuring.


class Report:
    def __init__(self) -> None:
        self.verdicts: list[bool] = []
        print("\n" + TIMED_HEADER)

    def add(self, label: str, timed: Timed, target: float | None = None) -> None:
        text, ok = timed.line(label, target)
        self.verdicts.append(ok)
        print(text)


def measure(label: str, get, urls: list[str], report: Report, target: float | None) -> None:
    """GET each URL (after ten to warm up); non-200 answers are counted and fail."""
    failures: Counter = Counter()
    for url in urls[:10]:
        get(url)
    timed = Timed()
    with timed:
        for url in urls:
            response = timed.call(get, url)
            if response.status_code != 200:
                timed.wall.pop(), timed.cpu.pop()
                failures[response.status_code] += 1
    report.add(label, timed, target=target)
    for status, count in failures.items():
        report.verdicts.append(False)
        print(f"  FAIL: {count} of {len(urls)} answered HTTP {status}")


NEXT = re.compile(r'<a href="\?([^"]*)" rel="next">')
ROW = re.compile(r'<a href="/nl/kraamzorg/intake/([0-9a-f-]{36})/">')


def queue_pages(get) -> tuple[list[str], list[str]]:
    """Every page of the intake queue, found by following its "next" links from the first
    (the queue pages by keyset: a page is reached from the one before it), and the requests
    they showed in order."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override("nl"):
        base = reverse(PAGE_NAME)
    urls, shown, url = [], [], base
    while url:
        html = get(url).content.decode()
        urls.append(url)
        shown += ROW.findall(html)
        found = NEXT.search(html)
        url = f"{base}?{found.group(1).replace('&amp;', '&')}" if found else ""
    return urls, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["postgres"], default="postgres")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--open", type=int, default=5000, help="open requests of the service")
    parser.add_argument("--services", type=int, default=20)
    parser.add_argument("--others", type=int, default=95_000, help="other services' requests")
    parser.add_argument("--samples", type=int, default=300, help="GETs per measurement")
    parser.add_argument("--rebuild", action="store_true", help="drop the data and generate anew")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    run_started = time.perf_counter()
    print(f"machine at the start: {load()}")

    env = {
        "DATABASE_URL": prepare_database(args.postgres_url, drop=args.rebuild),
        "DJANGO_SETTINGS_MODULE": "perinatal.conf.production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "SECURE_COOKIES": "false",
        "LOG_LEVEL": "WARNING",
        "PERINATAL_HOME": str(OUT),
        "NATIONAL_NUMBER_HASH_KEY": HASH_KEY,
        "NATIONAL_NUMBER_ENCRYPTION_KEYS": FERNET_KEY,
    }
    os.environ.update(env)
    OUT.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # failures are counted
    from django.core.management import call_command
    from django.db import connection

    from perinatal.accounts import tokens as api_tokens
    from perinatal.kraamzorg import selectors
    from perinatal.kraamzorg.constants import OPEN_STATUSES
    from perinatal.kraamzorg.models import KraamzorgRequest

    print(f"database: {connection.vendor} ({BENCH_DB})")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # production's manifest
    wanted = args.open + ANSWERED_OF_MEASURED + args.others
    held = KraamzorgRequest.objects.count()
    if held not in (0, wanted):
        print(f"the database holds {held} requests, not {wanted}: rebuilding")
        connection.close()
        prepare_database(args.postgres_url, drop=True)
        call_command("migrate", verbosity=0)
        held = 0
    orgs = organisations(args.services)
    measured = orgs["offers"][0]
    if held:
        print(f"generation: reused the {held} requests already in the database")
    else:
        with connection.cursor() as cursor:  # this session only: the bulk load's commits
            cursor.execute("SET synchronous_commit = off")
        started = time.perf_counter()
        counts = generate(orgs, open_requests=args.open, others=args.others)
        print(" " * 40, end="\r", file=sys.stderr)
        print(
            f"generation: {sum(counts.values())} requests in {time.perf_counter() - started:.1f} s"
        )
        print("  " + ", ".join(f"{name} {n}" for name, n in sorted(counts.items())))
        connection.close()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"vacuum analyze: {time.perf_counter() - started:.1f} s")
    open_count = KraamzorgRequest.objects.filter(offer=measured, status__in=OPEN_STATUSES).count()
    print(
        f"held: {KraamzorgRequest.objects.count()} requests over {len(orgs['offers'])} services; "
        f"{open_count} open for the measured service ({MEASURED})"
    )

    report = Report()
    user = measured.user
    # (a) the intake queue page
    client = verified_client(user)
    client.get("/healthz")  # the handler loads the middleware once
    urls, shown = queue_pages(client.get)
    expected = [str(u) for u in selectors.intake_queue(by=user).values_list("public_id", flat=True)]
    whole = shown == expected
    report.verdicts.append(whole and len(urls) == LAST_PAGE)
    print(
        f"(a) the queue's {len(urls)} pages, followed by their links, showed {len(shown)} "
        f"requests: {'every open request once, in order' if whole else 'NOT the queue'}"
    )
    measure("(a) intake queue page, first page", client.get, [urls[0]] * args.samples, report, 100)
    later = [urls[rng.randint(1, len(urls) - 1)] for _ in range(args.samples)]
    measure(f"(a) intake queue page, pages 2-{len(urls)}", client.get, later, report, 100)

    # (b) the intake queue through the API
    token = api_tokens.token_create(user=user, name="bench kraamzorg", days=1)[1]

    def api_get(url: str):
        return client.get(url, headers={"Authorization": f"Bearer {token}"})

    base = "/api/v1/kraamzorg/requests"
    measure("(b) GET /api/v1/kraamzorg/requests", api_get, [base] * args.samples, report, None)
    pages = [f"{base}?page={rng.randint(2, LAST_PAGE)}&per_page=50" for _ in range(args.samples)]
    measure(f"(b) GET …/requests?page=2-{LAST_PAGE}&per_page=50", api_get, pages, report, None)

    total = time.perf_counter() - run_started
    verdict = "all targets met" if all(report.verdicts) else "TARGETS NOT MET"
    print(f"\n{verdict}; whole run {total:.0f} s; machine at the end: {load()}")


if __name__ == "__main__":
    main()
