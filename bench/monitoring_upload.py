"""Monitoring: a large upload through a real server and a real task worker (issue 12), beside
PostgreSQL's own COPY of the same file.

    .venv/bin/python bench/monitoring_upload.py [--rows 3000000] [--quick] [--services 100]

Runs against the PostgreSQL database of DATABASE_URL (migrated, not emptied), or a scratch
database it makes afresh (`perinatal_bench_upload` on --postgres-url), with the production
settings and keys generated for the run. Generates bench/out/monitoring_upload/upload-N.csv:
N valid dossier rows of last work year from --services services, grouped by service as a
service's own export is (`,` and decimal point, UTF-8, NIS codes; 3,000,000 rows are about
190 MB, under the 200 MB limit of one file).

(a) The upload: `perinatal serve --prod` (gunicorn, 2 workers) on a loopback port; the file is
    sent as multipart (as the page sends it) to `POST /api/v1/monitoring/submissions` with an
    analyst's token, streamed from disk. Measured: the request's time and the peak resident
    memory (VmHWM of /proc/<pid>/status) of the gunicorn workers. Target: < 200 MB.
(b) The import: a `perinatal worker` process, started before the upload, takes the job.
    Measured: its peak resident memory, the rows per second (the job's start to its end), and
    the CPU time of the import: the worker's user + system time (/proc/<pid>/stat) and that of
    the PostgreSQL backends serving the bench database (the server is local; sampled every
    50 ms, a backend that ends is counted up to its last sample), with the idle worker's own
    polling subtracted. Split at the stage "summing" into reading, checking and storing the
    rows, and computing the year's figures (the snapshot the import keeps).
(c) The reference: `COPY scratch FROM STDIN (FORMAT csv, HEADER)` of the same file through
    psycopg into a plain table of the file's nine columns typed as the values are
    (smallint, varchar, boolean, numeric; no index, no constraint). Measured: the CPU time of
    the client (this process) and of its backend.

The ratio printed is COPY's CPU time ÷ the import's CPU time (client + server each): the
import's throughput per CPU second as a fraction of COPY's. Target (issue 12): >= 0.15.
"""

import argparse
import json
import os
import random
import resource
import secrets
import subprocess
import sys
import threading
import time
import uuid
from datetime import date
from pathlib import Path

from _support import (
    FERNET_KEY,
    HASH_KEY,
    OUT,
    children_of,
    cpu_seconds,
    free_port,
    load,
    postgres_database,
)

from perinatal.core.processes import stop_process_groups

ROOT = OUT / "monitoring_upload"
BENCH_DB = "perinatal_bench_upload"
AREAS = ["10000", "70000", "40000", "20001", "30000", "04000"]
AREA_WEIGHTS = [20, 12, 26, 17, 23, 2]
HEADER = (
    "work_year,service_id,service_name,service_sector,dossier_id,family_id,province,newborn,hours\n"
)


# --- the file -------------------------------------------------------------------------------


