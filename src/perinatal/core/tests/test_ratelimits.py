"""The pages' rate limits (core/ratelimits.py): counted in the shared cache, and each page's
choice when the cache cannot count."""

import pytest
from django_ratelimit.exceptions import Ratelimited

from django.http import HttpResponse
from django.test import RequestFactory

from perinatal.core.ratelimits import WhenCacheDown, ratelimit

from .redis_support import prefix, redis_down, redis_up  # noqa: F401


def _view(when_cache_down: WhenCacheDown):
    @ratelimit(key="ip", rate="2/m", when_cache_down=when_cache_down)
    def view(request):
        return HttpResponse("ok")

    return view


def _post(view, address="192.0.2.7"):
    request = RequestFactory().post("/form/", REMOTE_ADDR=address)
    try:
        return view(request).status_code
    except Ratelimited:
        return 429


@pytest.mark.usefixtures("redis_up")
@pytest.mark.parametrize("when_cache_down", list(WhenCacheDown))
def test_the_third_post_in_a_minute_is_refused(when_cache_down):
    view = _view(when_cache_down)
    assert [_post(view) for _ in range(3)] == [200, 200, 429]
    assert _post(view, address="192.0.2.8") == 200  # another address counts on its own


@pytest.mark.usefixtures("redis_up")
def test_reading_is_not_counted():
    view = _view(WhenCacheDown.REFUSE)
    for _ in range(5):
        assert view(RequestFactory().get("/form/", REMOTE_ADDR="192.0.2.7")).status_code == 200


@pytest.mark.usefixtures("redis_down")
def test_with_the_cache_down_a_refusing_page_refuses():
    assert _post(_view(WhenCacheDown.REFUSE)) == 429


@pytest.mark.usefixtures("redis_down")
def test_with_the_cache_down_an_allowing_page_lets_every_post_through():
    view = _view(WhenCacheDown.ALLOW)
    assert [_post(view) for _ in range(5)] == [200] * 5


def test_every_page_limit_goes_through_core_ratelimits():
    """django-ratelimit's own decorator would fail closed everywhere when Redis is down
    (or with a 500): the pages use core/ratelimits.py, which chooses per page."""
    from pathlib import Path

    package = Path(__file__).resolve().parents[2]
    users = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "/tests/" not in path.as_posix() and "django_ratelimit.decorators" in path.read_text()
    ]
    assert users == []
