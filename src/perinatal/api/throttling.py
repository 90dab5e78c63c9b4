"""How often the API may be called: two throttles on the whole API, at the rates of the setting
`API_THROTTLE_RATES` (`{"anon": "600/m", "user": "3000/m"}` by default; `None` turns one off).

- `user`: a call with an API token is counted **per token** (two tokens of one user count
  apart: a script that runs away stops alone, the owner's other tools go on); a call in a
  logged-in session counts as its user.
- `anon`: any other call is counted by the caller's address.

The counts live in the default cache (Redis in a deployment with several servers, so every
server counts into the same number): one counter per caller and window of the rate's length,
made with `cache.add` and raised with `cache.incr`, which Redis does atomically (two servers
never lose a call, as a read-modify-write of a list would). A fixed window lets a caller make
at most twice the rate across a window's edge; the rates are set with that in mind. When the
cache cannot be reached to count (`core/cache.CacheUnavailable`), the call goes through: the
throttles protect the servers, not the data, which the tokens and the selectors guard.

A call past the rate is the 429 problem `throttled` with `Retry-After`, the seconds until its
window ends (`api/errors.py`). An app may give a router or an operation a stricter throttle
of its own (`throttle=`).
"""

import hashlib
import math
import threading
import time
from collections.abc import Callable

from ninja.throttling import BaseThrottle

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.http import HttpRequest

from perinatal.core.cache import CacheUnavailable

DEFAULT_RATES: dict[str, str | None] = {"anon": "600/m", "user": "3000/m"}
KEY_PREFIX = "api-throttle"


def principal_of(request: HttpRequest) -> str | None:
    """Who a call is counted for: `token:<id>` (the API token that authenticated it),
    `user:<id>` (a logged-in session, or another authentication's user), None: nobody."""
    token = getattr(request, "api_token", None)
    if token is not None:
        return f"token:{token.pk}"
    auth = getattr(request, "auth", None)
    user = auth if getattr(auth, "is_authenticated", False) else getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return f"user:{user.pk}"
    return None


class WindowThrottle(BaseThrottle):
    """At most `num_requests` calls per `duration` seconds for each caller that `ident`
    names (None: not this throttle's caller), counted in the default cache."""

    def __init__(self, scope: str, rate: str, ident: Callable[[HttpRequest], str | None]):
        self.scope = scope
        self.rate = rate
        self.num_requests, self.duration = _parsed(rate)
        self.ident = ident
        self.timer: Callable[[], float] = time.time
        self.cache: BaseCache = cache  # the default cache (a proxy: settings may change it)
        self._last = threading.local()  # `wait()` follows `allow_request()` in one thread

    def allow_request(self, request: HttpRequest) -> bool:
        self._last.wait = None
        ident = self.ident(request)
        if ident is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
        key = f"{KEY_PREFIX}:{self.scope}:{digest}:{self.duration}:{window}"
        try:
            count = _counted(self.cache, key, timeout=self.duration + 1)
        except CacheUnavailable:
            return True
        if count <= self.num_requests:
            return True
        self._last.wait = (window + 1) * self.duration - now
        return False

    def wait(self) -> float | None:
        wait = getattr(self._last, "wait", None)
        return None if wait is None else max(1, math.ceil(wait))


def _counted(cache: BaseCache, key: str, *, timeout: int) -> int:
    """This call's number in its window: the counter raised by one (made at 1 when new)."""
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        return 1


PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def _parsed(rate: str) -> tuple[int, int]:
    """`"600/m"` → (600, 60); `"10/5m"` → (10, 300), as Ninja reads a rate."""
    number, _, period = rate.partition("/")
    unit = period.lstrip("0123456789")
    multiple = period[: len(period) - len(unit)]
    if not number.isdigit() or unit not in PERIODS or int(number) < 1:
        raise ValueError(f"Invalid rate format: {rate}")
    return int(number), int(multiple or 1) * PERIODS[unit]


def _address(request: HttpRequest) -> str | None:
    if principal_of(request) is not None:
        return None
    return f"address:{BaseThrottle().get_ident(request)}"


def api_throttles() -> list[BaseThrottle]:
    """The throttles of the whole API, at the configured rates."""
    rates = {**DEFAULT_RATES, **getattr(settings, "API_THROTTLE_RATES", {})}
    throttles: list[BaseThrottle] = []
    if rates["anon"]:
        throttles.append(WindowThrottle("anon", rates["anon"], _address))
    if rates["user"]:
        throttles.append(WindowThrottle("user", rates["user"], principal_of))
    return throttles
