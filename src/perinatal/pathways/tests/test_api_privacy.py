"""A whole pathway through the API: no national number in any URL or answer (nor in the
access log), per-field input errors in the request's own names, and an OpenAPI document
that lists every operation."""

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.test import Client

from perinatal.audit.models import AccessEvent
from perinatal.directory.tests.factories import OrganizationFactory, ServiceFactory
from perinatal.pathways.models import Child, Pregnancy

from .api_support import api_for, national_numbers_in
from .factories import national_number_for, participate

pytestmark = pytest.mark.django_db

MOTHER = national_number_for(date(1994, 3, 12), 33)
PARTNER = national_number_for(date(1990, 11, 2), 101)
CHILD = national_number_for(date(2025, 5, 30), 998)
NUMBERS = (MOTHER, PARTNER, CHILD)
WRONG = MOTHER[:-1] + str((int(MOTHER[-1]) + 1) % 10)  # the check digits do not match


@pytest.fixture(autouse=True)
def frozen():
    moment = datetime(2025, 6, 2, 10, tzinfo=ZoneInfo("Europe/Brussels"))
    with time_machine.travel(moment, tick=False):
        yield


def registration(**overrides) -> dict:
    body = {
        "mother": {
            "given_name": "Amina",
            "family_name": "Testmoeder",
            "birth_date": "1994-03-12",
            "national_number": f"{MOTHER[:2]}.{MOTHER[2:4]}.{MOTHER[4:6]}-{MOTHER[6:9]}.{MOTHER[9:]}",
            "languages": ["fr", "ar"],
        },
        "partner": {
            "given_name": "Youssef",
            "family_name": "Testvader",
            "national_number": PARTNER,
        },
        "postcode": "1080",
        "municipality": "Molenbeek-Saint-Jean",
        "languages": ["fr", "ar"],
        "due_date": "2025-06-05",
        "registered_on": "2025-03-01",
        "consent_to_share": True,
    }
    body.update(overrides)
    return body


def test_the_wrong_number_is_wrong():
    assert national_numbers_in(MOTHER) and not national_numbers_in(WRONG)


def test_the_scan_finds_a_national_number_however_it_is_written():
    formatted = f"{MOTHER[:2]}.{MOTHER[2:4]}.{MOTHER[4:6]}-{MOTHER[6:9]}.{MOTHER[9:]}"
    for text in (MOTHER, formatted, f'{{"n": "{MOTHER}"}}', f"/api/v1/x?nn={MOTHER}"):
        assert national_numbers_in(text), text
    assert not national_numbers_in("94.03.12-***.** 2025-06-02T10:00:00 a1b2c3d4-0000")


