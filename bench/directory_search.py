"""Directory search speed as the directory grows: the HTML result page and the API against the
bare search, on SQLite and PostgreSQL, at 20,000 and 100,000 services, in one run.

    .venv/bin/python bench/directory_search.py                 # both databases, 20k and 100k
    .venv/bin/python bench/directory_search.py --db sqlite --sizes 20000 --repeat 20

Per database (a child process each: bench/out/directory_search.sqlite3, or the PostgreSQL
database `perinatal_bench`, dropped and created again): migrate, load the Brussels directory,
generate services beside it up to the first size, reindex, start gunicorn with the production
settings on a free loopback port, then for a fixed set of questions (the most common words of
the directory among them, some with filters) measure, `--repeat` times each:
  - bare:  `search()` in this process (the ids of one page and the count);
  - api:   `GET /api/v1/services?q=...` (20 per page);
  - page:  `GET /<lang>/directory/?q=...` (the HTML result list, 20 per page);
with the server's CPU time per request (gunicorn worker and, on PostgreSQL, its database
backend) beside the wall time. Then grow to the next size and measure again.
Targets (issue 13): api p95 < 50 ms for every question; page p95 <= 1.5x the api's; both
<= 2x the bare search. Only loopback traffic; every loop is bounded.
"""

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import time
import urllib.parse
from functools import partial
from pathlib import Path

from _support import (
    OUT,
    ROOT,
    children_of,
    cpu_seconds,
    free_port,
    load,
    percentile,
    postgres_database,
    production_env,
)

BENCH_DB = "perinatal_bench"

QUESTIONS: list[tuple[str, str, dict]] = [
    ("borstvoeding", "nl", {}),
    ("perinatale rouw", "nl", {}),
    ("zwanger", "nl", {}),  # among the most common words of the directory
    ("zorg", "nl", {}),
    ("kraamzorg", "nl", {}),
    ("vroedvrouw aan huis", "nl", {}),
    ("borstvoedng", "nl", {}),  # typo
    ("hulp bij opvoeding", "nl", {}),
    ("psychologische steun na de bevalling", "nl", {}),
    ("kinderopvang", "nl", {}),
    ("zwanger", "nl", {"phase": "prenatal"}),
    ("steun", "nl", {"place": "1080"}),
    ("", "nl", {"place": "Schaarbeek"}),
    ("deuil", "fr", {}),
    ("allaitement", "fr", {}),
    ("grossesse", "fr", {}),
    ("soins", "fr", {}),
    ("sage-femme", "fr", {}),
    ("allaitment", "fr", {}),  # typo
    ("soutien psychologique", "fr", {}),
    ("accouchement à domicile", "fr", {}),
    ("aide", "fr", {"need": "material_help"}),
    ("grossesse", "fr", {"place": "Ixelles"}),
]

