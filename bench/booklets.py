"""Kindboekje: the "ask first" lookup at 1.5 million booklets, and sustained registration of
hand-outs through the API on the production server, on PostgreSQL.

    .venv/bin/python bench/booklets.py [--db postgres] [--postgres-url postgres://…]
        [--booklets 1500000] [--rebuild] [--samples 2000] [--seconds 20] [--clients 16]
        [--workers N]

Uses its own database `perinatal_bench_booklets` (created when missing), migrates it and,
unless it already holds the requested number of generated booklets (then the data is reused;
`--rebuild` starts afresh), generates about twelve years of Belgian births with COPY: mothers
(a keyed hash of a generated, valid test national number for every one; the encrypted copy
only for a sample, from which the lookups take their numbers), pregnancies over Brussels and
Flemish postcodes with due dates from twelve years ago to six months ahead, births and
children (3% twins, 6% NICU admissions, children numbered too), the care team's lead (and an
independent midwife for 30%), and a Kindboekje per child as the procedure in force handed it
out (before 1 August 2024: Kind en Gezin in pregnancy or the maternity clinic at birth; from
then on steps 1-3 and the NICU), with some lost booklets replaced — 1.5 million booklets in
all. The load runs with `session_replication_role = replica` (no foreign-key triggers: the
generator writes consistent ids); unique and check constraints are enforced as always.

Then:
(a) "ask first" in this process (production settings): `family_status_by_national_number()`
    — which also writes its access-log row — for `--samples` numbers: 75% a mother's, 20% a
    child's, 5% unknown. Target (docs/performance.md, Kindboekje): p95 under 20 ms.
(b) the production server (`perinatal serve --prod`, gunicorn) on a loopback port, and
    a client process with `--clients` threads: first "ask first" through the API (sequential
    POST /api/v1/booklets/status), then hand-outs (POST /api/v1/booklets/distributions, Kind en
    Gezin nurses and midwives, each for a family of the day without a booklet) for `--seconds`.
    Target: at least 100 hand-outs per second on this 2-core machine; also the latency p95.
The load average is printed at the start and the end: other work on the machine shows there.
"""

import argparse
import hashlib
import hmac
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, deque
from datetime import date, timedelta

from _support import (
    OUT,
    children_of,
    cpu_seconds,
    free_port,
    load,
    percentile,
    postgres_database,
    production_env,
)

BENCH_DB = "perinatal_bench_booklets"
CHUNK = 50_000  # pregnancies per COPY round (one transaction)
SAMPLE_EVERY = 300  # one mother (and child) in this many keeps the encrypted number copy
INTAKE = "Bench Kind en Gezin intake (API)"  # lead of the families the API bench hands out to
SWITCH = date(2024, 8, 1)

# Bench-only keys: the data holds generated test numbers only, and a rerun must find them again.

# fmt: off
POSTCODES = [
    ("1000", "Brussel"), ("1030", "Schaarbeek"), ("1070", "Anderlecht"),
    ("1080", "Sint-Jans-Molenbeek"), ("1180", "Ukkel"), ("1210", "Sint-Joost-ten-Node"),
    ("2000", "Antwerpen"), ("2300", "Turnhout"), ("2800", "Mechelen"), ("3000", "Leuven"),
    ("3500", "Hasselt"), ("3600", "Genk"), ("1500", "Halle"), ("1800", "Vilvoorde"),
    ("8000", "Brugge"), ("8500", "Kortrijk"), ("9000", "Gent"), ("9300", "Aalst"),
]
GIVEN = ["Amina", "Sarah", "Fatima", "Marie", "Laura", "Nora", "Emma", "Elif", "Ana", "Lotte"]
FAMILY = ["Peeters", "Janssens", "Maes", "El Amrani", "Dubois", "Yilmaz", "Diallo", "Claes"]
CHILD_GIVEN = ["Noor", "Lucas", "Adam", "Mila", "Liam", "Yasmine", "Louis", "Olivia", "Elias"]
LANGUAGES = ['["nl"]', '["fr"]', '["fr", "ar"]', '["nl", "en"]', '["tr", "nl"]', '["ro"]']
# fmt: on

