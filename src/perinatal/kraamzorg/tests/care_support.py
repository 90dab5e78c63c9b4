"""Requests made directly for the care, statement, export and monitoring tests (the intake's
own paths are tested in test_requests_*): `make_request(offer, …)` with any status and a
chosen submission moment, and `add_visits(request, [(day, hours), …])`."""

from datetime import date, datetime
from decimal import Decimal
from itertools import count
from typing import Any

from django.utils import timezone

from perinatal.kraamzorg.constants import RequestSource, RequestStatus
from perinatal.kraamzorg.models import KraamzorgOffer, KraamzorgRequest, Visit

_families = count(1)


def make_request(
    offer: KraamzorgOffer,
    *,
    status: str = RequestStatus.ACCEPTED,
    submitted_at: datetime | None = None,
    **fields: Any,
) -> KraamzorgRequest:
    values: dict[str, Any] = {
        "source": RequestSource.PARENT,
        "family_key": f"family-{next(_families)}",
        "due_date": date(2025, 3, 1),
        "postcode": "1080",
        "municipality": "Molenbeek-Saint-Jean",
        "area_nis": "04000",
        "income_band": "B",
        "contact_name": "Sara Testouder",
    }
    if status in (RequestStatus.ACCEPTED, RequestStatus.CLOSED):
        values.update(planned_start=date(2025, 3, 1), planned_hours=Decimal("40"))
        values["decided_at"] = timezone.make_aware(datetime(2025, 1, 10, 12))
    if status == RequestStatus.REFUSED:
        values.update(refusal_reason="no_capacity", decided_at=timezone.now())
    values.update(fields)
    made = KraamzorgRequest.objects.create(offer=offer, status=status, **values)
    moment = submitted_at or timezone.make_aware(datetime(2025, 1, 5, 9))
    KraamzorgRequest.objects.filter(pk=made.pk).update(submitted_at=moment)
    made.refresh_from_db()
    return made


def add_visits(kraamzorg_request: KraamzorgRequest, visits: list[tuple[date, str]]) -> None:
    Visit.objects.bulk_create(
        Visit(request=kraamzorg_request, date=day, hours=Decimal(hours), carer="Anna")
        for day, hours in visits
    )
