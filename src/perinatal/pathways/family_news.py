"""News about a family for whoever above the family record wants to hear it.

The apps that change a family's story (pathways' referrals, kraamzorg, the Kindboekje order
desk) tell their own recipients through `notifications` (decision 0030). The parents' own
space sits above them in the layers and cannot be imported by them, yet a family's linked
parents must hear of a referral made or answered, a kraamzorg answer, a booklet order handled
(decision 0038). So these apps call `tell_family(FamilyNews(...))` inside their transaction,
and an app above registers a listener once, from its `AppConfig.ready()`:

    family_listeners.register("parents", tell_linked_parents)

A listener is called in the caller's transaction (its notifications are rolled back with the
change; e-mails leave at commit). `told` holds the ids of the users the calling app already
told about the same event, so nobody hears it twice.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from perinatal.core.registry import Registry

# The events, as stable keys (a listener chooses its wording per event).
REFERRAL_MADE = "referral_made"
REFERRAL_ANSWERED = "referral_answered"
KRAAMZORG_ACCEPTED = "kraamzorg_accepted"
KRAAMZORG_WAITING = "kraamzorg_waiting"
KRAAMZORG_REFUSED = "kraamzorg_refused"
KRAAMZORG_FORWARDED = "kraamzorg_forwarded"
BOOKLET_ORDER_HANDLED = "booklet_order_handled"
EVENTS = (
    REFERRAL_MADE,
    REFERRAL_ANSWERED,
    KRAAMZORG_ACCEPTED,
    KRAAMZORG_WAITING,
    KRAAMZORG_REFUSED,
    KRAAMZORG_FORWARDED,
    BOOKLET_ORDER_HANDLED,
)


@dataclass(frozen=True)
class FamilyNews:
    """`event` (one of EVENTS) happened to the family `pregnancy_id` about `about`;
    `params` are safe to show in an inbox (a service's name, a reference, never a note)."""

    event: str
    pregnancy_id: int
    about: models.Model
    params: dict[str, str] = field(default_factory=dict)
    told: frozenset[int] = frozenset()


Listener = Callable[[FamilyNews], Any]
family_listeners: Registry[Listener] = Registry("listeners to a family's news")


def tell_family(news: FamilyNews) -> None:
    """Call every registered listener with `news` (inside the caller's transaction)."""
    if news.event not in EVENTS:
        raise ValueError(f"unknown family event {news.event!r}")
    for listener in family_listeners:
        listener(news)
