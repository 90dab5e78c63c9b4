"""The pages' rate limits: django-ratelimit's counting, with a choice per page of what happens
when the cache that counts cannot be reached.

    @ratelimit(key="ip", rate="10/h", when_cache_down=WhenCacheDown.ALLOW)
    def report_view(request): ...

The count lives in the default cache, shared by every process once `REDIS_URL` is set. When
Redis is down the cache (`core/cache.py`) raises `CacheUnavailable` to whoever counts, and the
page's choice decides:

- `WhenCacheDown.REFUSE`: the request is refused with the rate-limited page (429) — for login,
  password reset and the other account-security forms, where an unlimited number of guesses
  is worse than a few minutes without them;
- `WhenCacheDown.ALLOW`: the request goes through uncounted — for reading and the other forms.

A refused request raises django-ratelimit's `Ratelimited`, which its middleware turns into
`RATELIMIT_VIEW` (`core.pages.rate_limited`, the 429 page). Only the given methods count
(POST by default): reading a form is never limited.
"""

import functools
import logging
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from django_ratelimit.core import get_usage
from django_ratelimit.exceptions import Ratelimited

from django.http import HttpRequest

from .cache import CacheUnavailable

logger = logging.getLogger(__name__)

Key = str | Callable[[str, HttpRequest], str]


class WhenCacheDown(StrEnum):
    """What a rate-limited page does when its count cannot be read."""

    REFUSE = "refuse"  # fail closed
    ALLOW = "allow"  # fail open


def is_limited(
    request: HttpRequest,
    *,
    group: str,
    key: Key,
    rate: str,
    method: str | list[str],
    when_cache_down: WhenCacheDown,
) -> bool:
    """Count this request in `group`; True when it is over `rate` (or the count cannot be
    read and the page refuses then)."""
    try:
        usage = get_usage(request, group=group, key=key, rate=rate, method=method, increment=True)
    except CacheUnavailable:
        logger.debug("rate limit %s not counted: the cache is down (%s)", group, when_cache_down)
        return when_cache_down is WhenCacheDown.REFUSE
    return bool(usage and usage["should_limit"])


def ratelimit(
    *,
    key: Key,
    rate: str,
    when_cache_down: WhenCacheDown,
    method: str | list[str] = "POST",
    group: str | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a view function: over `rate` per `key` ("ip", "user_or_ip", or a callable
    `(group, request) -> str`), its `method` requests are refused with the 429 page. Views
    that share a `group` share one count (default: the view's module and name)."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        name = group or f"{view.__module__}.{view.__qualname__}"

        @functools.wraps(view)
        def limited_view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if is_limited(
                request,
                group=name,
                key=key,
                rate=rate,
                method=method,
                when_cache_down=when_cache_down,
            ):
                setattr(request, "limited", True)  # noqa: B010 - django-ratelimit's flag
                raise Ratelimited()
            return view(request, *args, **kwargs)

        return limited_view

    return decorator
