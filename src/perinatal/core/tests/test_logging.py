"""Structured logs: one JSON object per line, carrying the id of the request."""

import io
import json
import logging.config

import pytest

from django.conf import settings

from perinatal.conf import base


@pytest.fixture
def json_log():
    """The production LOGGING configuration, writing to a buffer instead of stderr."""
    config = json.loads(json.dumps(base.LOGGING, default=str))
    stream = io.StringIO()
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)
    yield stream
    logging.config.dictConfig(settings.LOGGING)


def lines(stream) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


@pytest.mark.urls("perinatal.core.tests.urls")
def test_a_log_line_is_json_with_the_request_id(client, json_log):
    response = client.get("/log/")
    records = [r for r in lines(json_log) if r["message"] == "something worth a log line"]
    assert len(records) == 1
    record = records[0]
    assert record["request_id"] == response["X-Request-ID"]
    assert record["level"] == "WARNING"
    assert record["logger"] == "perinatal.tests"
    assert "time" in record


@pytest.mark.urls("perinatal.core.tests.urls")
def test_the_request_id_from_the_load_balancer_is_kept(client, json_log):
    response = client.get("/log/", HTTP_X_REQUEST_ID="lb-1234")
    assert response["X-Request-ID"] == "lb-1234"
    assert lines(json_log)[-1]["request_id"] == "lb-1234"


def test_a_line_outside_a_request_says_so(json_log):
    logging.getLogger("perinatal.tests").warning("no request here")
    assert lines(json_log)[-1]["request_id"] == "-"


@pytest.mark.django_db
def test_a_bad_host_is_one_warning_without_traceback(client, json_log, settings):
    settings.ALLOWED_HOSTS = ["perinatal.example"]
    response = client.get("/nl/", {"q": "Janssens"}, HTTP_HOST="evil.example")
    assert response.status_code == 400
    (record,) = [r for r in lines(json_log) if r["logger"] == "django.security.DisallowedHost"]
    assert record["level"] == "WARNING"
    assert "'evil.example'" in record["message"]
    assert "exc_info" not in record
    assert (record["method"], record["path"]) == ("GET", "/nl/")
    assert "Janssens" not in json_log.getvalue()  # never the query string


@pytest.mark.django_db
def test_a_request_on_a_record_is_its_method_and_path(client, json_log):
    client.get("/nl/no-such-page/", {"q": "Janssens"})
    (record,) = [r for r in lines(json_log) if r["logger"] == "django.request"]
    assert (record["level"], record["method"], record["path"]) == (
        "WARNING",
        "GET",
        "/nl/no-such-page/",
    )
    assert "Janssens" not in json_log.getvalue()


# --- Nothing of the request in the log (issue 17, item 3) ---------------------------------


def test_a_traceback_keeps_frames_and_types_but_not_the_messages(json_log):
    name, number = "Janssens", "85073003328"

    def inner():
        raise ValueError(f"{name} {number}")

    try:
        try:
            inner()
        except ValueError as exc:
            raise RuntimeError(f"for 'Amina {name}'") from exc
    except RuntimeError:
        logging.getLogger("perinatal.tests").exception("failed")
    [record] = [r for r in lines(json_log) if r["message"] == "failed"]
    trace = record["exc_info"]
    assert "Janssens" not in trace and "85073003328" not in trace
    assert trace.index("builtins.ValueError") < trace.index("direct cause")
    assert trace.index("direct cause") < trace.index("builtins.RuntimeError")
    assert "in inner" in trace and "withheld" in trace


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("Not Found: /api/v1/pregnancies?name=Janssens", "Not Found: /api/v1/pregnancies?…"),
        ("GET https://x.example/nl/?q=rouw%20Janssens 404", "GET https://x.example/nl/?… 404"),
        ("number 85.07.30-033.28 refused", "number [number] refused"),
        ("number 85073003328 refused", "number [number] refused"),
        ("job 12 failed: what?", "job 12 failed: what?"),
    ],
)
def test_a_message_loses_its_query_string_and_national_numbers(json_log, message, shown):
    logging.getLogger("perinatal.tests").warning(message)
    assert lines(json_log)[-1]["message"] == shown
