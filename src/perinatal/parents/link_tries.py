"""How many tries to link an account may make: `link_code.tries_per_hour` (data/linking.yaml)
per clock hour, right or wrong, whatever the code. With the lock of a code after five wrong
dates of birth (`services/linking.py`), this bounds guessing: one account can try a handful
of codes an hour, among some 6 × 10^14 (docs/decisions/0035-linking-a-parent.md).

The count is one integer per (account, hour) in the default cache, made with `add` and raised
with `incr` (atomic in Redis, so every server counts every try; decision 0034). When the cache
cannot count, linking is refused for the moment (fail closed, like the login's limits in
`core/ratelimits.py`): an unbounded number of guesses is worse than a few minutes' wait.
"""

import time
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import ngettext

from perinatal.core.cache import CacheUnavailable

from .linking import tries_per_hour

WINDOW = 3600  # seconds
WHEN_DOWN_RETRY = 60  # seconds


class TooManyTries(Exception):
    """Over the account's tries this hour; `retry_after` seconds until it may try again."""

    def __init__(self, retry_after: int, *, cache_down: bool = False) -> None:
        super().__init__("too many tries to link")
        self.retry_after = max(1, retry_after)
        self.cache_down = cache_down

    def user_message(self) -> str:
        minutes = max(1, -(-self.retry_after // 60))
        if self.cache_down:
            return ngettext(
                "Linking is not possible for a moment. Try again in %(minutes)d minute.",
                "Linking is not possible for a moment. Try again in %(minutes)d minutes.",
                minutes,
            ) % {"minutes": minutes}
        return ngettext(
            "You tried too many codes. Try again in %(minutes)d minute.",
            "You tried too many codes. Try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}


def _counted(key: str) -> int:
    if cache.add(key, 1, WINDOW):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        return 1


def count_try(user: Any) -> None:
    """Count one try by `user`; over the hour's tries raise TooManyTries (also when the
    cache cannot count)."""
    now = int(time.time())
    window = now - now % WINDOW
    try:
        number = _counted(f"parents.link_tries:{user.pk}:{window}")
    except CacheUnavailable as exc:
        raise TooManyTries(WHEN_DOWN_RETRY, cache_down=True) from exc
    if number > tries_per_hour(timezone.localdate()):
        raise TooManyTries(window + WINDOW - now)
