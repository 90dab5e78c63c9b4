"""Never two, under load: 50 hand-outs for the same child sent at the same moment through the
API (real HTTP on loopback to a live server thread, one thread per request, released together
by a barrier) end with exactly one Kindboekje (201) and 49 refusals `already_has_booklet` that
say who handed it out and when — never a server error, never "database is locked". The
partial unique constraint decides the race (services/distribution.py).

Runs on PostgreSQL and on SQLite (the suite's SQLite test database is a file, see
conf/test.py, so that each request thread has its own connection).
"""

import http.client
import json
import threading
from collections import Counter
from urllib.parse import urlsplit

import pytest

from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread

from perinatal.booklets.constants import RefusalCode
from perinatal.booklets.models import Booklet, HandoutRefusal
from perinatal.pathways.tests.api_support import token_for
from perinatal.pathways.tests.factories import register

CALLERS = 50


class BackloggedServer(ThreadedWSGIServer):
    """Django's threaded test server (one thread per request, as the `live_server` fixture
    runs it) with a production-sized listen backlog (gunicorn's is 2048). With Django's 10,
    50 connections opened at once overflow the accept queue, and under load the kernel resets
    some of them before the application sees a request: a test artefact, not the registry."""

    request_queue_size = 1024


class ServerThread(LiveServerThread):
    server_class = BackloggedServer


@pytest.fixture
def server_url(transactional_db, audit_flushable):
    thread = ServerThread("127.0.0.1", static_handler=lambda app: app)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait(timeout=30)
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


def _post(url: str, token: str, body: dict, barrier: threading.Barrier) -> tuple[int, dict | str]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    payload = json.dumps(body)
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "Accept-Language": "en",
    }
    try:
        conn.connect()  # connected before the barrier: the requests leave together
        barrier.wait()
        conn.request("POST", parts.path, payload, headers)
        response = conn.getresponse()
        text = response.read().decode()
    finally:
        conn.close()
    try:
        return response.status, json.loads(text)
    except ValueError:
        return response.status, text


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_hand_outs_for_one_child_give_one_booklet(server_url, kg_nurse, midwife):
    """Two providers (Kind en Gezin and the independent midwife, both in their turn), 25
    requests each, for the same expected child."""
    pregnancy = register(kg_nurse)
    tokens = [token_for(kg_nurse), token_for(midwife)]
    url = f"{server_url}/api/v1/booklets/distributions"
    body = {"pregnancy_id": str(pregnancy.public_id)}
    barrier = threading.Barrier(CALLERS, timeout=60)
    results: list[tuple[int, dict | str] | BaseException] = [None] * CALLERS  # type: ignore[list-item]

    def call(n: int) -> None:
        try:
            results[n] = _post(url, tokens[n % 2], body, barrier)
        except BaseException as exc:  # noqa: BLE001 - reported below, with the others
            results[n] = exc

    threads = [threading.Thread(target=call, args=(n,)) for n in range(CALLERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)

    failures = [r for r in results if not isinstance(r, tuple)]
    assert failures == [], failures
    statuses = Counter(status for status, _ in results)
    server_errors = [(s, b) for s, b in results if s >= 500]
    assert server_errors == [], server_errors[:3]
    assert statuses == {201: 1, 422: CALLERS - 1}, statuses
    [(_, created)] = [(s, b) for s, b in results if s == 201]
    refusals = [b for s, b in results if s == 422]
    assert {r["code"] for r in refusals} == {RefusalCode.ALREADY_HAS_BOOKLET}
    assert {(r["handed_out_on"], r["provider"]) for r in refusals} == {
        (created["handed_out_on"], created["provider"])
    }
    assert not any("locked" in json.dumps(r) for r in refusals)

    valid = Booklet.objects.filter(pregnancy=pregnancy, voided_on__isnull=True)
    assert [str(b.public_id) for b in valid] == [created["id"]]
    assert Booklet.objects.filter(pregnancy=pregnancy).count() == 1
    assert (
        HandoutRefusal.objects.filter(
            pregnancy=pregnancy, code=RefusalCode.ALREADY_HAS_BOOKLET
        ).count()
        == CALLERS - 1
    )


@pytest.mark.django_db
def test_the_sqlite_test_database_is_a_file_shared_by_the_threads():
    """The condition of the test above on SQLite (on PostgreSQL there is nothing to check)."""
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db()
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        assert connection.settings_dict["OPTIONS"]["timeout"] >= 20