WORDS = {
    "nl": [
        "zwangerschap",
        "zwangere",
        "borstvoeding",
        "borstvoedingsconsulente",
        "kraamzorg",
        "vroedvrouw",
        "bevalling",
        "geboorte",
        "baby",
        "ouders",
        "moeder",
        "vader",
        "gezin",
        "opvoeding",
        "ondersteuning",
        "steun",
        "hulp",
        "begeleiding",
        "consultatie",
        "gratis",
        "sociaal",
        "tarief",
        "perinatale",
        "rouw",
        "verlies",
        "miskraam",
        "psychologische",
        "gezondheid",
        "verslaving",
        "kinderopvang",
        "kinderbijslag",
        "geweld",
        "materiële",
        "administratieve",
        "thuis",
        "huisbezoek",
        "ziekenhuis",
        "prenatale",
        "postnatale",
        "vroeggeboorte",
        "neonatale",
        "zorg",
        "informatie",
        "groepssessie",
        "oefeningen",
        "kinesitherapie",
        "voeding",
        "slaap",
        "inentingen",
        "vaccinatie",
        "gezondheidscentrum",
        "wijkgezondheidscentrum",
        "vertaling",
        "tolk",
        "migranten",
        "vluchtelingen",
        "alleenstaande",
        "jonge",
        "mama",
        "papa",
        "eerste",
        "duizend",
        "dagen",
    ],
    "fr": [
        "grossesse",
        "enceinte",
        "allaitement",
        "consultante",
        "sage-femme",
        "accouchement",
        "naissance",
        "bébé",
        "parents",
        "mère",
        "père",
        "famille",
        "parentalité",
        "soutien",
        "aide",
        "accompagnement",
        "consultation",
        "gratuit",
        "tarif",
        "social",
        "deuil",
        "périnatal",
        "perte",
        "fausse",
        "couche",
        "psychologique",
        "santé",
        "mentale",
        "dépendance",
        "crèche",
        "allocations",
        "familiales",
        "violence",
        "matérielle",
        "administrative",
        "domicile",
        "visite",
        "hôpital",
        "prénatale",
        "postnatale",
        "prématurité",
        "néonatale",
        "soins",
        "information",
        "séance",
        "groupe",
        "exercices",
        "kinésithérapie",
        "alimentation",
        "sommeil",
        "vaccination",
        "maison",
        "médicale",
        "traduction",
        "interprète",
        "migrants",
        "réfugiés",
        "monoparentale",
        "jeune",
        "maman",
        "papa",
        "premiers",
        "mille",
        "jours",
    ],
}
PLACES = [
    ("1000", "Brussel", "Bruxelles"),
    ("1030", "Schaarbeek", "Schaerbeek"),
    ("1050", "Elsene", "Ixelles"),
    ("1060", "Sint-Gillis", "Saint-Gilles"),
    ("1070", "Anderlecht", "Anderlecht"),
    ("1080", "Sint-Jans-Molenbeek", "Molenbeek-Saint-Jean"),
    ("1140", "Evere", "Evere"),
    ("1190", "Vorst", "Forest"),
    ("1210", "Sint-Joost-ten-Node", "Saint-Josse-ten-Noode"),
]


def prepare_database(db: str, postgres_url: str) -> str:
    """A fresh, empty database for the bench; returns its DATABASE_URL."""
    if db == "sqlite":
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / "directory_search.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    return postgres_database(postgres_url, BENCH_DB, drop=True, force=False)


TEXT_WORDS = dict(WORDS)  # replaced by the words of the real directory when it is loaded


