"""Reads of the practical guide (kept beside the parents' own selectors, apart from them).

- `step_services(step, lang)`: the directory services that help with a step, found by the
  directory's search with the step's needs, phases and programme mark, ranked by its words in
  the page's language (filled up by the filters alone when the words find too few): what a
  family can be referred to (no trainings or tools for professionals), a few.
- `done_dates(pregnancy)`: when the platform saw each tracked step done for a family (the
  first start conversation, the first screening, the first kraamzorg request not refused or
  withdrawn, the first Kindboekje still valid). The family itself is read through
  `selectors.own_family_get`, which writes the access log; these four reads concern the
  family already read there.
"""

from dataclasses import replace
from datetime import date, datetime

from django.db.models import Min
from django.utils import timezone

from perinatal.booklets.models import Booklet
from perinatal.directory.models import Service
from perinatal.directory.search.query import SearchQuery
from perinatal.directory.selectors import referral_targets_search
from perinatal.kraamzorg.constants import RequestStatus
from perinatal.kraamzorg.models import KraamzorgRequest
from perinatal.pathways.constants import ContactKind
from perinatal.pathways.models import Contact, Pregnancy, Screening

from .guide_content import Step


def step_services(step: Step, lang: str) -> list[Service]:
    """A few services of the directory that help with `step`, best first."""
    wanted = step.services
    query = SearchQuery(
        lang=lang, needs=wanted.needs, phases=wanted.phases, programme=wanted.programme
    )
    words = wanted.text.get(lang, "")
    found = referral_targets_search(replace(query, text=words), limit=wanted.limit) if words else []
    if len(found) < wanted.limit:  # the words rank; the filters alone fill up
        known = {service.id for service in found}
        others = referral_targets_search(query, limit=wanted.limit + len(found))
        found += [service for service in others if service.id not in known]
    return found[: wanted.limit]


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
        "kindboekje": Booklet.objects.filter(
            pregnancy=pregnancy, voided_on__isnull=True
        ).aggregate(first=Min("handed_out_on"))["first"],
    }
