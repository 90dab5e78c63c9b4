#!/usr/bin/env python3
"""The operator's guide (docs/deploy.md), followed step by step on this checkout.

Installs the production package into a fresh virtual environment, configures it from the
environment as the guide says, prepares one PostgreSQL database, and starts two application
servers on two loopback ports, a task worker and the scheduler, all sharing that database and
Redis. Then it checks what an operator would check: both servers ready (`/readyz`, a worker
seen), a session started on one server valid on the other (a real login with the second
factor), a password-reset e-mail delivered by the worker to a loopback SMTP server, the
metrics, and the backup and restore drill with `pg_dump` / `pg_restore`. Everything it starts
it stops; everything it creates is in a temporary directory, a scratch database pair and one
Redis database number.

    python3 .ci/deploy_drill.py            (CI runs it: .ci/run)
    DRILL_KEEP=1 python3 .ci/deploy_drill.py   keeps the temporary directory for a look
"""

import base64
import hashlib
import hmac
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import socketserver
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("DRILL_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DB = "perinatal_drill"
RESTORED = "perinatal_drill_restore"
REDIS_URL = os.environ.get("DRILL_REDIS_URL", "redis://127.0.0.1:6379/11")
ADMIN = ("drill-admin", "drill-admin@perinatal.localhost", "a-long-drill-password-4821")


def step(text: str) -> None:
    print(f"-- {text}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox(socketserver.StreamRequestHandler):
    """A loopback SMTP server that keeps every message it receives (the relay of the guide)."""

    received: list[str] = []

    def _say(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self._say("220 drill SMTP")
        while line := self.rfile.readline().decode("utf-8", "replace"):
            verb = line[:4].upper()
            if verb in ("HELO", "EHLO"):
                self._say("250 drill")
            elif verb == "DATA":
                self._say("354 end with .")
                body = []
                while (data := self.rfile.readline().decode("utf-8", "replace")) not in (
                    ".\r\n",
                    "",
                ):
                    body.append(data)
                Mailbox.received.append("".join(body))
                self._say("250 queued")
            elif verb == "QUIT":
                self._say("221 bye")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                self._say("250 ok")


def totp(secret: str, at: float | None = None) -> str:
    secret = secret.replace(" ", "").upper()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int((at or time.time()) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


class Browser:
    """One person's cookies, used against any server (as behind a load balancer)."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, url: str) -> tuple[int, str]:
        try:
            with self.opener.open(url, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, url: str, fields: dict[str, str]) -> tuple[int, str]:
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf(), **fields}).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class Drill:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.processes: list[subprocess.Popen] = []
        self.venv = work / "venv"
        self.bin = self.venv / "bin"
        self.smtp_port = free_port()
        self.env = self._environment()

    def _environment(self) -> dict[str, str]:
        fernet = base64.urlsafe_b64encode(os.urandom(32)).decode()
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV")
        }
        env.update(
            {
                # Step 2 of the guide: the environment of every process.
                "DJANGO_SETTINGS_MODULE": "perinatal.conf.production",
                "SECRET_KEY": base64.b64encode(os.urandom(48)).decode(),
                "NATIONAL_NUMBER_HASH_KEY": base64.b64encode(os.urandom(48)).decode(),
                "NATIONAL_NUMBER_ENCRYPTION_KEYS": fernet,
                "DATABASE_URL": f"{PG}/{DB}",
                "REDIS_URL": REDIS_URL,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_COOKIES": "false",  # loopback HTTP in the drill; TLS at the balancer
                "MEDIA_ROOT": str(self.work / "media"),
                "STATIC_ROOT": str(self.work / "static"),
                "PERINATAL_HOME": str(self.work),
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(self.smtp_port),
                "DEFAULT_FROM_EMAIL": "noreply@perinatal.localhost",
                "WEB_CONCURRENCY": "2",
                "PATH": f"{self.bin}:{os.environ.get('PATH', '')}",
            }
        )
        return env

    def run(self, *command: str, **kwargs: object) -> subprocess.CompletedProcess:
        print("   $", " ".join(command), flush=True)
        return subprocess.run(command, env=self.env, check=True, cwd=self.work, **kwargs)  # noqa: S603

    def psql(self, sql: str) -> None:
        subprocess.run(["psql", f"{PG}/postgres", "-q", "-c", sql], check=True)  # noqa: S603,S607

    def start(self, name: str, *command: str) -> subprocess.Popen:
        log = open(self.work / f"{name}.log", "wb")  # noqa: SIM115 - closed at exit
        print("   $", " ".join(command), f"> {name}.log &", flush=True)
        process = subprocess.Popen(  # noqa: S603
            command, env=self.env, cwd=self.work, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def wait_ready(self, base: str, timeout: float = 90) -> dict:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/readyz", timeout=5) as response:  # noqa: S310
                    return json.loads(response.read())
            except urllib.error.HTTPError as error:
                last = error.read().decode()
            except OSError as error:
                last = str(error)
            time.sleep(1)
        raise SystemExit(f"{base} not ready after {timeout} s: {last}")


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="perinatal-drill-"))
    drill = Drill(work)
    smtp = socketserver.ThreadingTCPServer(("127.0.0.1", drill.smtp_port), Mailbox)
    threading.Thread(target=smtp.serve_forever, daemon=True).start()
    try:
        step("Step 1: install the production package (locked, with hashes) into a new venv")
        drill.run(sys.executable, "-m", "venv", str(drill.venv))
        pip = str(drill.bin / "pip")
        drill.run(pip, "install", "-qq", "--upgrade", "pip")
        drill.run(
            pip, "install", "-qq", "--require-hashes", "-r",
            str(ROOT / "requirements" / "production.lock"),
        )
        drill.run(pip, "install", "-qq", "--no-deps", str(ROOT))
        drill.run(str(drill.bin / "perinatal"), "--version")
        tests = list((drill.venv / "lib").glob("python3*/site-packages/perinatal/*/tests"))
        assert not tests, f"the installed package holds its tests: {tests[:3]}"

        step("Step 2-3: an empty database; keys and settings from the environment; checks")
        drill.psql(f"DROP DATABASE IF EXISTS {RESTORED}")
        drill.psql(f"DROP DATABASE IF EXISTS {DB}")
        drill.psql(f"CREATE DATABASE {DB}")
        subprocess.run(["redis-cli", "-u", REDIS_URL, "FLUSHDB"], check=True, capture_output=True)  # noqa: S603,S607
        perinatal = str(drill.bin / "perinatal")
        drill.run(perinatal, "check", "--deploy", "--fail-level", "ERROR")

        step("Step 4: build time: static files collected once, into STATIC_ROOT")
        drill.run(perinatal, "collectstatic", "--no-input", "--verbosity", "0")

        step("Step 5: the release's migrations, once, from one place; the directory's data")
        drill.run(perinatal, "migrate", "--no-input", "--verbosity", "0")
        drill.run(perinatal, "directory", "load-brussels")
        env_admin = {"DJANGO_SUPERUSER_PASSWORD": ADMIN[2]}
        drill.env.update(env_admin)
        drill.run(
            perinatal, "createsuperuser", "--no-input", "--username", ADMIN[0], "--email", ADMIN[1]
        )

        step("Step 6: two application servers, a task worker and the scheduler")
        ports = [free_port(), free_port()]
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for n, port in enumerate(ports, start=1):
            drill.start(
                f"web{n}", perinatal, "serve", "--prod", "--bind", f"127.0.0.1:{port}",
                "--workers", "2",
            )
        drill.start("worker", perinatal, "worker")
        drill.start("scheduler", perinatal, "scheduler")
        for base in bases:
            ready = drill.wait_ready(base)
            print(f"   {base}/readyz: {ready}")

        step("Step 7: a session started on server 1 is valid on server 2")
        one, two = bases
        browser = Browser()
        browser.get(f"{one}/nl/account/login/")
        status, _ = browser.post(
            f"{one}/nl/account/login/", {"username": ADMIN[0], "password": ADMIN[2]}
        )
        status, page = browser.get(f"{two}/nl/account/two-factor/setup/")
        secret = re.search(r'id="secret-key">([A-Z2-7 ]+)<', page)
        assert status == 200 and secret, f"server 2 did not know the session ({status})"
        status, page = browser.post(
            f"{one}/nl/account/two-factor/setup/", {"code": totp(secret.group(1)), "next": ""}
        )
        status, page = browser.get(f"{two}/nl/account/")
        assert status == 200 and ADMIN[0] in page, f"account page on server 2: {status}"
        status, _ = browser.get(f"{two}/nl/admin/")
        assert status == 200, f"admin on server 2 after the second factor: {status}"
        print("   logged in on server 1; account page and admin served by server 2")

        step("Step 7: the worker delivers a password-reset e-mail to the SMTP relay")
        anonymous = Browser()
        anonymous.get(f"{two}/nl/account/password-reset/")
        status, _ = anonymous.post(f"{two}/nl/account/password-reset/", {"email": ADMIN[1]})
        deadline = time.monotonic() + 60
        while not Mailbox.received and time.monotonic() < deadline:
            time.sleep(0.5)
        assert Mailbox.received, "no e-mail reached the relay within 60 s"
        assert ADMIN[1] in Mailbox.received[0]
        print(f"   {len(Mailbox.received)} message(s) received by the relay")

        step("Step 7: metrics from the operator's network")
        with urllib.request.urlopen(f"{one}/metrics", timeout=10) as response:  # noqa: S310
            metrics = response.read().decode()
        assert "perinatal_task_queue_depth" in metrics or "django_http" in metrics
        print(f"   /metrics: {len(metrics.splitlines())} lines")

        step("Step 8: the backup and the restore drill (pg_dump, pg_restore, check)")
        dump = work / "perinatal.dump"
        subprocess.run(["pg_dump", "-Fc", "-f", str(dump), f"{PG}/{DB}"], check=True)  # noqa: S603,S607
        drill.psql(f"CREATE DATABASE {RESTORED}")
        subprocess.run(  # noqa: S603
            ["pg_restore", "--no-owner", "-d", f"{PG}/{RESTORED}", str(dump)],  # noqa: S607
            check=True,
        )
        restored = dict(drill.env, DATABASE_URL=f"{PG}/{RESTORED}")
        out = subprocess.run(  # noqa: S603
            [perinatal, "migrate", "--check"], env=restored, capture_output=True, text=True
        )
        assert out.returncode == 0, f"restored database lacks migrations: {out.stdout}"
        subprocess.run(  # noqa: S603 - the keys decrypt every number of the restored database
            [perinatal, "keys", "rotate", "--dry-run"], env=restored, check=True
        )
        counts = []
        for url in (f"{PG}/{DB}", f"{PG}/{RESTORED}"):
            result = subprocess.run(  # noqa: S603
                ["psql", url, "-tAc", "SELECT count(*) FROM directory_service"],  # noqa: S607
                check=True, capture_output=True, text=True,
            )
            counts.append(int(result.stdout.strip()))
        assert counts[0] == counts[1] > 0, counts
        print(f"   restored: {counts[1]} services, migrations complete")
        step("The drill passed")
        return 0
    finally:
        drill.stop_all()
        smtp.shutdown()
        for name in ("web1", "web2", "worker", "scheduler"):
            log = work / f"{name}.log"
            if log.exists() and os.environ.get("DRILL_VERBOSE"):
                print(f"== {name}.log\n{log.read_text()[-3000:]}")
        subprocess.run(["psql", f"{PG}/postgres", "-q", "-c", f"DROP DATABASE IF EXISTS {RESTORED}"])  # noqa: S603,S607
        subprocess.run(["psql", f"{PG}/postgres", "-q", "-c", f"DROP DATABASE IF EXISTS {DB}"])  # noqa: S603,S607
        if os.environ.get("DRILL_KEEP"):
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