def test_a_whole_pathway_never_shows_a_national_number(midwife, kraamzorg_user):
    participate(midwife)
    directory_org = OrganizationFactory()
    kraamzorg_user.organisation.directory_organization = directory_org
    kraamzorg_user.organisation.save()
    service = ServiceFactory(organization=directory_org)
    api = api_for(midwife)

    created = api.post("/pregnancies", registration())
    assert created.status_code == 201, created.content
    family = created.json()
    assert family["mother"]["national_number_masked"] == "94.03.12-***.**"
    assert family["area"]["region"] == "brussels"
    pid = family["id"]
    assert Pregnancy.objects.get(public_id=pid).mother.national_number_hash

    found = api.post("/pregnancies/lookup", {"national_number": MOTHER}).json()
    assert found == {"found": True, "visible": True, "id": pid}
    assert api.get("/pregnancies?name=amina").json()[0]["id"] == pid
    born = api.post(
        f"/pregnancies/{pid}/births",
        {
            "date": "2025-05-30",
            "place": "hospital",
            "place_name": "UMC Sint-Pieter",
            "children": [{"given_name": "Noor", "sex": "F", "national_number": CHILD}],
        },
    )
    assert born.status_code == 201, born.content
    assert born.json()["children"][0]["national_number_masked"] == "25.05.30-***.**"
    assert Child.objects.get().national_number_hash
    screened = api.post(f"/pregnancies/{pid}/screenings", {"positive": ["housing", "finances"]})
    assert screened.json()["scenario"] == "B"
    assert (
        api.post(
            f"/pregnancies/{pid}/programme-services",
            {"kind": "coordination", "date": "2025-06-02", "note": "with the OCMW"},
        ).status_code
        == 201
    )
    referral = api.post(
        f"/pregnancies/{pid}/referrals", {"service_id": str(service.id), "reason": "kraamzorg"}
    ).json()
    recipient = api_for(kraamzorg_user)
    received = recipient.get("/referrals/received").json()
    assert [r["id"] for r in received] == [referral["id"]]
    answered = recipient.post(
        f"/referrals/{referral['id']}/answer", {"status": "accepted", "note": "visit Monday"}
    )
    assert answered.json()["status"] == "accepted"

    detail = api.get(f"/pregnancies/{pid}").json()
    assert detail["scenario"]["code"] == "B"
    assert detail["birth"]["children"][0]["given_name"] == "Noor"
    assert {m["organisation"] for m in detail["care_team"]} == {
        str(midwife.organisation),
        str(kraamzorg_user.organisation),
    }
    kinds = {entry["kind"] for entry in api.get(f"/pregnancies/{pid}/timeline").json()}
    assert {"moment", "birth", "screening", "programme_service", "referral"} <= kinds
    referrals = api.get(f"/pregnancies/{pid}/referrals").json()
    assert referrals[0]["status"] == "accepted"
    for path in ("births", "screenings", "programme-services", "entitlements"):
        assert api.get(f"/pregnancies/{pid}/{path}").status_code == 200

    seen = api.seen + recipient.seen
    assert len(seen) > 30
    for text in seen:
        assert not national_numbers_in(text), text[:300]
    log = AccessEvent.objects.values_list(
        "subject", "record_type", "record_id", "purpose", "reason"
    )
    for row in log:
        assert not national_numbers_in(" ".join(row)), row


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        (
            registration(mother={"given_name": "A", "family_name": "B", "national_number": WRONG}),
            {"mother.national_number"},
        ),
        (
            registration(mother={"given_name": "A", "family_name": "B"}),
            {"mother.national_number"},
        ),
        (registration(postcode="99999", municipality=" "), {"postcode", "municipality"}),
        (registration(languages=["klingon"]), {"languages"}),
        (registration(due_date="2026-06-05"), {"due_date"}),
        (
            registration(partner={"given_name": "P", "family_name": "Q", "national_number": "123"}),
            {"partner.national_number"},
        ),
        (registration(due_date="not a date"), {"due_date"}),
        (
            registration(
                mother={"given_name": "A", "family_name": "B", "no_national_number": "why not"}
            ),
            {"mother.no_national_number"},
        ),
    ],
)
def test_wrong_input_is_refused_per_field_and_nothing_is_stored(midwife, body, fields):
    response = api_for(midwife).post("/pregnancies", body)
    assert response.status_code == 422, response.content
    answer = response.json()
    assert answer["code"] == "invalid_input"
    assert {e["field"] for e in answer["errors"]} == fields
    assert all(e["message"] for e in answer["errors"])
    assert not national_numbers_in(response.content.decode())
    assert WRONG[:9] not in response.content.decode()
    assert not Pregnancy.objects.exists()


def test_a_child_error_names_the_child_in_the_body(midwife):
    api = api_for(midwife)
    pid = api.post("/pregnancies", registration()).json()["id"]
    response = api.post(
        f"/pregnancies/{pid}/births",
        {
            "date": "2025-05-30",
            "place": "home",
            "children": [
                {"given_name": "A"},
                {"given_name": "B", "national_number": "12345678901"},
            ],
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "children.1.national_number", "message": response.json()["errors"][0]["message"]}
    ]
    assert not Child.objects.exists()


def test_a_lookup_with_an_invalid_number_is_invalid_input(midwife):
    response = api_for(midwife).post("/pregnancies/lookup", {"national_number": WRONG})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["national_number"]


