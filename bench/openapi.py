"""The OpenAPI document against the health check: wall and CPU time per request, once the
document is built.

    .venv/bin/python bench/openapi.py [--requests 300] [--cold 5]

In this process (production settings, an empty SQLite database at bench/out/openapi.sqlite3:
`/healthz` only asks it `SELECT 1`), through django.test.Client, anonymous: one warm-up call of
each, then `--requests` calls of `GET /healthz` and of `GET /api/v1/openapi.json`, interleaved,
each timed with time.perf_counter (wall) and time.process_time (CPU). Then `--cold` calls of
the document with the kept copy dropped before each (what every call cost before the document
was kept), and conditional calls with the ETag (304).
Target (API plumbing issue): the document within 2× of `/healthz` after the first call.
"""

import argparse
import logging
import os
import secrets
import statistics
import time
from collections.abc import Callable

from _support import FERNET_KEY, HASH_KEY, OUT, load, percentile


def timed(call: Callable[[], int]) -> tuple[float, float]:
    """(wall ms, CPU ms) of one call; a status other than 200 or 304 fails the bench."""
    wall, cpu = time.perf_counter(), time.process_time()
    status = call()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert status in (200, 304), f"answered {status}"
    return wall * 1000, cpu * 1000


def summary(label: str, samples: list[tuple[float, float]]) -> tuple[float, float]:
    walls = [w for w, _ in samples]
    cpus = [c for _, c in samples]
    median, cpu = statistics.median(walls), statistics.mean(cpus)
    p95 = percentile(walls, 95) if len(walls) >= 2 else walls[0]
    cpu_median = statistics.median(cpus)
    print(f"{label:50} {len(walls):>5} {median:>9.2f} {p95:>9.2f} {cpu_median:>9.2f} {cpu:>9.2f}")
    return median, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="calls of each, measured")
    parser.add_argument("--cold", type=int, default=5, help="calls that rebuild the document")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    env = {
        "DATABASE_URL": f"sqlite:///{OUT / 'openapi.sqlite3'}",
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
    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    from django.test import Client

    from perinatal.api.v1 import api

    client = Client(raise_request_exception=False)

    def healthz() -> int:
        return client.get("/healthz").status_code

    def document() -> int:
        return client.get("/api/v1/openapi.json").status_code

    print(f"machine: {load()} at the start")
    first = timed(document)
    print(f"first call of the document (builds it): {first[0]:.0f} ms wall, {first[1]:.0f} ms CPU")
    timed(healthz)

    health, docs = [], []
    for _ in range(args.requests):
        health.append(timed(healthz))
        docs.append(timed(document))
    size = len(client.get("/api/v1/openapi.json").content)
    etag = client.get("/api/v1/openapi.json")["ETag"]

    def conditional() -> int:
        return client.get("/api/v1/openapi.json", HTTP_IF_NONE_MATCH=etag).status_code

    not_modified = [timed(conditional) for _ in range(args.requests)]

    def rebuilt() -> int:
        api.forget_openapi_documents()
        return document()

    cold = [timed(rebuilt) for _ in range(args.cold)]

    print(
        f"\n{'ms per request':50} {'n':>5} {'wall p50':>9} {'wall p95':>9} {'CPU p50':>9} {'CPU mean':>9}"
    )
    h_wall, h_cpu = summary("GET /healthz", health)
    d_wall, d_cpu = summary(f"GET /api/v1/openapi.json (kept, {size:,} bytes)", docs)
    summary("GET /api/v1/openapi.json, If-None-Match (304)", not_modified)
    c_wall, c_cpu = summary("GET /api/v1/openapi.json, rebuilt (as before)", cold)
    ratio_wall, ratio_cpu = d_wall / h_wall, d_cpu / h_cpu
    print(f"\nratio document / healthz: wall p50 {ratio_wall:.2f}×, CPU mean {ratio_cpu:.2f}×")
    print(f"rebuilt / kept: wall {c_wall / d_wall:.0f}×, CPU {c_cpu / d_cpu:.0f}×")
    verdict = "target met" if max(ratio_wall, ratio_cpu) <= 2 else "TARGET MISSED"
    print(f"{verdict} (within 2× of /healthz); {load()} at the end")


if __name__ == "__main__":
    main()