def generate(rows: int, services: int, year: int) -> Path:
    """The upload (reused when it exists with this size)."""
    ROOT.mkdir(parents=True, exist_ok=True)
    path = ROOT / f"upload-{rows}-{services}-{year}.csv"
    if path.exists():
        return path
    rng = random.Random(12)
    partial = path.with_suffix(".partial")
    per_service = -(-rows // services)
    with partial.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        written = 0
        for service in range(1, services + 1):
            sector = "public" if service % 10 == 0 else "private"
            lines = []
            for n in range(min(per_service, rows - written)):
                newborn = rng.random() < 0.12
                hours = rng.randint(4, 240) * 0.25 if newborn else rng.randint(4, 1600) * 0.25
                area = rng.choices(AREAS, weights=AREA_WEIGHTS)[0]
                lines.append(
                    f"{year},B-{service:04d},Dienst {service:04d},{sector},D{n:07d},"
                    f"F{rng.randrange(rows):08d},{area},{1 if newborn else 0},{hours:g}\n"
                )
            out.writelines(lines)
            written += len(lines)
    partial.rename(path)
    return path


class MultipartBody:
    """A multipart/form-data body with one file field, read from disk a block at a time."""

    def __init__(self, path: Path, field: str = "file") -> None:
        self.boundary = uuid.uuid4().hex
        self.head = (
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{path.name}"\r\nContent-Type: text/csv\r\n\r\n'
        ).encode()
        self.tail = f"\r\n--{self.boundary}--\r\n".encode()
        self.path = path
        self.length = len(self.head) + path.stat().st_size + len(self.tail)

    def __iter__(self):
        yield self.head
        with self.path.open("rb") as data:
            while block := data.read(1 << 20):
                yield block
        yield self.tail


# --- processes and their figures --------------------------------------------------------------


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class BackendMeter:
    """The CPU time of the database's backends (but the meter's own) between start and stop,
    sampled every `interval` seconds from /proc, each backend up to its last sample."""

    def __init__(self, url: str, database: str, interval: float = 0.05) -> None:
        import psycopg

        self.conn = psycopg.connect(url, autocommit=True)
        self.database = database
        self.ignored: set[int] = set()  # the bench's own sessions
        self.interval = interval
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.marks: dict[str, float] = {}
        self.started = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        pids = self.conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [self.database],
        ).fetchall()
        for (pid,) in pids:
            if pid in self.ignored:
                continue
            try:
                used = cpu_seconds(pid)
            except (OSError, ValueError):
                continue
            self.first.setdefault(pid, used if self.started else 0.0)
            self.last[pid] = used

    def total(self) -> float:
        return sum(self.last[pid] - self.first[pid] for pid in self.last)

    def mark(self, name: str) -> None:
        self._sample()
        self.marks[name] = self.total()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def start(self) -> None:
        self._sample()  # what the backends already used does not count
        self.started = True
        self._thread.start()

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        self._sample()
        self.conn.close()
        return self.total()


# --- the steps ---------------------------------------------------------------------------


PREPARE = """
import json
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from perinatal.accounts import tokens
from perinatal.accounts.constants import OrganisationKind, Role
from perinatal.accounts.models import Organisation, User
organisation, _ = Organisation.objects.get_or_create(
    name="Bench analysis", defaults={"kind": OrganisationKind.ANALYSIS}
)
user = User.objects.filter(username="bench-analyst").first() or User.objects.create_user(
    "bench-analyst", "analyst@bench.invalid", None, role=Role.ANALYST, organisation=organisation
)
print(json.dumps({"token": tokens.token_create(user=user, name="bench")[1]}))
"""


def prepare(env: dict[str, str]) -> str:
    """Migrate; an analyst and an API token of theirs (answered)."""
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", PREPARE], env=env, check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])["token"]


def wait_until_serving(port: int, deadline: float) -> None:
    import http.client

    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def warm_up(port: int, token: str, workers: int) -> None:
    """Requests that load the API in every gunicorn worker (its first request imports and
    builds what later ones reuse), so that the upload's own memory is what is measured."""
    import http.client

    for _ in range(8 * workers):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request(
            "GET",
            f"/api/v1/monitoring/imports/{uuid.uuid4()}",
            headers={"Host": "127.0.0.1", "Authorization": f"Bearer {token}"},
        )
        connection.getresponse().read()
        connection.close()


def upload(port: int, token: str, path: Path) -> tuple[int, dict, float]:
    import http.client

    body = MultipartBody(path)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.perf_counter()
    connection.request(
        "POST",
        "/api/v1/monitoring/submissions",
        body=iter(body),
        headers={
            "Host": "127.0.0.1",
            "Authorization": f"Bearer {token}",
            "Content-Type": f"multipart/form-data; boundary={body.boundary}",
            "Content-Length": str(body.length),
            "Accept-Language": "en",
        },
        encode_chunked=False,
    )
    response = connection.getresponse()
    answer = json.loads(response.read() or b"{}")
    return response.status, answer, time.perf_counter() - started


