"""What the bench scripts share: where they write, the bench-only keys, percentiles, the
machine's load, free ports, processes' CPU time and children, their PostgreSQL database and a logged-in test client with the second factor.
Imported by the scripts as `from _support import …` (they run as `python bench/NAME.py`)."""

import os
import secrets
import socket
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
# Keys for the bench databases only (never a deployment's).
HASH_KEY = "bench-only-national-number-hash-key-not-for-production"
FERNET_KEY = "YmVuY2gtb25seS1mZXJuZXQta2V5LW5vdC1yZWFsLTE="


def percentile(samples: list[float], p: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[p - 1]


def free_port() -> int:
    """A loopback port free now, for a server the bench starts."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User and system CPU of a process so far (Linux /proc), 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == pid:
                found.append(int(entry.name))
    return found


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (5 min {five:.2f}) on {os.cpu_count()} cores"


def production_env(database_url: str) -> dict[str, str]:
    """The environment a bench runs the platform under: the production settings on its own
    database, a fresh secret key, the bench-only national-number keys, warnings only."""
    return {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "perinatal.conf.production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "false",
        "LOG_LEVEL": "WARNING",
        "PERINATAL_HOME": str(OUT),
        "NATIONAL_NUMBER_HASH_KEY": HASH_KEY,
        "NATIONAL_NUMBER_ENCRYPTION_KEYS": FERNET_KEY,
    }


def django_in_process(database_url: str) -> dict[str, str]:
    """Set Django up in this process under the bench's environment (`production_env`, the
    test client's host allowed); request failures are counted by the bench, not logged."""
    import logging

    env = production_env(database_url)
    env["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ.update(env)
    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    return env


def postgres_database(postgres_url: str, name: str, *, drop: bool, force: bool = True) -> str:
    """The bench's PostgreSQL database `name` (created when missing, made anew with `drop`;
    `force` ends other sessions on it first); its DATABASE_URL."""
    import psycopg

    with psycopg.connect(f"{postgres_url}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and drop:
            conn.execute(f"DROP DATABASE {name}{' WITH (FORCE)' if force else ''}")
        if not exists or drop:
            conn.execute(f"CREATE DATABASE {name}")
    return f"{postgres_url}/{name}"


def verified_client(user):
    """A test client logged in as `user` with the second factor verified (as django_otp.login()
    leaves the session after a correct code; see accounts/tests/factories.py)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user, confirmed=True).persistent_id
    session.save()
    return client


def backend_pid() -> int | None:
    """The PostgreSQL backend serving Django's connection in this process (None on SQLite)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


class Timed:
    """Wall and CPU time of calls made in this process: per call, the wall time
    (`perf_counter`) and this process's CPU time (`process_time`: the client, Django, the
    template); over the whole loop, the CPU of the PostgreSQL backend that served them
    (/proc, in clock ticks, so only its mean per call is given)."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.database_cpu: float | None = None

    def __enter__(self) -> "Timed":
        import time

        self._pid = backend_pid()
        self._db_start = cpu_seconds(self._pid) if self._pid else 0.0
        self._started = time.perf_counter()
        return self

    def call(self, fn, *args, **kwargs):
        import time

        wall, cpu = time.perf_counter(), time.process_time()
        result = fn(*args, **kwargs)
        self.cpu.append((time.process_time() - cpu) * 1000)
        self.wall.append((time.perf_counter() - wall) * 1000)
        return result

    def __exit__(self, *exc) -> None:
        if self._pid and self.wall and backend_pid() == self._pid:
            used = cpu_seconds(self._pid) - self._db_start
            self.database_cpu = used * 1000 / len(self.wall)

    def line(self, label: str, target: float | None = None) -> tuple[str, bool]:
        """`label  n  wall median  wall p95  CPU median  CPU p95  database CPU mean` and
        whether the wall p95 is under `target` (True without a target)."""
        if len(self.wall) < 2:
            return f"{label:52} {len(self.wall):>5} (too few answers to measure)", target is None
        p95 = percentile(self.wall, 95)
        db = f"{self.database_cpu:>8.2f}" if self.database_cpu is not None else f"{'—':>8}"
        ok = target is None or p95 < target
        verdict = f"  p95 < {target:.0f} ms {'PASS' if ok else 'FAIL'}" if target else ""
        return (
            f"{label:52} {len(self.wall):>5} {statistics.median(self.wall):>8.2f} {p95:>8.2f} "
            f"{statistics.median(self.cpu):>8.2f} {percentile(self.cpu, 95):>8.2f} {db}{verdict}"
        ), ok


TIMED_HEADER = (
    f"{'(ms)':52} {'n':>5} {'wall p50':>8} {'wall p95':>8} {'CPU p50':>8} {'CPU p95':>8} "
    f"{'db CPU':>8}   (CPU: this process; db CPU: its PostgreSQL backend, mean)"
)
