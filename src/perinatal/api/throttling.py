"""How often the API may be called: django-ninja's throttles on the whole API, by address for
anonymous calls and by user for authenticated ones, at the rates of the setting
`API_THROTTLE_RATES` (`{"anon": "600/m", "user": "3000/m"}` by default; `None` turns one off).

The counts live in the default cache (so several servers count together once the cache is
shared). An app may give a router or an operation a stricter throttle of its own
(`throttle=`); a refused call is the 429 problem `throttled` with `Retry-After`
(`api/errors.py`)."""

from ninja.throttling import AnonRateThrottle, AuthRateThrottle, BaseThrottle

from django.conf import settings

DEFAULT_RATES: dict[str, str | None] = {"anon": "600/m", "user": "3000/m"}


def api_throttles() -> list[BaseThrottle]:
    """The throttles of the whole API, at the configured rates."""
    rates = {**DEFAULT_RATES, **getattr(settings, "API_THROTTLE_RATES", {})}
    throttles: list[BaseThrottle] = []
    if rates["anon"]:
        throttles.append(AnonRateThrottle(rates["anon"]))
    if rates["user"]:
        throttles.append(AuthRateThrottle(rates["user"]))
    return throttles