def real_words() -> None:
    """Word lists drawn from the real directory's texts, with their real frequencies, plus the
    perinatal terms above (one word in ten), so generated text reads like the real entries."""
    import re

    from perinatal.directory.models import Service

    for lang in ("nl", "fr"):
        found = []
        fields = [f"{f}_{lang}" for f in ("name", "description", "eligibility_description")]
        for row in Service.objects.values_list(*fields):
            found += re.findall(r"[^\W\d_]{2,}", " ".join(filter(None, row)).lower())
        if len(found) > 1000:
            TEXT_WORDS[lang] = found + WORDS[lang] * max(1, len(found) // (10 * len(WORDS[lang])))


def sentence(rng: random.Random, lang: str, n: int) -> str:
    return " ".join(rng.choice(TEXT_WORDS[lang]) for _ in range(n)).capitalize() + "."


def generate(count: int, first: int = 0, seed: int = 1000) -> list:
    """`count` more services (numbered from `first`) with organisations, phases, needs,
    languages and an address each; returns their ids."""
    from django.db import transaction

    from perinatal.directory.constants import CostCategory, Need, Phase
    from perinatal.directory.models import (
        Address,
        Location,
        Organization,
        Service,
        ServiceAtLocation,
        ServiceLanguage,
        TaxonomyTerm,
    )

    rng = random.Random(seed + first)
    terms = {}
    for taxonomy, choices in ((TaxonomyTerm.PHASE, Phase), (TaxonomyTerm.NEED, Need)):
        for position, (code, label) in enumerate(choices.choices):
            term, _ = TaxonomyTerm.objects.get_or_create(
                taxonomy=taxonomy,
                code=code,
                defaults={"name": label, "name_nl": label, "name_fr": label, "position": position},
            )
            terms.setdefault(taxonomy, []).append(term)
    with transaction.atomic():
        organizations = Organization.objects.bulk_create(
            Organization(
                name=f"Organisatie {n}",
                name_nl=f"Organisatie {rng.choice(WORDS['nl'])} {n}",
                name_fr=f"Organisation {rng.choice(WORDS['fr'])} {n}",
            )
            for n in range(first, first + max(count // 10, 1))
        )
        services, phases, needs, spoken, locations, addresses, links = [], [], [], [], [], [], []
        for n in range(first, first + count):
            name_nl = f"{sentence(rng, 'nl', 2)[:-1]} {n}"
            service = Service(
                organization=rng.choice(organizations),
                name=name_nl,
                name_nl=name_nl,
                name_fr=f"{sentence(rng, 'fr', 2)[:-1]} {n}",
                description_nl=sentence(rng, "nl", rng.randint(15, 40)),
                description_fr=sentence(rng, "fr", rng.randint(15, 40)),
                eligibility_description_nl=sentence(rng, "nl", rng.randint(0, 10)),
                eligibility_description_fr=sentence(rng, "fr", rng.randint(0, 10)),
                cost_category=rng.choice(CostCategory.values),
                programme_1000_days=rng.random() < 0.2,
            )
            services.append(service)
            for term in rng.sample(terms[TaxonomyTerm.PHASE], rng.randint(1, 2)):
                phases.append(Service.phases.through(service=service, taxonomyterm=term))
            for term in rng.sample(terms[TaxonomyTerm.NEED], rng.randint(0, 3)):
                needs.append(Service.needs.through(service=service, taxonomyterm=term))
            for code in rng.sample(["nl", "fr", "en", "ar", "tr", "es"], rng.randint(1, 3)):
                spoken.append(ServiceLanguage(service=service, code=code))
            postcode, city_nl, city_fr = rng.choice(PLACES)
            location = Location(organization=service.organization, name=name_nl)
            locations.append(location)
            addresses.append(
                Address(
                    location=location,
                    address_1=f"Straat {n}",
                    postal_code=postcode,
                    city=city_nl,
                    city_nl=city_nl,
                    city_fr=city_fr,
                )
            )
            links.append(ServiceAtLocation(service=service, location=location))
        for model, rows in (
            (Service, services),
            (Service.phases.through, phases),
            (Service.needs.through, needs),
            (ServiceLanguage, spoken),
            (Location, locations),
            (Address, addresses),
            (ServiceAtLocation, links),
        ):
            model.objects.bulk_create(rows, batch_size=2000)
    return [service.id for service in services]


def http_get(port: int, path: str) -> tuple[float, int]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Accept-Language": "nl"})
    response = conn.getresponse()
    response.read()
    conn.close()
    return (time.perf_counter() - started) * 1000, response.status


def start_server(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "perinatal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if http_get(port, "/healthz")[1] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


def server_processes(server: subprocess.Popen, database: str) -> list[int]:
    """The gunicorn worker(s) and, on PostgreSQL, the database backends serving the bench."""
    pids = children_of(server.pid)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [database],
            )
            pids += [row[0] for row in cursor.fetchall()]
    return pids


def paths(question: str, lang: str, filters: dict) -> tuple[str, str]:
    """(the API's address, the HTML page's address) of one question."""
    api = urllib.parse.urlencode({"q": question, "lang": lang, "per_page": 20, **filters})
    page = urllib.parse.urlencode({"q": question, **filters})
    return f"/api/v1/services?{api}", f"/{lang}/?{page}"


def bare_query(question: str, lang: str, filters: dict):
    from perinatal.core.municipalities import find_place
    from perinatal.directory.search.query import SearchQuery

    places = tuple(m.nis for m in find_place(filters["place"])) if "place" in filters else ()
    return SearchQuery(
        text=question,
        lang=lang,
        phases=(filters["phase"],) if "phase" in filters else (),
        needs=(filters["need"],) if "need" in filters else (),
        places=places,
    )


def measure(port: int, processes, repeat: int, size: int) -> dict:
    """Every question `repeat` times on each of the three ways; prints a table, returns the
    summary of this size. `processes()`: the server's processes now (a database connection
    is renewed after a minute, and with it its backend)."""
    from perinatal.directory.search.query import search

    print(
        f"\n{size:,} generated services. Per question, ms (p50 / p95); server CPU ms per request\n"
        f"{'question':34} {'lang':4} {'count':>7}  {'bare':>13}  {'api':>13}  {'page':>13}"
        f"  {'cpu api':>7} {'cpu page':>8}"
    )
    samples: dict[str, list[float]] = {"bare": [], "api": [], "page": []}
    cpu = {"api": 0.0, "page": 0.0}
    worst = {"api": 0.0, "page": 0.0, "bare": 0.0}
    for question, lang, filters in QUESTIONS:
        api_path, page_path = paths(question, lang, filters)
        query = bare_query(question, lang, filters)
        for _ in range(3):  # warm up every side
            http_get(port, api_path)
            http_get(port, page_path)
            search(query, limit=20)
        mine: dict[str, list[float]] = {"bare": [], "api": [], "page": []}
        spent = {}
        for way, path in (("api", api_path), ("page", page_path)):
            http_get(port, path)  # the connection the loop will use
            serving = processes()
            before = {pid: cpu_seconds(pid) for pid in serving}
            for _ in range(repeat):
                elapsed, status = http_get(port, path)
                if status != 200:
                    raise SystemExit(f"{path}: HTTP {status}")
                mine[way].append(elapsed)
            # Only the processes alive at both ends (a database connection renewed meanwhile
            # would count as negative time); the new backend's share is then left out.
            after = {pid: cpu_seconds(pid) for pid in processes()}
            used = sum(after[pid] - before[pid] for pid in before if pid in after)
            spent[way] = used * 1000 / repeat
            cpu[way] += spent[way]
        for _ in range(repeat):
            started = time.perf_counter()
            answer = search(query, limit=20)
            mine["bare"].append((time.perf_counter() - started) * 1000)
        for way in samples:
            samples[way] += mine[way]
            worst[way] = max(worst[way], percentile(mine[way], 95))
        shown = question + (
            f" [{','.join(f'{k}={v}' for k, v in filters.items())}]" if filters else ""
        )
        print(
            f"{shown[:34]:34} {lang:4} {answer.count:>7}  "
            + "  ".join(
                f"{percentile(mine[w], 50):6.1f}/{percentile(mine[w], 95):6.1f}"
                for w in ("bare", "api", "page")
            )
            + f"  {spent['api']:7.1f} {spent['page']:8.1f}"
        )
    n = len(QUESTIONS)
    summary = {
        "size": size,
        **{f"{w}_p50": percentile(samples[w], 50) for w in samples},
        **{f"{w}_p95": percentile(samples[w], 95) for w in samples},
        **{f"worst_{w}_p95": worst[w] for w in worst},
        "cpu_api": cpu["api"] / n,
        "cpu_page": cpu["page"] / n,
    }
    print(
        f"all questions: bare p95 {summary['bare_p95']:.1f}, api p95 {summary['api_p95']:.1f}, "
        f"page p95 {summary['page_p95']:.1f} ms; worst question's p95: api "
        f"{worst['api']:.1f}, page {worst['page']:.1f} ms; server CPU per request: api "
        f"{summary['cpu_api']:.1f}, page {summary['cpu_page']:.1f} ms"
    )
    return summary


def verdict(summary: dict) -> str:
    checks = {
        "api p95 < 50 ms for every question": summary["worst_api_p95"] < 50,
        "page p95 <= 1.5x api p95": summary["page_p95"] <= 1.5 * summary["api_p95"],
        "api p95 <= 2x bare p95": summary["api_p95"] <= 2 * summary["bare_p95"],
        "page p95 <= 2x bare p95": summary["page_p95"] <= 2 * summary["bare_p95"],
    }
    return "; ".join(f"{name}: {'met' if ok else 'NOT met'}" for name, ok in checks.items())


def run_one(db: str, sizes: list[int], repeat: int, postgres_url: str) -> None:
    """One database: build, grow through `sizes`, measure at each; prints a JSON line per size."""
    url = prepare_database(db, postgres_url)
    env = {**os.environ, **production_env(url)}
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from perinatal.directory.models import Service
    from perinatal.directory.search.index import reindex_services

    print(f"database: {connection.vendor}; {load()}")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)  # the pages' manifest
    call_command("directory", "load-brussels", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"Brussels directory: {Service.objects.count()} services")
    real_words()
    generated = 0
    for size in sorted(sizes):
        started = time.perf_counter()
        ids = generate(size - generated, first=generated)
        generated = size
        built = time.perf_counter() - started
        started = time.perf_counter()
        documents = reindex_services(ids)
        print(
            f"grown to {size:,} generated services in {built:.0f} s; {documents:,} documents "
            f"indexed in {time.perf_counter() - started:.0f} s"
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        connection.close()
        port = free_port()
        server = start_server(env, port)
        try:
            http_get(port, "/healthz")
            summary = measure(port, partial(server_processes, server, BENCH_DB), repeat, size)
        finally:
            server.terminate()
            server.wait(timeout=10)
        print(f"{db} at {size:,}: {verdict(summary)}")
        print("RESULT " + json.dumps({"db": db, **summary}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--sizes", default="20000,100000", help="generated services, comma-separated"
    )
    parser.add_argument("--repeat", type=int, default=20, help="repetitions per question (5-500)")
    args = parser.parse_args()
    repeat = max(5, min(args.repeat, 500))
    sizes = sorted({max(100, min(int(s), 500_000)) for s in args.sizes.split(",") if s.strip()})
    if args.db != "both":
        run_one(args.db, sizes, repeat, args.postgres_url)
        return
    started = time.perf_counter()
    results = []
    for db in ("sqlite", "postgres"):
        child = subprocess.Popen(
            [
                sys.executable,
                "-u",  # unbuffered: each line as it is printed
                __file__,
                "--db",
                db,
                "--sizes",
                args.sizes,
                "--repeat",
                str(repeat),
                "--postgres-url",
                args.postgres_url,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        for line in child.stdout:  # as the child prints it, so a long run shows its progress
            if line.startswith("RESULT "):
                results.append(json.loads(line.removeprefix("RESULT ")))
            else:
                print(line, end="", flush=True)
        if child.wait():
            raise SystemExit(f"the {db} run failed")
    print(f"\nsummary (one run, {repeat} repetitions per question; ms; {load()})")
    print(
        f"{'db':9} {'services':>9} {'bare p95':>9} {'api p95':>8} {'page p95':>9} "
        f"{'worst api':>9} {'page/api':>8} {'api/bare':>8} {'page/bare':>9} "
        f"{'cpu api':>7} {'cpu page':>8}"
    )
    for r in results:
        print(
            f"{r['db']:9} {r['size']:>9,} {r['bare_p95']:9.1f} {r['api_p95']:8.1f} "
            f"{r['page_p95']:9.1f} {r['worst_api_p95']:9.1f} "
            f"{r['page_p95'] / r['api_p95']:8.2f} {r['api_p95'] / r['bare_p95']:8.2f} "
            f"{r['page_p95'] / r['bare_p95']:9.2f} {r['cpu_api']:7.1f} {r['cpu_page']:8.1f}"
        )
        print(f"  {verdict(r)}")
    print(f"bench: {time.perf_counter() - started:.0f} s wall")


if __name__ == "__main__":
    main()