COLUMNS = {
    "pathways_person": "id public_id given_name family_name birth_date national_number_hash "
    "national_number_encrypted no_national_number languages created_at",
    "pathways_pregnancy": "id public_id postcode municipality area_nis languages due_date "
    "registered_on status consent_to_share created_at updated_at pseudonymised_at "
    "lead_organisation_id mother_id partner_id",
    "pathways_birth": "id date place place_name created_at recorded_by_id pregnancy_id",
    "pathways_child": "id public_id given_name family_name birth_date national_number_hash "
    "national_number_encrypted no_national_number birth_order sex nicu_admission nicu_days "
    "birth_id",
    "pathways_careteammember": "id task added_at ended_at added_by_id organisation_id "
    "professional_id pregnancy_id",
    "booklets_booklet": "id public_id child_order handed_out_on channel step in_turn "
    "out_of_turn_reason area_nis voided_on void_reason void_note created_at handed_out_by_id "
    "organisation_id pregnancy_id replaces_id order_id",
}


def prepare_database(postgres_url: str, *, drop: bool) -> str:
    return postgres_database(postgres_url, BENCH_DB, drop=drop)


def number_for(birth_date: date, serial: int) -> str:
    """A valid (generated, not real) national number: the register's check digits."""
    base = f"{birth_date:%y%m%d}{serial:03d}"
    century = "2" if birth_date.year >= 2000 else ""
    return f"{base}{97 - int(century + base) % 97:02d}"


class Serials:
    """The next free serial per birth date (a national number is a birth date and a serial)."""

    def __init__(self) -> None:
        self.used: Counter = Counter()

    def next(self, day: date) -> int:
        self.used[day] += 1
        serial = self.used[day]
        if serial > 997:
            raise RuntimeError("more than 997 generated numbers on one birth date")
        return serial


# --- The organisations and the bench users (with API tokens for the client process).


def organisations() -> dict[str, list]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from perinatal.accounts.constants import ROLE_ORGANISATION_KIND, OrganisationKind
    from perinatal.accounts.models import Organisation, User

    role_of = {kind: role for role, kind in ROLE_ORGANISATION_KIND.items()}
    plan = [
        (OrganisationKind.KIND_EN_GEZIN, "Kind en Gezin team", 10),
        (OrganisationKind.MIDWIFE_PRACTICE, "Vroedvrouwenpraktijk", 8),
        (OrganisationKind.HOSPITAL, "Ziekenhuis", 6),
    ]
    found: dict[str, list] = {}
    for kind, name, count in plan:
        names = [f"Bench {name} {n}" for n in range(1, count + 1)]
        if kind == OrganisationKind.KIND_EN_GEZIN:
            names.append(INTAKE)
        for org_name in names:
            org, _ = Organisation.objects.get_or_create(name=org_name, defaults={"kind": kind})
            user = User.objects.filter(username=f"bench-booklets-{org.pk}").first()
            if user is None:
                user = User(
                    username=f"bench-booklets-{org.pk}",
                    email=f"bench-booklets-{org.pk}@example.org",
                    role=role_of[OrganisationKind(kind)],
                    organisation=org,
                )
                user.set_unusable_password()
                user.save()
                TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
            org.bench_user = user
            found.setdefault("intake" if org_name == INTAKE else kind, []).append(org)
    return found


# --- Generating twelve years of births with their Kindboekjes (COPY).


def tsv(value) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    return str(value)


class Copier:
    """Rows per table for one COPY round, written with the next free ids."""

    def __init__(self, cursor) -> None:
        self.cursor = cursor
        self.rows: dict[str, list[str]] = {table: [] for table in COLUMNS}
        self.next_id = {}
        for table in COLUMNS:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 - fixed names
            self.next_id[table] = cursor.fetchone()[0] + 1
        self.counts: Counter = Counter()

    def add(self, table: str, *values) -> int:
        row_id = self.next_id[table]
        self.next_id[table] += 1
        self.rows[table].append("\t".join(tsv(v) for v in (row_id, *values)))
        return row_id

    def flush(self) -> None:
        for table, rows in self.rows.items():
            if not rows:
                continue
            columns = ", ".join(COLUMNS[table].split())
            with self.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                copy.write("\n".join(rows) + "\n")
            self.counts[table] += len(rows)
            rows.clear()

    def reset_sequences(self) -> None:
        for table in COLUMNS:
            self.cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )


