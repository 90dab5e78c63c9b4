"""`perinatal check --deploy` warns when several server processes would each count rate limits
alone (no REDIS_URL), and refuses a metrics network that is not one."""

import io

import pytest

from django.core.management import call_command
from django.core.management.base import SystemCheckError


@pytest.fixture(autouse=True)
def _as_deployed(monkeypatch):
    """The suite allows async-unsafe calls (Playwright); a deployment does not."""
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)


def deploy_check() -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("check", deploy=True, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_several_workers_without_redis_are_warned_about(settings, monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    output = deploy_check()
    assert "perinatal.W031" in output
    assert "4 server processes would each count rate limits" in output
    assert "Set REDIS_URL" in output


def test_the_default_worker_count_counts_too(settings, monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)  # gunicorn's default: 2 × 2 + 1 workers
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert "5 server processes" in deploy_check()


def test_one_worker_or_a_shared_cache_is_fine(settings, monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert "perinatal.W031" not in deploy_check()
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    settings.CACHES = {
        "default": {
            "BACKEND": "perinatal.core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    assert "perinatal.W031" not in deploy_check()


def test_a_malformed_metrics_network_is_an_error(settings):
    settings.METRICS_ALLOWED_NETWORKS = ["127.0.0.1/32", "10.0.0.0/33"]
    with pytest.raises(SystemCheckError, match=r"perinatal.E032.*'10.0.0.0/33'"):
        deploy_check()
