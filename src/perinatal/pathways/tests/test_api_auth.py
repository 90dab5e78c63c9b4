"""The families' API takes a valid bearer token of an active care professional, nothing else."""

from datetime import date, timedelta

import pytest
import time_machine

from django.test import Client
from django.utils import timezone

from perinatal.accounts import tokens
from perinatal.accounts.models import ApiToken

from .api_support import ApiClient
from .factories import national_number_for, register

pytestmark = pytest.mark.django_db


def _status(token: str | None, client: Client | None = None, **headers) -> int:
    api = ApiClient(token, client=client or Client())
    return api.get("/pregnancies", **headers).status_code


def test_a_valid_token_is_accepted_and_its_use_recorded(midwife):
    record, token = tokens.token_create(user=midwife, name="epd")
    assert _status(token) == 200
    record.refresh_from_db()
    assert record.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    ["", "Bearer", "Bearer ", "Token {token}", "Basic {token}", "Bearer {token}x", "{token}"],
)
def test_a_missing_or_malformed_token_is_refused(midwife, header):
    _record, token = tokens.token_create(user=midwife, name="epd")
    headers = {"Authorization": header.format(token=token)} if header else {}
    response = ApiClient(None).get("/pregnancies", **headers)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_an_expired_token_is_refused(midwife):
    record, token = tokens.token_create(user=midwife, name="epd", days=1)
    with time_machine.travel(record.expires_at - timedelta(seconds=1), tick=False):
        assert _status(token) == 200
    with time_machine.travel(record.expires_at, tick=False):
        assert _status(token) == 401


def test_a_revoked_token_is_refused(midwife):
    record, token = tokens.token_create(user=midwife, name="epd")
    tokens.token_revoke(token=record, by=midwife)
    assert _status(token) == 401


def test_a_token_of_a_deactivated_user_is_refused(midwife):
    _record, token = tokens.token_create(user=midwife, name="epd")
    midwife.is_active = False
    midwife.save()
    assert _status(token) == 401


def test_a_token_is_not_a_session_and_needs_no_csrf_token(midwife):
    _record, token = tokens.token_create(user=midwife, name="epd")
    api = ApiClient(token, client=Client(enforce_csrf_checks=True))
    number = national_number_for(date(1985, 7, 30), 33)
    response = api.post("/pregnancies/lookup", {"national_number": number})
    assert response.status_code == 200, response.content


def test_the_token_acts_for_its_own_user(midwife, kg_nurse, client_for):
    pregnancy = register(midwife)
    _record, nurse_token = tokens.token_create(user=kg_nurse, name="kg")
    # The midwife's verified session does not lend its rights to the nurse's token.
    for client in (Client(), client_for(midwife)):
        response = ApiClient(nurse_token, client=client).get(f"/pregnancies/{pregnancy.public_id}")
        assert response.status_code == 403
        assert response.json()["code"] == "no_access"


def test_last_used_is_written_at_most_once_a_minute(midwife):
    record, token = tokens.token_create(user=midwife, name="epd")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _status(token)
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        _status(token)
    assert ApiToken.objects.get(pk=record.pk).last_used_at == start
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        _status(token)
    assert ApiToken.objects.get(pk=record.pk).last_used_at == start + timedelta(minutes=2)