def generate(total_booklets: int, orgs: dict[str, list], *, seed: int = 1500) -> Counter:
    """Pregnancies in due-date order over twelve years and six months ahead, until
    `total_booklets` Kindboekjes are written."""
    from django.conf import settings
    from django.db import connection, transaction
    from django.utils import timezone

    from perinatal.accounts.constants import OrganisationKind as OK
    from perinatal.core import national_number
    from perinatal.core.municipalities import area_for_postcode

    rng = random.Random(seed)
    key = settings.NATIONAL_NUMBER_HASH_KEY.encode()
    today = timezone.localdate()
    now = timezone.now().isoformat()
    first_due, last_due = today.replace(year=today.year - 12), today + timedelta(days=180)
    span = (last_due - first_due).days
    expected_pregnancies = int(total_booklets / 1.02)
    kg, midwives, hospitals = orgs[OK.KIND_EN_GEZIN], orgs[OK.MIDWIFE_PRACTICE], orgs[OK.HOSPITAL]
    areas = {postcode: area_for_postcode(postcode).nis for postcode, _ in POSTCODES}
    mother_serials, child_serials = Serials(), Serials()
    waiting_mothers: deque = deque()  # (last due date, person id) of mothers of a next child
    booklets = pregnancies = 0

    def digest(number: str) -> str:
        return hmac.new(key, number.encode(), hashlib.sha256).hexdigest()

    sample_number = number_for(date(1990, 1, 2), 1)
    assert digest(sample_number) == national_number.lookup_hash(sample_number), "hash key"

    def booklet(copier, pid, order, day, channel, step, org, area, **extra) -> int:
        in_turn = extra.pop("in_turn", True)
        return copier.add(
            "booklets_booklet",
            uuid.uuid4(),
            order,
            day,
            channel,
            step,
            in_turn,
            extra.pop("reason", ""),
            area,
            extra.pop("voided_on", None),
            extra.pop("void_reason", ""),
            "",
            now,
            org.bench_user.pk,
            org.pk,
            pid,
            extra.pop("replaces", None),
            None,
        )

    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET synchronous_commit = off")
        copier = Copier(cursor)
        while booklets < total_booklets:
            with transaction.atomic():
                for _ in range(CHUNK):
                    if booklets >= total_booklets:
                        break
                    due = first_due + timedelta(days=span * pregnancies // expected_pregnancies)
                    due = min(due + timedelta(days=rng.randint(-3, 3)), last_due)
                    pregnancies += 1
                    # The mother: a next child of an earlier mother for about one in six.
                    if waiting_mothers and waiting_mothers[0][0] <= due - timedelta(days=450):
                        mother_id = waiting_mothers.popleft()[1] if rng.random() < 0.5 else None
                    else:
                        mother_id = None
                    if mother_id is None:
                        born_on = due - timedelta(days=rng.randint(18 * 365, 44 * 365))
                        number = number_for(born_on, mother_serials.next(born_on))
                        keep = pregnancies % SAMPLE_EVERY == 0
                        mother_id = copier.add(
                            "pathways_person",
                            uuid.uuid4(),
                            rng.choice(GIVEN),
                            rng.choice(FAMILY),
                            born_on,
                            digest(number),
                            national_number.encrypt(number) if keep else "",
                            "",
                            rng.choice(LANGUAGES),
                            now,
                        )
                    if rng.random() < 0.35:
                        waiting_mothers.append((due, mother_id))
                    postcode, municipality = rng.choice(POSTCODES)
                    area = areas[postcode]
                    is_born = due <= today - timedelta(days=7)
                    registered = due - timedelta(days=rng.randint(150, 250))
                    lead = rng.choice(kg)
                    pid = copier.add(
                        "pathways_pregnancy",
                        uuid.uuid4(),
                        postcode,
                        municipality,
                        area,
                        rng.choice(LANGUAGES),
                        due,
                        registered,
                        "born" if is_born else "ongoing",
                        True,
                        now,
                        now,
                        None,
                        lead.pk,
                        mother_id,
                        None,
                    )
                    copier.add(
                        "pathways_careteammember",
                        "registered the pregnancy",
                        now,
                        None,
                        lead.bench_user.pk,
                        lead.pk,
                        lead.bench_user.pk,
                        pid,
                    )
                    midwife = rng.choice(midwives) if rng.random() < 0.3 else None
                    if midwife is not None:
                        copier.add(
                            "pathways_careteammember", "", now, None, None, midwife.pk, None, pid
                        )
                    # In pregnancy, at the start conversation (most families).
                    start_day = registered + timedelta(days=rng.randint(10, 60))
                    in_pregnancy = start_day <= today and rng.random() < 0.68
                    children = []
                    birth_day = None
                    if is_born:
                        birth_day = min(due + timedelta(days=rng.randint(-21, 10)), today)
                        birth_id = copier.add(
                            "pathways_birth", birth_day, "hospital", "", now, None, pid
                        )
                        for order in range(1, 3 if rng.random() < 0.03 else 2):
                            nicu = rng.random() < 0.06
                            number = number_for(birth_day, child_serials.next(birth_day))
                            keep = (pregnancies + order) % SAMPLE_EVERY == 1
                            copier.add(
                                "pathways_child",
                                uuid.uuid4(),
                                rng.choice(CHILD_GIVEN),
                                rng.choice(FAMILY),
                                birth_day,
                                digest(number),
                                national_number.encrypt(number) if keep else "",
                                "",
                                order,
                                rng.choice("FM"),
                                nicu,
                                rng.randint(2, 40) if nicu else None,
                                birth_id,
                            )
                            children.append((order, nicu))
                        in_pregnancy = in_pregnancy and start_day < birth_day
                    slots = children or [(1, False)]
                    for order, nicu in slots:
                        if order == 1 and in_pregnancy:
                            day, channel, step, org = start_day, "kg_start_conversation", 1, lead
                        elif birth_day is None:
                            continue  # expected child, not yet handed out
                        elif birth_day < SWITCH:
                            org = rng.choice(hospitals)
                            channel = "nicu" if nicu else "maternity_clinic"
                            day, step = birth_day, 2
                        elif nicu and rng.random() < 0.7:
                            day, channel, step, org = birth_day, "nicu", None, rng.choice(hospitals)
                        elif midwife is not None:
                            day = birth_day + timedelta(days=rng.randint(1, 10))
                            channel, step, org = "independent_midwife", 2, midwife
                        else:
                            day = birth_day + timedelta(days=rng.randint(7, 40))
                            channel, step, org = "kg_first_contact_after_birth", 3, lead
                        if day > today:
                            continue
                        # About one in 300 is lost a month later and replaced.
                        lost_on = day + timedelta(days=30)
                        lost = rng.random() < 0.003 and lost_on <= today
                        first = booklet(
                            copier,
                            pid,
                            order,
                            day,
                            channel,
                            step,
                            org,
                            area,
                            voided_on=lost_on if lost else None,
                            void_reason="lost" if lost else "",
                        )
                        booklets += 1
                        if lost:
                            booklet(
                                copier,
                                pid,
                                order,
                                lost_on,
                                channel,
                                None,
                                org,
                                area,
                                in_turn=False,
                                reason="replaces a Kindboekje that was lost",
                                replaces=first,
                            )
                            booklets += 1
                copier.flush()
            print(f"  {booklets:>9} booklets", end="\r", flush=True, file=sys.stderr)
        copier.reset_sequences()
        cursor.execute("SET session_replication_role = DEFAULT")
    copier.counts["pregnancies"] = pregnancies
    return copier.counts


def intake_families(count: int, orgs: dict[str, list]) -> list[str]:
    """`count` families of the day, registered by the intake team, without a Kindboekje: the
    API bench hands out to them (each run makes its own)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from perinatal.core.municipalities import area_for_postcode

    intake = orgs["intake"][0]
    today = timezone.localdate()
    now = timezone.now().isoformat()
    area = area_for_postcode("1080").nis
    ids = []
    with transaction.atomic(), connection.cursor() as cursor:
        copier = Copier(cursor)
        for n in range(count):
            mother_id = copier.add(
                "pathways_person",
                uuid.uuid4(),
                "Intake",
                f"Bench {n}",
                None,
                None,
                "",
                "not_yet_known",
                '["nl"]',
                now,
            )
            public_id = uuid.uuid4()
            pid = copier.add(
                "pathways_pregnancy",
                public_id,
                "1080",
                "Sint-Jans-Molenbeek",
                area,
                '["nl"]',
                today + timedelta(days=120),
                today - timedelta(days=20),
                "ongoing",
                True,
                now,
                now,
                None,
                intake.pk,
                mother_id,
                None,
            )
            copier.add("pathways_careteammember", "", now, None, None, intake.pk, None, pid)
            ids.append(str(public_id))
        copier.flush()
        copier.reset_sequences()
    return ids


# --- (a) Ask first, in this process.


def sample_numbers(rng: random.Random, samples: int) -> list[tuple[str, str]]:
    """(kind, national number): mothers' and children's from their encrypted copies, and
    numbers nobody has (birth dates no generated mother or child has)."""
    from perinatal.core import national_number
    from perinatal.pathways.models import Child, Person

    mothers = list(
        Person.objects.exclude(national_number_encrypted="")
        .order_by("?")
        .values_list("national_number_encrypted", flat=True)[: int(samples * 0.75)]
    )
    children = list(
        Child.objects.exclude(national_number_encrypted="")
        .order_by("?")
        .values_list("national_number_encrypted", flat=True)[: int(samples * 0.20)]
    )
    unknown = [
        number_for(date(1950, 1, 1) + timedelta(days=rng.randint(0, 3000)), rng.randint(1, 997))
        for _ in range(max(samples - len(mothers) - len(children), 1))
    ]
    picked = [("mother", national_number.decrypt(m)) for m in mothers]
    picked += [("child", national_number.decrypt(c)) for c in children]
    picked += [("unknown", n) for n in unknown]
    rng.shuffle(picked)
    return picked


def ask_first(user, numbers: list[tuple[str, str]]) -> dict[str, list[float]]:
    from django.utils import timezone

    from perinatal.booklets.selectors import family_status_by_national_number

    today = timezone.localdate()
    for _, number in numbers[:50]:  # warm up
        family_status_by_national_number(by=user, number=number, on=today)
    times: dict[str, list[float]] = {"all": []}
    found = Counter()
    for kind, number in numbers:
        started = time.perf_counter()
        status = family_status_by_national_number(by=user, number=number, on=today)
        elapsed = (time.perf_counter() - started) * 1000
        times.setdefault(kind, []).append(elapsed)
        times["all"].append(elapsed)
        found[(kind, status is not None)] += 1
    misses = {k: n for (k, ok), n in found.items() if ok != (k != "unknown")}
    if misses:
        print(f"  WARNING: lookups with an unexpected answer: {misses}")
    return times


# --- (b) The production server and the client process.


def start_server(env: dict[str, str], port: int, workers: int | None):
    argv = [sys.executable, "-m", "perinatal", "serve", "--prod", "--bind", f"127.0.0.1:{port}"]
    if workers:
        argv += ["--workers", str(workers)]
    log = open(OUT / "booklets-server.log", "w")  # noqa: SIM115 - closed with the server
    server = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    import http.client

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped (see {log.name})")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server, log
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("the server did not answer /healthz within 90 s")


def cpu_snapshot(server_pid: int, postgres_url: str) -> dict[str, dict[int, float]]:
    """CPU so far of the gunicorn master and workers, and of PostgreSQL's backends serving the
    bench database (same machine)."""
    import psycopg

    with psycopg.connect(f"{postgres_url}/postgres", autocommit=True) as conn:
        backends = [
            row[0]
            for row in conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [BENCH_DB],
            )
        ]
    server = [server_pid, *children_of(server_pid)]
    return {
        "server": {pid: cpu_seconds(pid) for pid in server},
        "postgres": {pid: cpu_seconds(pid) for pid in backends},
    }


def cpu_used(before: dict, after: dict, part: str) -> float:
    return sum(cpu - before[part].get(pid, 0.0) for pid, cpu in after[part].items())


def client_main() -> None:
    """The client process: reads its job as JSON on stdin, answers its measurements."""
    import http.client

    job = json.load(sys.stdin)
    host, port = "127.0.0.1", job["port"]
    tokens, ids = job["tokens"], job["pregnancy_ids"]

    def post(conn, path: str, body: dict, token: str) -> tuple[int, dict]:
        conn.request(
            "POST",
            path,
            json.dumps(body),
            {
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                "Accept-Language": "nl",
            },
        )
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"{}")

    if job["phase"] == "status":  # ask first through the API, one call after the other
        status_ms, status_codes = [], Counter()
        conn = http.client.HTTPConnection(host, port, timeout=30)
        for number in job["numbers"]:
            started = time.perf_counter()
            body = {"national_number": number}
            status, _ = post(conn, "/api/v1/booklets/status", body, tokens[0])
            status_ms.append((time.perf_counter() - started) * 1000)
            status_codes[status] += 1
        conn.close()
        json.dump({"status_ms": status_ms, "status_codes": status_codes}, sys.stdout)
        return

    # Hand-outs from a pool of threads for the given seconds.
    lock = threading.Lock()
    position = iter(range(len(ids)))
    results: list[tuple[int, float]] = []
    errors: Counter = Counter()
    deadline = time.monotonic() + job["seconds"]

    def worker(n: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=60)
        token = tokens[n % len(tokens)]
        while time.monotonic() < deadline:
            with lock:
                index = next(position, None)
            if index is None:
                return
            started = time.perf_counter()
            try:
                status, _ = post(
                    conn, "/api/v1/booklets/distributions", {"pregnancy_id": ids[index]}, token
                )
            except (OSError, http.client.HTTPException, ValueError) as exc:
                with lock:
                    errors[type(exc).__name__] += 1
                conn.close()
                continue
            with lock:
                results.append((status, (time.perf_counter() - started) * 1000))

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(job["clients"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    json.dump(
        {
            "handouts": results,
            "errors": errors,
            "elapsed": elapsed,
            "ran_out": next(position, None) is None,
        },
        sys.stdout,
    )


def run_client(job: dict) -> dict:
    client = subprocess.run(  # noqa: S603 - this script, in client mode
        [sys.executable, __file__, "--client"],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        check=False,
    )
    if client.returncode != 0:
        raise RuntimeError(f"the client process failed: {client.stderr[-2000:]}")
    return json.loads(client.stdout)


def line(label: str, ms: list[float], target: float | None = None) -> bool:
    if len(ms) < 2:
        print(f"{label:44} {len(ms):>6} (too few to measure)")
        return target is None
    p95 = percentile(ms, 95)
    verdict, ok = "", True
    if target is not None:
        ok = p95 < target
        verdict = f"p95 < {target:.0f} ms  {'PASS' if ok else 'FAIL'}"
    print(
        f"{label:44} {len(ms):>6} {statistics.median(ms):>8.2f} {p95:>8.2f} {max(ms):>8.2f}   "
        f"{verdict}"
    )
    return ok


def main() -> None:
    if "--client" in sys.argv:
        client_main()
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["postgres"], default="postgres")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--booklets", type=int, default=1_500_000)
    parser.add_argument("--samples", type=int, default=2000, help="ask-first lookups")
    parser.add_argument("--api-samples", type=int, default=300, help="ask-first API calls")
    parser.add_argument("--seconds", type=float, default=20, help="hand-outs through the API")
    parser.add_argument("--clients", type=int, default=16, help="client threads")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    parser.add_argument("--rebuild", action="store_true", help="drop the data and generate anew")
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    run_started = time.perf_counter()
    print(f"machine at the start: {load()}")

    env = production_env(prepare_database(args.postgres_url, drop=args.rebuild))
    os.environ.update(env)
    OUT.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from perinatal.accounts import tokens as api_tokens
    from perinatal.accounts.constants import OrganisationKind as OK
    from perinatal.booklets.models import Booklet
    from perinatal.pathways.models import Pregnancy

    print(f"database: {connection.vendor} ({BENCH_DB})")
    call_command("migrate", verbosity=0)
    orgs = organisations()
    intake = orgs["intake"][0]
    held = Booklet.objects.exclude(pregnancy__lead_organisation=intake).count()
    if held and abs(held - args.booklets) > 5:  # a generation may end a family past the count
        print(f"the database holds {held} generated booklets, not {args.booklets}: rebuilding")
        connection.close()
        prepare_database(args.postgres_url, drop=True)
        call_command("migrate", verbosity=0)
        orgs = organisations()
        intake = orgs["intake"][0]
        held = 0
    if held:
        print(f"generation: reused the {held} booklets already in the database")
    else:
        started = time.perf_counter()
        counts = generate(args.booklets, orgs)
        print(" " * 40, end="\r", file=sys.stderr)
        print(f"generation: {time.perf_counter() - started:.0f} s (COPY)")
        print("  " + ", ".join(f"{table} {n}" for table, n in counts.items()))
        connection.close()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"vacuum analyze: {time.perf_counter() - started:.1f} s")
    print(f"held: {Booklet.objects.count()} booklets, {Pregnancy.objects.count()} pregnancies")

    verdicts = []
    print(f"\n{'(ms)':44} {'count':>6} {'median':>8} {'p95':>8} {'max':>8}   target")
    # (a) ask first, in process
    numbers = sample_numbers(rng, args.samples)
    asker = orgs[OK.MIDWIFE_PRACTICE][0].bench_user
    times = ask_first(asker, numbers)
    verdicts.append(line("(a) ask first by national number", times["all"], target=20))
    for kind in ("mother", "child", "unknown"):
        line(f"    of which {kind}'s number", times.get(kind, []))

    # (b) the production server
    intake_ids = intake_families(max(int(args.seconds * 400), 2000), orgs)
    handing_out = orgs[OK.KIND_EN_GEZIN][:6] + orgs[OK.MIDWIFE_PRACTICE][:4]
    tokens = [
        api_tokens.token_create(user=o.bench_user, name="bench booklets", days=1)[1]
        for o in handing_out
    ]
    connection.close()
    port = free_port()
    server, log = start_server(dict(os.environ), port, args.workers)
    try:
        job = {
            "port": port,
            "tokens": tokens,
            "pregnancy_ids": intake_ids,
            "numbers": [n for kind, n in numbers if kind != "unknown"][: args.api_samples],
            "seconds": args.seconds,
            "clients": args.clients,
        }
        print(
            f"\nserver: perinatal serve --prod on a loopback port, workers {args.workers or 'default'}"
        )
        result = run_client({**job, "phase": "status"})
        before = cpu_snapshot(server.pid, args.postgres_url)
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result |= run_client({**job, "phase": "handouts"})
        children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        after = cpu_snapshot(server.pid, args.postgres_url)
        cpu = {
            "server": cpu_used(before, after, "server"),
            "postgres": cpu_used(before, after, "postgres"),
            "client": (children_after.ru_utime + children_after.ru_stime)
            - (children_before.ru_utime + children_before.ru_stime),
        }
        load_during = load()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    verdicts.append(line("(b) ask first, POST /booklets/status", result["status_ms"]))
    print(f"    answers: {dict(result['status_codes'])}")
    statuses = Counter(status for status, _ in result["handouts"])
    created = statuses.get(201, 0)
    rate = created / result["elapsed"]
    ms = [m for status, m in result["handouts"] if status == 201]
    line("(b) hand-out, POST /booklets/distributions", ms)
    ok = rate >= 100 and set(statuses) == {201} and not result["errors"]
    verdicts.append(ok)
    print(
        f"    {created} hand-outs in {result['elapsed']:.1f} s with {args.clients} client "
        f"threads: {rate:.0f} per second   target >= 100/s  {'PASS' if ok else 'FAIL'}"
    )
    print(f"    answers: {dict(statuses)}, client errors: {dict(result['errors'])}")
    if result["ran_out"]:
        print("    (the prepared families ran out before the time was up)")
    stored = Booklet.objects.filter(pregnancy__public_id__in=intake_ids).count()
    print(f"    booklets stored for these families: {stored} (answers 201: {created})")
    verdicts.append(stored == created)
    print(f"    machine during the hand-outs: {load_during}")
    if created:
        per = {part: seconds * 1000 / created for part, seconds in cpu.items()}
        total_ms = sum(per.values())
        print(
            "    CPU per hand-out: "
            + ", ".join(f"{part} {ms:.1f} ms" for part, ms in per.items())
            + f"; {total_ms:.1f} ms in all, so {os.cpu_count()} idle cores would carry about "
            f"{os.cpu_count() * 1000 / total_ms:.0f} hand-outs per second"
        )

    total = time.perf_counter() - run_started
    verdict = "all targets met" if all(verdicts) else "TARGETS NOT MET"
    print(f"\n{verdict}; whole run {total:.0f} s; machine at the end: {load()}")


if __name__ == "__main__":
    main()
