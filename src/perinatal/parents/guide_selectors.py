"""Reads of the practical guide (kept beside the parents' own selectors, apart from them).

- `steps_services(steps, lang)`: the directory services that help with a step, found by the
  directory's search with the step's needs, phases and programme mark, ranked by its words in
  the page's language (filled up by the filters alone when the words find too few): what a
  family can be referred to (no trainings or tools for professionals), a few, read from the
  result cards the search index stores (two reads per step, one for them all).
- `done_dates(pregnancy)`: when the platform saw each tracked step done for a family (the
  first start conversation, the first screening, the first kraamzorg request not refused or
  withdrawn, the first Kindboekje still valid). The family itself is read through
  `selectors.own_family_get`, which writes the access log; these four reads concern the
  family already read there.
"""

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime

from django.db.models import Min
from django.utils import timezone

from perinatal.booklets.models import Booklet
from perinatal.directory.models import Service
from perinatal.directory.search.cards import Card
from perinatal.directory.search.query import SearchQuery
from perinatal.directory.selectors import services_search_cards
from perinatal.kraamzorg.constants import RequestStatus
from perinatal.kraamzorg.models import KraamzorgRequest
from perinatal.pathways.constants import ContactKind
from perinatal.pathways.models import Contact, Pregnancy, Screening

from .guide_content import Step

SPARE = 2  # cards read beyond a step's limit, in case some are for professionals only


def _cards(query: SearchQuery, limit: int) -> list[Card]:
    return services_search_cards(query, limit=limit)[1]


def _step_cards(step: Step, lang: str) -> list[Card]:
    """The step's best cards, a few more than it shows (some may be for professionals)."""
    wanted = step.services
    query = SearchQuery(
        lang=lang, needs=wanted.needs, phases=wanted.phases, programme=wanted.programme
    )
    room = wanted.limit + SPARE
    words = wanted.text.get(lang, "")
    found = _cards(replace(query, text=words), room) if words else []
    if len(found) < room:  # the words rank; the filters alone fill up
        known = {card.id for card in found}
        found += [card for card in _cards(query, room) if card.id not in known]
    return found


def steps_services(steps: Iterable[Step], lang: str) -> dict[str, list[Card]]:
    """Per step (by key), a few services of the directory that help with it, best first, as
    the search's stored result cards in `lang`; never a training or tool for professionals."""
    cards = {step.key: (_step_cards(step, lang), step.services.limit) for step in steps}
    ids = {card.id for found, _limit in cards.values() for card in found}
    professional = set(
        Service.objects.filter(id__in=ids, for_professionals=True).values_list("id", flat=True)
    )
    return {
        key: [card for card in found if card.id not in professional][:limit]
        for key, (found, limit) in cards.items()
    }


def _day(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


def done_dates(pregnancy: Pregnancy) -> dict[str, date | None]:
    """The day each tracked step was first seen done for `pregnancy` (None: not done)."""
    return {
        "start_conversation": Contact.objects.filter(
            pregnancy=pregnancy, kind=ContactKind.START_CONVERSATION
        ).aggregate(first=Min("date"))["first"],
        "screening": Screening.objects.filter(pregnancy=pregnancy).aggregate(first=Min("date"))[
            "first"
        ],
        "kraamzorg_request": _day(
            KraamzorgRequest.objects.filter(pregnancy=pregnancy)
            .exclude(status__in=(RequestStatus.REFUSED, RequestStatus.WITHDRAWN))
            .aggregate(first=Min("submitted_at"))["first"]
        ),
        "kindboekje": Booklet.objects.filter(pregnancy=pregnancy, voided_on__isnull=True).aggregate(
            first=Min("handed_out_on")
        )["first"],
    }
