"""No family name and no national number in the application's log (issue 17, item 3): every
record written while the API and the pages are used with names and national numbers — the
answers 2xx, 4xx and a 500 whose exception carries a national number — goes through the
production logging configuration (JSON lines, level DEBUG so that nothing is held back) and
none of the names or numbers may be in what it writes."""

import io
import json
import logging.config
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.conf import settings
from django.test import Client

from perinatal.conf import base
from perinatal.pathways.tests.api_support import api_for, national_numbers_in
from perinatal.pathways.tests.factories import national_number_for

pytestmark = pytest.mark.django_db

MOTHER = national_number_for(date(1994, 3, 12), 33)
FORMATTED = f"{MOTHER[:2]}.{MOTHER[2:4]}.{MOTHER[4:6]}-{MOTHER[6:9]}.{MOTHER[9:]}"
GIVEN, FAMILY = "Zoulikha", "Vandermeulebroucke"
SECRETS = (MOTHER, FORMATTED, MOTHER[:6], GIVEN, FAMILY, GIVEN.lower(), FAMILY.lower())


@pytest.fixture
def json_log():
    """The production LOGGING configuration at level DEBUG, writing to a buffer."""
    config = json.loads(json.dumps(base.LOGGING, default=str))
    stream = io.StringIO()
    config["handlers"]["console"]["stream"] = stream
    config["root"]["level"] = "DEBUG"
    logging.config.dictConfig(config)
    yield stream
    logging.config.dictConfig(settings.LOGGING)


@pytest.fixture(autouse=True)
def frozen():
    moment = datetime(2025, 6, 2, 10, tzinfo=ZoneInfo("Europe/Brussels"))
    with time_machine.travel(moment, tick=False):
        yield


def registration(**mother: object) -> dict:
    return {
        "mother": {
            "given_name": GIVEN,
            "family_name": FAMILY,
            "birth_date": "1994-03-12",
            "national_number": FORMATTED,
            **mother,
        },
        "postcode": "1080",
        "municipality": "Molenbeek-Saint-Jean",
        "due_date": "2025-09-05",
        "registered_on": "2025-03-01",
        "consent_to_share": True,
    }


def exercise(midwife, kg_nurse, monkeypatch) -> None:
    api, stranger = api_for(midwife), api_for(kg_nurse)
    created = api.post("/pregnancies", registration())
    assert created.status_code == 201, created.content
    pregnancy = created.json()["id"]
    calls = [
        api.get(f"/pregnancies?name={FAMILY}"),  # 200
        api.get(f"/pregnancies?name={FAMILY}%00&x={GIVEN}"),  # 422, names in the query
        api.get(f"/pregnancies?name={FAMILY * 10}"),  # 422: too long
        api.post("/pregnancies", registration()),  # a second registration: refused
        api.post("/pregnancies", registration(birth_date=f"{GIVEN}")),  # 422, name in a date
        api.post("/pregnancies", registration(given_name=f"{GIVEN}\x00")),  # 422
        api.post("/pregnancies/lookup", {"national_number": FORMATTED}),  # 200
        api.post("/pregnancies/lookup", {"national_number": MOTHER[:-1] + "x"}),  # 422
        stranger.get(f"/pregnancies/{pregnancy}?q={FAMILY}"),  # 403, another organisation
        stranger.post("/booklets/status", {"national_number": FORMATTED}),
        stranger.post("/booklets/status", {"national_number": MOTHER, "on": "0899-06-28"}),
        api.get(f"/nothing-here?name={FAMILY}&nn={MOTHER}"),  # 404
        Client().get(f"/api/v1/pregnancies?name={FAMILY}&nn={MOTHER}"),  # 401
        Client().get("/nl/", {"q": f"{GIVEN} {FAMILY}"}),  # the directory's search page
        Client().get(f"/nl/nothing-here/?name={FAMILY}&nn={MOTHER}"),  # a page's 404
    ]
    assert {c.status_code for c in calls} >= {200, 401, 403, 404, 422}

    # A failure whose exception (and its cause) carry the caller's data, as a database error
    # quoting a value does: 500, with a traceback in the log.
    from perinatal.booklets import selectors

    def fails(**kwargs):
        try:
            raise ValueError(f"no such family: {kwargs['number']} ({FAMILY})")
        except ValueError as exc:
            raise RuntimeError(f"lookup failed for '{GIVEN} {FAMILY}' {FORMATTED}") from exc

    monkeypatch.setattr(selectors, "family_status_by_national_number", fails)
    client = Client(raise_request_exception=False)
    failed = client.post(
        f"/api/v1/booklets/status?nn={MOTHER}",
        json.dumps({"national_number": MOTHER}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {stranger.token}"},
    )
    assert failed.status_code == 500


def test_no_name_or_national_number_in_any_log_line(json_log, midwife, kg_nurse, monkeypatch):
    exercise(midwife, kg_nurse, monkeypatch)
    text = json_log.getvalue()
    records = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert any(r["level"] == "ERROR" and "exc_info" in r for r in records)  # the 500's trace
    assert any(r["logger"] == "django.request" and r["level"] == "WARNING" for r in records)
    leaks = [(secret, line) for line in text.splitlines() for secret in SECRETS if secret in line]
    assert not leaks, leaks[:5]
    assert not national_numbers_in(text)


def test_the_traceback_still_says_where_and_what_failed(json_log, midwife, kg_nurse, monkeypatch):
    exercise(midwife, kg_nurse, monkeypatch)
    [failure] = [
        json.loads(line)
        for line in json_log.getvalue().splitlines()
        if '"exc_info"' in line and "RuntimeError" in line
    ]
    trace = failure["exc_info"]
    assert "test_log_privacy.py" in trace and "in fails" in trace
    assert "RuntimeError" in trace and "ValueError" in trace
    assert failure["path"] == "/api/v1/booklets/status"