class JobWatcher:
    """Reads the job's row through one session of its own (left out of the CPU counted)."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.conn = psycopg.connect(url, autocommit=True)
        self.pid = self.conn.execute("SELECT pg_backend_pid()").fetchone()[0]

    def state(self, job_id: str) -> dict:
        row = self.conn.execute(
            "SELECT status, stage, done, total, started_at, finished_at, result "
            "FROM jobs_job WHERE id = %s",
            [job_id],
        ).fetchone()
        keys = ("status", "stage", "done", "total", "started_at", "finished_at", "result")
        return dict(zip(keys, row, strict=True))


def reference_copy(url: str, path: Path) -> tuple[float, float, float]:
    """(client CPU s, backend CPU s, wall s) of COPY of the file into a scratch table."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_upload_scratch")
        conn.execute(
            "CREATE TABLE bench_upload_scratch (work_year smallint, service_id varchar(20), "
            "service_name varchar(200), service_sector varchar(8), dossier_id varchar(40), "
            "family_id varchar(64), province varchar(40), newborn boolean, "
            "hours numeric(10, 4))"
        )
        backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        before_server = cpu_seconds(backend)
        before_client = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        with conn.transaction(), conn.cursor() as cursor:
            sql = "COPY bench_upload_scratch FROM STDIN (FORMAT csv, HEADER)"
            with path.open("rb") as data, cursor.copy(sql) as copy:
                while block := data.read(1 << 20):
                    copy.write(block)
        wall = time.perf_counter() - started
        after_client = resource.getrusage(resource.RUSAGE_SELF)
        server = cpu_seconds(backend) - before_server
        rows = conn.execute("SELECT count(*) FROM bench_upload_scratch").fetchone()[0]
        conn.execute("DROP TABLE bench_upload_scratch")
    client = (after_client.ru_utime - before_client.ru_utime) + (
        after_client.ru_stime - before_client.ru_stime
    )
    print(f"  COPY loaded {rows:,} rows")
    return client, server, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3_000_000)
    parser.add_argument("--quick", action="store_true", help="100,000 rows: a smoke run")
    parser.add_argument("--services", type=int, default=100)
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    rows = 100_000 if args.quick else args.rows
    run_started = time.perf_counter()

    url = os.environ.get("DATABASE_URL", "")
    if url and not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL must be PostgreSQL: the bench compares with its COPY")
    url = url or postgres_database(args.postgres_url, BENCH_DB, drop=True, force=False)
    database = url.rsplit("/", 1)[1].split("?")[0]
    media = ROOT / "media"
    uploads_tmp = ROOT / "tmp"
    for folder in (media, uploads_tmp):
        folder.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "perinatal.conf.production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "PERINATAL_HOME": str(OUT),
        "MEDIA_ROOT": str(media),
        "FILE_UPLOAD_TEMP_DIR": str(uploads_tmp),
        "NATIONAL_NUMBER_HASH_KEY": HASH_KEY,
        "NATIONAL_NUMBER_ENCRYPTION_KEYS": FERNET_KEY,
        "SECURE_COOKIES": "false",
        "GUNICORN_TIMEOUT": "300",
    }
    year = date.today().year - 1
    print(f"database: PostgreSQL {database}; {load()} at the start")
    started = time.perf_counter()
    path = generate(rows, args.services, year)
    size = path.stat().st_size
    print(
        f"file: {rows:,} rows, {size / 1e6:.0f} MB ({size / 2**20:.0f} MiB), "
        f"{args.services} services, work year {year}; ready in {time.perf_counter() - started:.0f} s"
    )
    token = prepare(env)

    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own command
        [
            sys.executable,
            "-m",
            "perinatal",
            "serve",
            "--prod",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(ROOT / "server.log").open("wb"),
        start_new_session=True,
    )
    worker = subprocess.Popen(  # noqa: S603 - our own command
        [
            sys.executable,
            "-m",
            "perinatal",
            "worker",
            "--worker-id",
            "bench-worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(ROOT / "worker.log").open("wb"),
        start_new_session=True,
    )
    try:
        wait_until_serving(port, time.monotonic() + 120)
        web_workers = children_of(server.pid)
        warm_up(port, token, len(web_workers))
        web_before = {pid: peak_rss_mb(pid) for pid in web_workers}
        time.sleep(3)  # the worker is up and polling
        idle_started, idle_cpu = time.monotonic(), cpu_seconds(worker.pid)
        time.sleep(3)
        idle_rate = (cpu_seconds(worker.pid) - idle_cpu) / (time.monotonic() - idle_started)
        worker_rss_before = peak_rss_mb(worker.pid)

        print("\n(a) upload through gunicorn")
        watcher = JobWatcher(url)
        meter = BackendMeter(url, database)
        meter.ignored.add(watcher.pid)
        meter.start()
        cpu_before = cpu_seconds(worker.pid)
        watch_started = time.monotonic()
        status, answer, upload_seconds = upload(port, token, path)
        if status != 202:
            raise SystemExit(f"upload answered {status}: {answer}")
        web_peak = {pid: peak_rss_mb(pid) for pid in web_workers}
        print(
            f"  202 in {upload_seconds:.1f} s ({size / 2**20 / upload_seconds:.0f} MiB/s); "
            f"gunicorn workers' peak RSS: "
            + ", ".join(f"{web_before[p]:.0f} -> {web_peak[p]:.0f} MB" for p in web_workers)
        )

        print("\n(b) import by the task worker")
        job_id = answer["job_id"]
        summing_cpu = None
        last_line, last_print = "", 0.0
        while True:
            state = watcher.state(job_id)
            if state["stage"] == "summing" and summing_cpu is None:
                summing_cpu = cpu_seconds(worker.pid)
                meter.mark("summing")
            if state["status"] in ("succeeded", "failed"):
                break
            line = f"  {state['status']} {state['stage']} {state['done']:,} of {state['total']}"
            if line != last_line and time.monotonic() - last_print > 2:
                print(line, flush=True)
                last_line, last_print = line, time.monotonic()
            time.sleep(0.2)
        worker_cpu = cpu_seconds(worker.pid) - cpu_before
        backend_cpu = meter.stop()
        watched = time.monotonic() - watch_started
        worker_cpu -= idle_rate * watched
        if state["status"] != "succeeded":
            raise SystemExit(f"the import failed: {state}")
        seconds = (state["finished_at"] - state["started_at"]).total_seconds()
        stored = state["result"]["stored"]
        dossiers = sum(item["dossiers"] for item in stored)
        worker_peak = peak_rss_mb(worker.pid)
        print(
            f"  succeeded: {len(stored)} submissions, {dossiers:,} dossiers in {seconds:.1f} s "
            f"({dossiers / seconds:,.0f} rows/s)"
        )
        print(
            f"  worker peak RSS {worker_peak:.0f} MB (idle {worker_rss_before:.0f} MB); "
            f"CPU: worker {worker_cpu:.1f} s + database {backend_cpu:.1f} s = "
            f"{worker_cpu + backend_cpu:.1f} s"
        )
        if summing_cpu is not None:
            load_worker = summing_cpu - cpu_before - idle_rate * watched
            load_backend = meter.marks["summing"]
            print(
                f"  of which reading, checking, storing: worker {load_worker:.1f} s + database "
                f"{load_backend:.1f} s; the year's figures and the rest: worker "
                f"{worker_cpu - load_worker:.1f} s + database {backend_cpu - load_backend:.1f} s"
            )
    finally:
        stop_process_groups([server, worker], timeout=60)

    print("\n(c) PostgreSQL's COPY of the same file")
    client, server_cpu, wall = reference_copy(url, path)
    copy_cpu = client + server_cpu
    print(
        f"  {wall:.1f} s ({rows / wall:,.0f} rows/s); CPU: client {client:.1f} s + database "
        f"{server_cpu:.1f} s = {copy_cpu:.1f} s"
    )

    total = worker_cpu + backend_cpu
    ratio = copy_cpu / total
    web_ok = max(web_peak.values()) < 200
    print("\nsummary")
    print(
        f"  web worker peak RSS {max(web_peak.values()):.0f} MB (target < 200 MB): "
        f"{'PASS' if web_ok else 'FAIL'}"
    )
    print(f"  task worker peak RSS {worker_peak:.0f} MB; {dossiers / seconds:,.0f} rows/s")
    print(
        f"  CPU: import {total:.1f} s, COPY {copy_cpu:.1f} s; COPY ÷ import = {ratio:.3f} "
        f"(target >= 0.15): {'PASS' if ratio >= 0.15 else 'FAIL'}"
    )
    if summing_cpu is not None:
        load_total = load_worker + load_backend
        print(
            f"  without the year's figures: import {load_total:.1f} s, "
            f"COPY ÷ import = {copy_cpu / load_total:.3f}"
        )
    print(f"  whole run {time.perf_counter() - run_started:.0f} s; {load()} at the end")
    sys.exit(0 if web_ok and ratio >= 0.15 else 1)


if __name__ == "__main__":
    main()