def test_a_referral_to_an_unknown_service_is_invalid_input(midwife):
    api = api_for(midwife)
    pid = api.post("/pregnancies", registration()).json()["id"]
    response = api.post(
        f"/pregnancies/{pid}/referrals",
        {"service_id": "00000000-0000-4000-8000-000000000000", "reason": "x"},
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["service_id"]


def test_an_answer_that_breaks_the_referral_loop_is_invalid_input(midwife, kraamzorg_user):
    directory_org = OrganizationFactory()
    kraamzorg_user.organisation.directory_organization = directory_org
    kraamzorg_user.organisation.save()
    api = api_for(midwife)
    pid = api.post("/pregnancies", registration()).json()["id"]
    service = ServiceFactory(organization=directory_org)
    rid = api.post(
        f"/pregnancies/{pid}/referrals", {"service_id": str(service.id), "reason": "x"}
    ).json()["id"]
    recipient = api_for(kraamzorg_user)
    completed = recipient.post(f"/referrals/{rid}/answer", {"status": "completed"})
    assert completed.status_code == 422
    assert [e["field"] for e in completed.json()["errors"]] == ["status"]
    declined = recipient.post(f"/referrals/{rid}/answer", {"status": "declined"})
    assert [e["field"] for e in declined.json()["errors"]] == ["note"]


OPERATIONS = {
    "/api/v1/pregnancies": {"get", "post"},
    "/api/v1/pregnancies/lookup": {"post"},
    "/api/v1/pregnancies/{pregnancy_id}": {"get"},
    "/api/v1/pregnancies/{pregnancy_id}/timeline": {"get"},
    "/api/v1/pregnancies/{pregnancy_id}/births": {"get", "post"},
    "/api/v1/pregnancies/{pregnancy_id}/screenings": {"get", "post"},
    "/api/v1/pregnancies/{pregnancy_id}/programme-services": {"get", "post"},
    "/api/v1/pregnancies/{pregnancy_id}/entitlements": {"get"},
    "/api/v1/pregnancies/{pregnancy_id}/entitlements/{kind}": {"get"},
    "/api/v1/pregnancies/{pregnancy_id}/referrals": {"get", "post"},
    "/api/v1/referrals/received": {"get"},
    "/api/v1/referrals/{referral_id}/answer": {"post"},
}


def test_openapi_documents_every_operation_with_token_auth():
    schema = Client().get("/api/v1/openapi.json").json()
    bearer = [
        name
        for name, s in schema["components"]["securitySchemes"].items()
        if s.get("scheme") == "bearer"
    ]
    assert bearer
    for path, methods in OPERATIONS.items():
        assert set(schema["paths"][path]) == methods, path
        for method in methods:
            operation = schema["paths"][path][method]
            assert operation["summary"], (path, method)
            assert operation["security"] == [{bearer[0]: []}], (path, method)
            ok = "201" if method == "post" and not path.endswith(("lookup", "answer")) else "200"
            assert "application/json" in operation["responses"][ok]["content"], (path, method)
            assert {"401", "403"} <= set(operation["responses"]), (path, method)
    refused = schema["paths"]["/api/v1/pregnancies/{pregnancy_id}/screenings"]["post"]
    assert "422" in refused["responses"]
    codes = schema["components"]["schemas"]["RefusalOut"]["properties"]["code"]["enum"]
    assert set(codes) == {
        "not_entitled",
        "limit_reached",
        "outside_period",
        "provider_not_participating",
        "screening_window_closed",
        "already_screened",
        "profession_not_allowed",
        "period_limit_reached",
    }
    person = schema["components"]["schemas"]["PersonOut"]["properties"]
    assert "national_number" not in person and "national_number_masked" in person


def test_the_readme_lists_every_families_operation():
    readme = (Path(__file__).parents[4] / "README.md").read_text(encoding="utf-8")
    lines = readme.splitlines()
    schema = Client().get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        if not path.startswith(("/api/v1/pregnancies", "/api/v1/referrals")):
            continue
        written = re.sub(r"\{\w+_id\}", "{id}", path)
        mention = re.compile(rf"[` ]{re.escape(written)}[`?]")
        listed = " ".join(ln for ln in lines if ln.startswith("| `") and mention.search(ln))
        assert listed, f"README does not list {written}"
        for method in operations:
            assert f"`{method.upper()}" in listed, f"README does not list {method} {written}"
