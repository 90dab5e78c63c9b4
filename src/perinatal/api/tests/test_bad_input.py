"""Bad input that used to end in a 500 (issue 17): each is now a 4xx problem with a stable
code, and nothing is stored. Run on SQLite and on PostgreSQL (which refuses NUL in text, where
SQLite stored it)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from perinatal.booklets.models import Booklet
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.tests.api_support import api_for
from perinatal.pathways.tests.factories import mother, national_number_for, register

pytestmark = pytest.mark.django_db

MOTHER_NUMBER = national_number_for(date(1993, 5, 17), 41)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(
        datetime(2025, 6, 1, 11, tzinfo=ZoneInfo("Europe/Brussels")), tick=False
    ):
        yield


@pytest.fixture
def expecting(kg_nurse):
    return register(
        kg_nurse,
        registered_on=date(2025, 3, 1),
        mother=mother(national_number=MOTHER_NUMBER, no_national_number=""),
    )


def registration(**mother_fields: str) -> dict:
    return {
        "mother": {
            "given_name": "Amina",
            "family_name": "Testmoeder",
            "birth_date": "1994-03-12",
            **mother_fields,
        },
        "postcode": "1080",
        "municipality": "Molenbeek-Saint-Jean",
        "due_date": "2025-09-05",
        "registered_on": "2025-03-01",
        "consent_to_share": True,
    }


def problem_of(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == code, body
    return body


# --- A date before the procedure's first date ---------------------------------------------


@pytest.mark.parametrize(
    ("path", "extra"),
    [("/booklets/distributions", {"child_order": 1}), ("/booklets/status", {})],
)
def test_a_day_before_the_procedures_first_date_is_refused_naming_it(
    kg_nurse, expecting, path, extra
):
    body = {"on": "0899-06-28", **extra}
    body |= (
        {"national_number": MOTHER_NUMBER}
        if path.endswith("status")
        else {"pregnancy_id": str(expecting.public_id)}
    )
    answer = problem_of(api_for(kg_nurse).post(path, body), 422, "not_in_force")
    assert answer["rule"] == "booklets.procedure"
    assert answer["valid_from"] == "2000-01-01"
    assert "28/06/0899" in answer["detail"] and "01/01/2000" in answer["detail"]
    assert answer["type"] == "/api/v1/problems/refused"
    assert not Booklet.objects.exists()


def test_the_refusal_is_in_the_callers_language(kg_nurse, expecting):
    api = api_for(kg_nurse, language="nl")
    body = {"on": "0899-06-28", "national_number": MOTHER_NUMBER}
    answer = problem_of(api.post("/booklets/status", body), 422, "not_in_force")
    assert "01/01/2000" in answer["detail"] and "regel" in answer["detail"]


# --- Dates written as numbers -------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "86400", "2025-6-1", "1.5"])
def test_a_date_that_is_not_yyyy_mm_dd_is_refused(kg_nurse, value):
    response = api_for(kg_nurse).get(f"/booklets/distributions?to={value}")
    answer = problem_of(response, 422, "invalid_input")
    assert [e["field"] for e in answer["errors"]] == ["to"]


def test_a_date_written_yyyy_mm_dd_is_read(kg_nurse):
    assert api_for(kg_nurse).get("/booklets/distributions?to=2025-06-01").status_code == 200


# --- Control characters -------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\ud800"])
def test_a_control_character_in_a_json_field_is_refused_naming_the_field(midwife, char):
    before = Pregnancy.objects.count()
    response = api_for(midwife).post("/pregnancies", registration(given_name=f"a{char}b"))
    answer = problem_of(response, 422, "invalid_input")
    [error] = answer["errors"]
    assert error["field"] == "mother.given_name"
    assert "mother.given_name" in error["message"] and f"U+{ord(char):04X}" in error["message"]
    assert "\\u0000" not in response.content.decode() and "\x00" not in response.content.decode()
    assert Pregnancy.objects.count() == before


def test_tab_and_line_ends_are_text(midwife):
    body = registration(given_name="Amina")
    body["mother"]["family_name"] = "Test\tmoeder"
    response = api_for(midwife).post("/pregnancies", body)
    assert response.status_code != 422 or not any(
        e["field"] == "mother.family_name" for e in response.json()["errors"]
    ), response.content


def test_every_field_with_a_control_character_is_named(midwife):
    body = registration(given_name="a\x00b", family_name="c\x01d")
    answer = problem_of(api_for(midwife).post("/pregnancies", body), 422, "invalid_input")
    assert {e["field"] for e in answer["errors"]} == {"mother.given_name", "mother.family_name"}


def test_a_control_character_in_a_query_is_refused(midwife):
    response = api_for(midwife).get("/pregnancies?name=a%00b")
    answer = problem_of(response, 422, "invalid_input")
    assert [e["field"] for e in answer["errors"]] == ["name"]


def test_a_control_character_in_a_public_search_is_refused():
    from django.test import Client

    response = Client().get("/api/v1/services?q=a%00b")
    answer = problem_of(response, 422, "invalid_input")
    assert [e["field"] for e in answer["errors"]] == ["q"]


def test_an_anonymous_caller_is_still_told_to_authenticate_first():
    from django.test import Client

    response = Client().post(
        "/api/v1/pregnancies", registration(given_name="a\x00b"), content_type="application/json"
    )
    problem_of(response, 401, "not_authenticated")


def test_a_body_that_is_not_json_is_still_a_bad_request(midwife):
    response = api_for(midwife).call("POST", "/pregnancies", None, CONTENT_TYPE="application/json")
    assert response.status_code in (400, 422)


# --- CSRF ---------------------------------------------------------------------------------


def test_a_session_call_without_its_csrf_token_answers_csrf_failed(editor):
    from django.test import Client

    from perinatal.accounts.tests.factories import logged_in_client

    client = logged_in_client(editor, client=Client(enforce_csrf_checks=True))
    for method, path in [
        ("post", "/api/v1/openapi.json"),  # refused by Django's middleware
        ("post", "/api/v1/problems/"),
        ("patch", "/api/v1/services/00000000-0000-0000-0000-000000000000"),  # by Ninja
    ]:
        response = getattr(client, method)(path, {}, content_type="application/json")
        answer = problem_of(response, 403, "csrf_failed")
        assert "X-CSRFToken" in answer["detail"], (path, answer)


def test_a_page_form_without_its_csrf_token_is_refused_in_the_visitors_language(editor):
    from django.test import Client

    from perinatal.accounts.tests.factories import logged_in_client

    client = logged_in_client(editor, client=Client(enforce_csrf_checks=True))
    response = client.post("/fr/account/tokens/", {"name": "x", "days": 3})
    assert response.status_code == 403
    assert '<html lang="fr"' in response.content.decode()
