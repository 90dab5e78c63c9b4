"""Directory search latency: through HTTP against the bare search, on SQLite or PostgreSQL.

    .venv/bin/python bench/directory_search.py --db sqlite
    .venv/bin/python bench/directory_search.py --db postgres [--postgres-url postgres://…]

Creates a separate database (bench/out/directory_search.sqlite3, or the PostgreSQL database
`perinatal_bench`, dropped and created again), migrates it, loads the Brussels directory and
20,000 generated services beside it, reindexes, starts gunicorn with the production settings on
a free port of 127.0.0.1, then for a fixed set of Dutch and French questions measures
(a) `GET /api/v1/services?q=…&lang=…` and (b) the bare `search()` call in this process,
each repeated `--repeat` times, and prints p50/p95 of both and their ratio.
Target: HTTP p95 under 50 ms and under 2x the bare search. Only loopback traffic.
"""

import argparse
import http.client
import os
import random
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from _support import OUT, ROOT, percentile, postgres_database

BENCH_DB = "perinatal_bench"

QUESTIONS = [
    ("borstvoeding", "nl"),
    ("perinatale rouw", "nl"),
    ("zwanger", "nl"),
    ("kraamzorg", "nl"),
    ("vroedvrouw aan huis", "nl"),
    ("borstvoedng", "nl"),  # typo
    ("hulp bij opvoeding", "nl"),
    ("psychologische steun na de bevalling", "nl"),
    ("gratis consultatie", "nl"),
    ("kinderopvang", "nl"),
    ("deuil", "fr"),
    ("allaitement", "fr"),
    ("grossesse", "fr"),
    ("sage-femme", "fr"),
    ("allaitment", "fr"),  # typo
    ("soutien psychologique", "fr"),
    ("maison de naissance", "fr"),
    ("consultation prénatale", "fr"),
    ("aide matérielle", "fr"),
    ("accouchement à domicile", "fr"),
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


def generate(count: int, seed: int = 1000) -> None:
    """`count` services with organisations, phases, needs, languages and an address each."""
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

    rng = random.Random(seed)
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
            for n in range(max(count // 10, 1))
        )
        services, phases, needs, spoken, locations, addresses, links = [], [], [], [], [], [], []
        for n in range(count):
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


def http_get(port: int, path: str) -> tuple[float, int]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--services", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=50, help="repetitions per question (≤ 500)")
    args = parser.parse_args()
    repeat = max(5, min(args.repeat, 500))

    env = {
        **os.environ,
        "DATABASE_URL": prepare_database(args.db, args.postgres_url),
        "DJANGO_SETTINGS_MODULE": "perinatal.conf.production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "false",
        "LOG_LEVEL": "WARNING",
        "PERINATAL_HOME": str(OUT),
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from perinatal.directory.models import Service
    from perinatal.directory.search.index import reindex_services
    from perinatal.directory.search.query import SearchQuery, search
    from perinatal.directory.selectors import services_search

    print(f"database: {connection.vendor} ({env['DATABASE_URL']})")
    call_command("migrate", verbosity=0)
    try:
        call_command("directory", "load-brussels", stdout=open(os.devnull, "w"))  # noqa: SIM115
        real = Service.objects.count()
    except Exception as exc:  # noqa: BLE001 - the bench runs without the real data too
        print(f"Brussels directory not loaded ({exc}); generated services only")
        real = 0
    real_words()
    print(f"word lists: {len(TEXT_WORDS['nl'])} nl, {len(TEXT_WORDS['fr'])} fr (with repeats)")
    started = time.perf_counter()
    generate(args.services)
    print(
        f"services: {real} real + {args.services} generated in {time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    documents = reindex_services()
    print(f"reindex: {documents} documents in {time.perf_counter() - started:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    connection.close()

    port = free_port()
    server = start_server(env, port)
    print(f"server: gunicorn, 1 worker, http://127.0.0.1:{port}")
    http_all, bare_all, selector_all = [], [], []
    print(
        f"\n{'question':38} {'lang':4} {'count':>6} "
        f"{'bare p50':>9} {'bare p95':>9} {'sel p50':>9} {'http p50':>9} {'http p95':>9}"
    )
    try:
        for question, lang in QUESTIONS:
            path = "/api/v1/services?" + urllib.parse.urlencode({"q": question, "lang": lang})
            query = SearchQuery(text=question, lang=lang)
            for _ in range(3):  # warm up both sides
                http_get(port, path)
                search(query, limit=20)
            http_ms, bare_ms, selector_ms = [], [], []
            for _ in range(repeat):
                elapsed, status = http_get(port, path)
                if status != 200:
                    raise SystemExit(f"{path}: HTTP {status}")
                http_ms.append(elapsed)
                started = time.perf_counter()
                page = search(query, limit=20)
                bare_ms.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                services_search(query, limit=20)  # the search plus loading the services shown
                selector_ms.append((time.perf_counter() - started) * 1000)
            http_all += http_ms
            bare_all += bare_ms
            selector_all += selector_ms
            print(
                f"{question:38} {lang:4} {page.count:>6} "
                f"{percentile(bare_ms, 50):>9.2f} {percentile(bare_ms, 95):>9.2f} "
                f"{percentile(selector_ms, 50):>9.2f} "
                f"{percentile(http_ms, 50):>9.2f} {percentile(http_ms, 95):>9.2f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)

    bare50, bare95 = percentile(bare_all, 50), percentile(bare_all, 95)
    http50, http95 = percentile(http_all, 50), percentile(http_all, 95)
    print(f"\nall questions, {repeat} repetitions each (ms):")
    print(f"  bare search()           p50 {bare50:7.2f}   p95 {bare95:7.2f}")
    print(
        f"  selector (+ details)    p50 {percentile(selector_all, 50):7.2f}   "
        f"p95 {percentile(selector_all, 95):7.2f}"
    )
    print(f"  GET /api/v1/services    p50 {http50:7.2f}   p95 {http95:7.2f}")
    print(f"  ratio http/bare         p50 {http50 / bare50:7.2f}   p95 {http95 / bare95:7.2f}")
    verdict = "met" if http95 < 50 and http95 < 2 * bare95 else "NOT met"
    print(f"  target (p95 < 50 ms and < 2x bare): {verdict}")


if __name__ == "__main__":
    main()
