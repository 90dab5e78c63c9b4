"""When Redis is down the site keeps working: the shared cache misses (core/cache.py), the
rate limits fail closed for the account-security forms and open for everything else
(core/ratelimits.py), and `/readyz` says the cache is down. Redis is "down" by pointing the
cache at a loopback port that was bound and closed."""

import logging
import time

import pytest

from django.core.cache import caches
from django.urls import reverse

from perinatal.core import cache as cache_module
from perinatal.core.cache import CacheUnavailable, ResilientRedisCache
from perinatal.directory.models import ErrorReport
from perinatal.directory.tests.factories import ServiceFactory

from .redis_support import REDIS_URL, closed_port, prefix, redis_down, redis_up  # noqa: F401

DEAD_OPTIONS = {"OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}}


def dead_cache() -> ResilientRedisCache:
    return ResilientRedisCache(f"redis://127.0.0.1:{closed_port()}/0", DEAD_OPTIONS)


def test_a_dead_redis_misses_instead_of_failing():
    cache = dead_cache()
    cache.set("chart", b"<svg/>", 60)
    assert cache.get("chart") is None
    assert cache.get("chart", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.delete("chart") is False
    assert cache.has_key("chart") is False
    assert cache.get_or_set("figures", lambda: 42) == 42


def test_counting_says_that_it_could_not():
    cache = dead_cache()
    with pytest.raises(CacheUnavailable):
        cache.add("rl:count", 1, 60)
    with pytest.raises(CacheUnavailable):
        cache.incr("rl:count")


def test_a_dead_redis_does_not_slow_every_call(monkeypatch):
    monkeypatch.setattr(cache_module, "RETRY_AFTER", 0.0)  # every call tries Redis
    cache = dead_cache()
    started = time.monotonic()
    for _ in range(50):
        cache.get("chart")
    assert time.monotonic() - started < 2.0


@pytest.fixture
def cache_log(monkeypatch):
    """The records of the cache's logger (which another library's logging configuration, in
    the same test process, may have disabled)."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("perinatal.core.cache")
    monkeypatch.setattr(logger, "disabled", False)
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def test_one_warning_a_minute_without_traceback(monkeypatch, cache_log):
    monkeypatch.setattr(cache_module, "RETRY_AFTER", 0.0)
    cache = dead_cache()
    for _ in range(20):
        cache.get("chart")
        cache.set("chart", 1)
    assert len(cache_log) == 1
    assert cache_log[0].levelno == logging.WARNING
    assert cache_log[0].exc_info is None
    assert "cannot be reached (ConnectionError)" in cache_log[0].getMessage()


def test_the_warning_names_no_password():
    cache = ResilientRedisCache(f"redis://:s3cret@127.0.0.1:{closed_port()}/0", DEAD_OPTIONS)
    assert cache.location.startswith("redis://127.0.0.1:")
    assert "s3cret" not in cache.location


def test_a_live_redis_behaves_like_djangos(prefix):  # noqa: F811
    cache = ResilientRedisCache(REDIS_URL, {"KEY_PREFIX": prefix, **DEAD_OPTIONS})
    assert cache.add("n", 1, 60) is True
    assert cache.add("n", 5, 60) is False
    assert cache.incr("n") == 2
    cache.set("chart", b"<svg/>", 60)
    assert cache.get("chart") == b"<svg/>"
    assert cache.get_many(["chart", "absent"]) == {"chart": b"<svg/>"}
    assert cache.delete("chart") is True
    cache.delete_many(["n"])
    assert cache.get("n") is None


@pytest.mark.django_db
def test_pages_keep_working_when_redis_is_down(client, redis_down):  # noqa: F811
    service = ServiceFactory()
    assert isinstance(caches["default"], ResilientRedisCache)
    assert client.get(reverse("directory:search")).status_code == 200
    assert client.get(reverse("directory:search"), {"q": "vroedvrouw"}).status_code == 200
    assert client.get(reverse("directory:service", args=[service.id])).status_code == 200
    assert client.get(reverse("accounts:login")).status_code == 200  # reading is never limited
    assert client.get("/healthz").status_code == 200
    # the API's throttles count nothing and let the call through
    assert client.get("/api/v1/taxonomy_terms").status_code == 200


@pytest.mark.django_db
def test_the_account_security_forms_fail_closed(client, redis_down, parent):  # noqa: F811
    login = client.post(
        reverse("accounts:login"), {"username": parent.username, "password": "whatever"}
    )
    assert login.status_code == 429
    assert "Te veel aanvragen" in login.content.decode()  # the rate-limited page, in Dutch
    assert "_auth_user_id" not in client.session
    reset = client.post(reverse("accounts:password_reset"), {"email": parent.email})
    assert reset.status_code == 429


@pytest.mark.django_db
def test_other_forms_fail_open(client, redis_down):  # noqa: F811
    response = client.post(
        reverse("directory:report_missing"),
        {"kind": "missing", "message": "Er ontbreekt een dienst in Jette."},
    )
    assert response.status_code == 302
    assert ErrorReport.objects.count() == 1


@pytest.mark.django_db
def test_readyz_says_the_cache_is_down(client, redis_down):  # noqa: F811
    from perinatal.jobs.testing import mark_worker_alive

    mark_worker_alive()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {"cache": {"ok": False, "detail": "the probe key did not come back"}},
    }


@pytest.mark.django_db
def test_readyz_with_redis_up(client, redis_up):  # noqa: F811
    from perinatal.jobs.testing import mark_worker_alive

    mark_worker_alive()
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == {"ok": True, "detail": "ResilientRedisCache"}
