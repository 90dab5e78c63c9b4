"""Reads of the directory. Every view, API endpoint and command searches through here."""

from collections.abc import Sequence
from datetime import timedelta
from typing import Any, cast
from uuid import UUID

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils import timezone

from .constants import ReportStatus
from .details import load_details
from .language_fallback import current_language, translated
from .models import Address, ErrorReport, Organization, Phone, Service, TaxonomyTerm
from .search.cards import Card, card_json
from .search.query import SearchPage, SearchQuery, search
from .search.text import fold as text_fold


def services_search(
    query: SearchQuery, *, offset: int = 0, limit: int = 20
) -> tuple[int, list[Service]]:
    """(total count, this page's services in rank order)."""
    page, services = services_search_answer(query, offset=offset, limit=limit)
    return page.count, services


def services_search_answer(
    query: SearchQuery, *, offset: int = 0, limit: int = 20
) -> tuple[SearchPage, list[Service]]:
    """The search's answer (count, corrected question) and this page's services in rank
    order."""
    page: SearchPage = search(query, offset=offset, limit=limit)
    by_id = {
        s.id: s for s in Service.objects.select_related("organization").filter(id__in=page.ids)
    }
    services = [by_id[i] for i in page.ids if i in by_id]
    return page, list(load_details(services))


def referral_targets_search(query: SearchQuery, *, limit: int = 10) -> list[Service]:
    """The services a family can be referred to that match the question: the search's best,
    without what is only for professionals (trainings, tools; decision 0031)."""
    _page, services = services_search_answer(query, limit=limit * 3)
    return [s for s in services if not s.for_professionals][:limit]


def services_search_hsds(
    query: SearchQuery, *, offset: int = 0, limit: int = 20
) -> tuple[int, list[str]]:
    """(total count, this page's services as HSDS JSON texts in rank order)."""
    page, contents = services_search_hsds_answer(query, offset=offset, limit=limit)
    return page.count, contents


def _stored_answers(page: SearchPage, lang: str, column: str, build) -> list[str]:
    """The page's stored answers (`hsds` or `card` of the search documents) in rank order; a
    document without one (being rebuilt) is answered from the tables with `build`."""
    from .search.models import SearchDocument

    stored = cast(
        "dict[UUID, str]",
        dict(
            SearchDocument.objects.filter(lang=lang, service_id__in=page.ids)
            .exclude(**{column: None})
            .values_list("service_id", column)
        ),
    )
    missing = [i for i in page.ids if i not in stored]
    if missing:
        services = list(Service.objects.select_related("organization").filter(id__in=missing))
        for service in load_details(services):
            stored[service.id] = build(service, lang)
    return [stored[i] for i in page.ids if i in stored]


def services_search_hsds_answer(
    query: SearchQuery, *, offset: int = 0, limit: int = 20
) -> tuple[SearchPage, list[str]]:
    """The search's answer and this page's services as HSDS JSON texts in rank order, read
    from the answers stored in the search index."""
    from .hsds.dump import service_hsds_json

    page: SearchPage = search(query, offset=offset, limit=limit)
    lang = query.lang if query.lang in ("nl", "fr", "en") else "nl"
    return page, _stored_answers(page, lang, "hsds", service_hsds_json)


def services_search_cards(
    query: SearchQuery, *, offset: int = 0, limit: int = 20
) -> tuple[SearchPage, list[Card]]:
    """The search's answer and this page's result cards in rank order (the HTML result list),
    read from the cards stored in the search index."""
    page: SearchPage = search(query, offset=offset, limit=limit)
    lang = query.lang if query.lang in ("nl", "fr", "en") else "nl"
    stored = _stored_answers(page, lang, "card", card_json)
    return page, [Card.from_json(text, lang) for text in stored]


def service_get(service_id) -> Service:
    """One service with everything its page shows (raises Service.DoesNotExist)."""
    service = Service.objects.select_related("organization").get(id=service_id)
    load_details([service])
    return service


def services_for_list(ids: Sequence[UUID]) -> list[Service]:
    """The services of a printable list, in the order of `ids`, with everything their sheets
    show (the organisations' phones and contacts too); unknown ids are left out."""
    by_id = {
        s.id: s for s in Service.objects.select_related("organization").filter(id__in=list(ids))
    }
    services = [by_id[i] for i in dict.fromkeys(ids) if i in by_id]
    load_details(services)
    prefetch_related_objects([s.organization for s in services], "phones", "contacts")
    return services


