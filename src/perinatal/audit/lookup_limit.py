"""Lookups by national number are limited per user (issue 17, decision 0033).

Finding a family by the mother's number (`POST /pregnancies/lookup`, the find page) and
asking whether a family has a Kindboekje (`POST /booklets/status`, the ask page) tell something
about whoever owns the number; a user who looks up more than `LOOKUP_RATE` (default 60 an
hour) is refused until the window ends: the API answers 429 `too_many_lookups` with
`Retry-After`, the pages the 429 page with the same message and header. The count lives in the default cache, shared by every
process (Redis in production); when the cache cannot be reached the lookup goes through
uncounted (`WhenCacheDown.ALLOW`: care goes first, and every lookup is in the access log
anyway). Each refused lookup is itself in the access log (outcome `refused`, reason
`too_many_lookups`), written at once: callers count before their transaction opens.
"""

from typing import Any

from django_ratelimit import ALL
from django_ratelimit.core import get_usage
from django_ratelimit.exceptions import Ratelimited

from django.conf import settings
from django.utils.translation import ngettext

from perinatal.core.cache import CacheUnavailable

from .models import AccessAction, AccessBasis, RefusalReason
from .services import access_record

GROUP = "perinatal.lookups"


class TooManyLookups(Ratelimited):
    """Over the lookup rate; `retry_after` seconds until the window ends. A `Ratelimited`, so
    the pages answer it with the 429 page (`core.pages.rate_limited`, through
    django-ratelimit's middleware); the API with its own problem (`api/errors.py`)."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("too many lookups")
        self.retry_after = max(1, retry_after)

    def user_message(self) -> str:
        return too_many_lookups_message(self)


def lookup_count(*, user: Any, request: Any, record_type: str, purpose: str) -> None:
    """Count one lookup by `user`; over the rate, log the refusal and raise TooManyLookups.
    Without a request (a command, a test of the service) nothing is counted."""
    if request is None:
        return
    try:
        usage = get_usage(
            request,
            group=GROUP,
            key=lambda group, request: str(user.pk),
            rate=settings.LOOKUP_RATE,
            method=ALL,
            increment=True,
        )
    except CacheUnavailable:
        return
    if not usage or not usage["should_limit"]:
        return
    access_record(
        actor=user,
        action=AccessAction.SEARCH,
        record_type=record_type,
        purpose=purpose,
        basis=AccessBasis.NONE,
        refusal=RefusalReason.TOO_MANY_LOOKUPS,
        request=request,
    )
    raise TooManyLookups(int(usage["time_left"]))


def too_many_lookups_message(exc: TooManyLookups) -> str:
    """What the user reads, in the user's language."""
    minutes = max(1, -(-exc.retry_after // 60))
    return ngettext(
        "You looked up too many national numbers. Try again in %(minutes)d minute.",
        "You looked up too many national numbers. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
