"""The API's throttles (`api/throttling.py`): a call with an API token is counted per token (two
tokens of one user apart), a session as its user, an anonymous call by address; a call past
the rate is 429 in the shared error format with `Retry-After` (the seconds until the window
ends); the counts are in the default cache, so two servers (two cache clients of one Redis)
count together; the rates are configuration."""

import copy
import uuid

import pytest

from django.core.cache.backends.redis import RedisCache
from django.test import Client, RequestFactory, override_settings

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import logged_in_client, make_persona
from perinatal.accounts.tokens import token_create
from perinatal.api.throttling import WindowThrottle, api_throttles
from perinatal.api.v1 import api
from perinatal.core.tests.redis_support import REDIS_URL

pytestmark = pytest.mark.django_db

PUBLIC = "/api/v1/taxonomy_terms"
PROTECTED = "/api/v1/discharges/recipients"  # a care professional's, by token
NOW = 1_000_040.0  # 40 s before the end of its one-minute window


def throttle(scope: str) -> WindowThrottle:
    (found,) = [t for t in api.throttle if isinstance(t, WindowThrottle) and t.scope == scope]
    return found


@pytest.fixture
def three_a_minute(monkeypatch):
    """The API's own throttles at three calls a minute, at a fixed moment of the window."""
    for scope in ("anon", "user"):
        found = throttle(scope)
        monkeypatch.setattr(found, "num_requests", 3)
        monkeypatch.setattr(found, "duration", 60)
        monkeypatch.setattr(found, "timer", lambda: NOW)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_an_address_past_the_rate_is_told_to_wait_in_its_language(three_a_minute):
    client = Client(REMOTE_ADDR="192.0.2.10")
    assert [client.get(PUBLIC).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(PUBLIC, HTTP_ACCEPT_LANGUAGE="fr")
    assert refused.status_code == 429
    body = refused.json()
    assert body["code"] == "throttled"
    assert body["message"].startswith("Trop de requêtes")
    assert refused["Retry-After"] == "40"
    # another address is counted apart
    assert Client(REMOTE_ADDR="192.0.2.11").get(PUBLIC).status_code == 200


def test_the_refusal_is_translated(three_a_minute):
    client = Client(REMOTE_ADDR="192.0.2.20")
    for _ in range(3):
        client.get(PUBLIC)
    with override_settings(LANGUAGE_CODE="nl"):
        answer = client.get(PUBLIC, HTTP_ACCEPT_LANGUAGE="nl").json()
    assert answer["message"].startswith("Te veel aanvragen")


def test_each_token_is_counted_apart_even_for_one_user(three_a_minute):
    nurse = make_persona(Role.KG_PROFESSIONAL)
    _first, script = token_create(user=nurse, name="script")
    _second, laptop = token_create(user=nurse, name="laptop")
    client = Client(REMOTE_ADDR="192.0.2.40")
    calls = [client.get(PROTECTED, headers=bearer(script)).status_code for _ in range(4)]
    assert calls == [200, 200, 200, 429]
    refused = client.get(PROTECTED, headers=bearer(script))
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/problem+json")
    assert refused.json()["code"] == "throttled" and refused["Retry-After"] == "40"
    # the same user's other token, from the same address, is not held back
    assert client.get(PROTECTED, headers=bearer(laptop)).status_code == 200
    # nor is the address, for anonymous calls (a token's calls are not an address's)
    assert client.get(PUBLIC).status_code == 200


def test_sessions_of_one_user_count_as_that_user(three_a_minute):
    parent = make_persona(Role.PARENT)
    phone = logged_in_client(parent, client=Client(REMOTE_ADDR="192.0.2.50"))
    laptop = logged_in_client(parent, client=Client(REMOTE_ADDR="192.0.2.51"))
    assert [phone.get(PUBLIC).status_code for _ in range(3)] == [200, 200, 200]
    assert laptop.get(PUBLIC).status_code == 429
    # someone else at the phone's address is not held back
    assert Client(REMOTE_ADDR="192.0.2.50").get(PUBLIC).status_code == 200


def test_two_servers_share_the_count_through_redis():
    """Two throttles as two server processes have them, each with its own client of one
    Redis: the calls of one token through both are counted together."""
    prefix = f"perinatal-test-{uuid.uuid4().hex}"
    first = WindowThrottle("user", "3/m", lambda request: "token:1")
    first.cache = RedisCache(REDIS_URL, {"KEY_PREFIX": prefix, "TIMEOUT": 60})
    first.timer = lambda: NOW
    second = copy.copy(first)
    second.cache = RedisCache(REDIS_URL, {"KEY_PREFIX": prefix, "TIMEOUT": 60})
    request = RequestFactory().get(PROTECTED)
    answers = [server.allow_request(request) for server in (first, second, first, second)]
    assert answers == [True, True, True, False]
    assert second.wait() == 40
    assert not first.allow_request(request)


def test_the_rates_are_configuration():
    assert [(t.scope, t.num_requests, t.duration) for t in api_throttles()] == [
        ("anon", 600, 60),
        ("user", 3000, 60),
    ]
    with override_settings(API_THROTTLE_RATES={"anon": "5/s", "user": None}):
        (only,) = api_throttles()
    assert (only.scope, only.num_requests, only.duration) == ("anon", 5, 1)
    with override_settings(API_THROTTLE_RATES={"anon": "10/5m", "user": "2/h"}):
        assert [(t.num_requests, t.duration) for t in api_throttles()] == [(10, 300), (2, 3600)]
    with override_settings(API_THROTTLE_RATES={"anon": "lots"}), pytest.raises(ValueError):
        api_throttles()
