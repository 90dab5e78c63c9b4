"""The API's throttles (`api/throttling.py`): anonymous calls are counted by address, a call
past the rate is 429 in the shared error format with `Retry-After`, and the rates are
configuration."""

import pytest
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from django.test import Client, override_settings

from perinatal.api.throttling import api_throttles
from perinatal.api.v1 import api

pytestmark = pytest.mark.django_db

URL = "/api/v1/taxonomy_terms"


@pytest.fixture
def three_a_minute(monkeypatch):
    """The API's own anonymous throttle, at three calls a minute for this test."""
    (anonymous,) = [t for t in api.throttle if isinstance(t, AnonRateThrottle)]
    monkeypatch.setattr(anonymous, "num_requests", 3)
    monkeypatch.setattr(anonymous, "duration", 60)


def test_an_address_past_the_rate_is_told_to_wait_in_its_language(three_a_minute):
    client = Client(REMOTE_ADDR="192.0.2.10")
    assert [client.get(URL).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(URL, HTTP_ACCEPT_LANGUAGE="fr")
    assert refused.status_code == 429
    body = refused.json()
    assert body["code"] == "throttled"
    assert body["message"].startswith("Trop de requêtes")
    assert 0 < int(refused["Retry-After"]) <= 60
    # another address is counted apart
    assert Client(REMOTE_ADDR="192.0.2.11").get(URL).status_code == 200


def test_the_refusal_is_translated(three_a_minute):
    client = Client(REMOTE_ADDR="192.0.2.20")
    for _ in range(3):
        client.get(URL)
    with override_settings(LANGUAGE_CODE="nl"):
        answer = client.get(URL, HTTP_ACCEPT_LANGUAGE="nl").json()
    assert answer["message"].startswith("Te veel aanvragen")


def test_the_rates_are_configuration():
    kinds = [type(t) for t in api_throttles()]
    assert kinds == [AnonRateThrottle, AuthRateThrottle]
    with override_settings(API_THROTTLE_RATES={"anon": "5/s", "user": None}):
        (only,) = api_throttles()
    assert (type(only), only.num_requests, only.duration) == (AnonRateThrottle, 5, 1)