def services_unverified_since(days: int) -> QuerySet[Service]:
    """Entries never verified, or last verified more than `days` days ago (oldest first)."""
    from datetime import timedelta

    from django.db.models import Q
    from django.utils import timezone

    limit = timezone.localdate() - timedelta(days=days)
    return (
        Service.objects.select_related("organization")
        .filter(Q(last_verified__isnull=True) | Q(last_verified__lt=limit))
        .order_by("last_verified", "name_nl")
    )


def reports_open():
    from .constants import ReportStatus
    from .models import ErrorReport

    return ErrorReport.objects.filter(status=ReportStatus.OPEN).select_related("service")


def services_by_phase() -> list[tuple[TaxonomyTerm, list[Service]]]:
    """For the timeline page: each phase in order with its services (names only)."""
    phases = list(TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.PHASE).order_by("position"))
    rows = (
        Service.phases.through.objects.filter(taxonomyterm__in=phases)
        .select_related("service", "service__organization")
        .order_by("service__name_nl")
    )
    grouped: dict = {p.pk: [] for p in phases}
    for row in rows:
        grouped[row.taxonomyterm_id].append(row.service)
    lang = current_language()
    for services in grouped.values():
        services.sort(key=lambda s: text_fold(translated(s, "name", lang).text))
    return [(p, grouped[p.pk]) for p in phases]


def organization_get(organization_id) -> Organization:
    """One organisation with its phones and services (raises Organization.DoesNotExist)."""
    return Organization.objects.prefetch_related("phones", "services").get(id=organization_id)


# --- The editors' desk ------------------------------------------------------------------------

DESK_SHOWS = (
    "never",
    "stale",
    "reports",
    "no_phone",
    "no_address",
    "no_english",
    "phone_check",
)
DESK_ORDERS = ("name", "verified")
DESK_WORDS = 8


def _desk_conditions(max_age_days: int) -> dict[str, Any]:
    """What each of the desk's filters selects, as conditions on a service."""
    limit = timezone.localdate() - timedelta(days=max_age_days)
    service = OuterRef("pk")
    phone_of_service = (
        Q(service=service)
        | Q(contact__service=service)
        | Q(location__service_at_locations__service=service)
    )
    any_phone = Exists(Phone.objects.filter(phone_of_service)) | Exists(
        Phone.objects.filter(organization=OuterRef("organization"))
    )
    open_reports = ErrorReport.objects.filter(service=service, status=ReportStatus.OPEN)
    addresses = Address.objects.filter(location__service_at_locations__service=service)
    no_english = (
        Q(name_en__isnull=True)
        | Q(name_en="")
        | Q(description_en__isnull=True)
        | Q(description_en="")
    )
    to_check = Phone.objects.filter(needs_check=True).filter(
        phone_of_service | Q(organization=OuterRef("organization"))
    )
    return {
        "never": Q(last_verified__isnull=True),
        "stale": Q(last_verified__lt=limit),
        "reports": Exists(open_reports),
        "no_phone": ~any_phone,
        "no_address": ~Exists(addresses),
        "no_english": no_english,
        "phone_check": Exists(to_check),
    }


def services_for_desk(
    *, text: str = "", show: str = "", order: str = "name", lang: str = "nl", max_age_days: int
) -> QuerySet[Service]:
    """The entries an editor looks for: by words of the service's or the organisation's name
    (any language), one of `DESK_SHOWS`, in `DESK_ORDERS` order; each with what it lacks."""
    conditions = _desk_conditions(max_age_days)
    flags = {
        "lacks_phone": "no_phone",
        "lacks_address": "no_address",
        "lacks_english": "no_english",
        "open_reports": "reports",
        "phone_to_check": "phone_check",
    }
    services = Service.objects.select_related("organization").annotate(
        **{
            flag: ExpressionWrapper(conditions[show_name], output_field=BooleanField())
            for flag, show_name in flags.items()
        }
    )
    for word in text.split()[:DESK_WORDS]:
        matches = Q()
        for lang_code in ("nl", "fr", "en"):
            matches |= Q(**{f"name_{lang_code}__icontains": word})
            matches |= Q(**{f"alternate_name_{lang_code}__icontains": word})
            matches |= Q(**{f"organization__name_{lang_code}__icontains": word})
        services = services.filter(matches)
    if show in conditions:
        services = services.filter(conditions[show])
    shown_name = Lower(Coalesce(NullIf(f"name_{lang}", Value("")), "name_nl", "name_fr"))
    if order == "verified":
        return services.order_by(F("last_verified").asc(nulls_first=True), shown_name, "pk")
    return services.order_by(shown_name, "pk")
