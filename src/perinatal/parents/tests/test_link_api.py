"""`POST /api/v1/parents/link` (decision 0035): a parent's session with its CSRF token links as
the page does, with the same one refusal for every wrong try."""

import json
from datetime import date, timedelta

import pytest

from django.test import Client

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import logged_in_client, make_persona
from perinatal.pathways.tests.factories import register

from .. import linking
from ..models import ParentLink
from ..services.linking import NOT_LINKED, link_code_issue

pytestmark = pytest.mark.django_db

BIRTH = date(1994, 3, 12)
URL = "/api/v1/parents/link"


@pytest.fixture
def nurse():
    return make_persona(Role.KG_PROFESSIONAL)


@pytest.fixture
def family(nurse):
    return register(nurse)


def session_of(user) -> Client:
    client = logged_in_client(user, client=Client(enforce_csrf_checks=True))
    client.get("/nl/account/")  # the CSRF cookie
    return client


def call(client: Client, body: dict, language: str = "en"):
    return client.post(
        URL,
        json.dumps(body, default=str),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_a_parent_links_with_the_code_and_the_date_of_birth(family, nurse):
    parent = make_persona(Role.PARENT)
    code = link_code_issue(pregnancy=family, by=nurse).shown.lower()
    response = call(session_of(parent), {"code": code, "mother_birth_date": BIRTH})
    assert response.status_code == 201
    assert response.json()["family_id"] == str(family.public_id)
    assert ParentLink.objects.filter(user=parent, pregnancy=family).exists()


def test_an_unknown_code_and_a_wrong_date_answer_the_same(family, nurse):
    client = session_of(make_persona(Role.PARENT))
    code = link_code_issue(pregnancy=family, by=nurse).code
    unknown = call(client, {"code": linking.new_code(), "mother_birth_date": BIRTH})
    wrong = call(client, {"code": code, "mother_birth_date": BIRTH + timedelta(days=1)})
    assert unknown.status_code == wrong.status_code == 422
    shapes = [(r.json()["code"], r.json()["detail"], r.json()["errors"]) for r in (unknown, wrong)]
    assert shapes[0] == shapes[1]
    assert shapes[0][1] == str(NOT_LINKED)


def test_a_malformed_code_is_an_error_of_its_field(family):
    response = call(
        session_of(make_persona(Role.PARENT)), {"code": "AB", "mother_birth_date": BIRTH}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "code"


def test_the_sixth_try_of_an_hour_is_429_with_retry_after(family, nurse):
    client = session_of(make_persona(Role.PARENT))
    for _ in range(5):
        call(client, {"code": linking.new_code(), "mother_birth_date": BIRTH})
    code = link_code_issue(pregnancy=family, by=nurse).code
    response = call(client, {"code": code, "mother_birth_date": BIRTH})
    assert response.status_code == 429
    assert response.json()["code"] == "too_many_tries"
    assert int(response["Retry-After"]) > 0


def test_a_second_code_for_the_same_family_is_a_conflict(family, nurse):
    parent = make_persona(Role.PARENT)
    client = session_of(parent)
    for status in (201, 409):
        code = link_code_issue(pregnancy=family, by=nurse).code
        assert call(client, {"code": code, "mother_birth_date": BIRTH}).status_code == status


def test_a_professional_is_refused_and_an_anonymous_caller_is_not_authenticated(family, nurse):
    code = link_code_issue(pregnancy=family, by=nurse).code
    body = {"code": code, "mother_birth_date": BIRTH}
    assert call(session_of(nurse), body).status_code == 403
    anonymous = Client().post(URL, json.dumps(body, default=str), content_type="application/json")
    assert anonymous.status_code == 401
    assert not ParentLink.objects.exists()
