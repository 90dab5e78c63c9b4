"""Kraamzorg's part of the family record's retention (pathways/services/retention.py).

- Export on request: a `kraamzorg` section with the family's requests linked to the pregnancy
  (service, status, dates, the answer, the help wanted) and their visits.
- Pseudonymisation after the retention period: the parents' contact details, the referral's
  and the vulnerability's reasons, the refusal note, the visits' carers and notes are cleared,
  and the request is marked `pseudonymised_at`. Dates, hours, statuses, the region, the income
  band and the sources stay, for the monitoring. A reason the database requires to be there
  (`kraamzorg_referral_has_reason`, `kraamzorg_vulnerability_reason`) gets a placeholder.
Requests made by parents for a family the platform does not follow are not linked to a
pregnancy and have no retention rule yet (docs/decisions/0014-kraamzorg.md).
"""

from typing import Any

from django.db.models import Q
from django.utils import timezone

from perinatal.core.dates import iso
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.services.retention import PSEUDONYMISED

from .constants import RequestSource, Vulnerability
from .models import KraamzorgRequest, Visit

SECTION = "kraamzorg"


def _request(kr: KraamzorgRequest) -> dict[str, Any]:
    return {
        "id": str(kr.public_id),
        "service": kr.offer.service.name,
        "status": kr.status,
        "source": kr.source,
        "submitted_at": iso(kr.submitted_at),
        "due_date": iso(kr.due_date),
        "birth_date": iso(kr.birth_date),
        "postcode": kr.postcode,
        "municipality": kr.municipality,
        "income_band": kr.income_band,
        "help_wanted": list(kr.help_wanted),
        "vulnerability": kr.vulnerability or None,
        "vulnerability_reason": kr.vulnerability_reason,
        "referral_reason": kr.referral_reason,
        "contact": {
            "name": kr.contact_name,
            "phone": kr.contact_phone,
            "email": kr.contact_email,
        },
        "decided_at": iso(kr.decided_at),
        "planned_start": iso(kr.planned_start),
        "planned_hours": str(kr.planned_hours) if kr.planned_hours is not None else None,
        "refusal_reason": kr.refusal_reason or None,
        "refusal_note": kr.refusal_note,
        "closed_at": iso(kr.closed_at),
        "visits": [
            {"date": iso(v.date), "hours": str(v.hours), "carer": v.carer, "note": v.note}
            for v in kr.visits.all()
        ],
    }


def export_section(pregnancy: Pregnancy) -> dict[str, Any]:
    requests = (
        KraamzorgRequest.objects.filter(pregnancy=pregnancy)
        .select_related("offer__service")
        .prefetch_related("visits")
        .order_by("submitted_at", "id")
    )
    return {SECTION: {"requests": [_request(kr) for kr in requests]}}


def pseudonymise(pregnancy: Pregnancy) -> int:
    """Clear the contact details and free texts of the family's kraamzorg requests (once)."""
    ids = list(
        KraamzorgRequest.objects.filter(
            pregnancy=pregnancy, pseudonymised_at__isnull=True
        ).values_list("id", flat=True)
    )
    if not ids:
        return 0
    requests = KraamzorgRequest.objects.filter(id__in=ids)
    changed = requests.update(
        contact_name="",
        contact_phone="",
        contact_email="",
        refusal_note="",
        pseudonymised_at=timezone.now(),
    )
    requests.filter(~Q(source=RequestSource.PARENT)).update(referral_reason=PSEUDONYMISED)
    requests.filter(vulnerability=Vulnerability.REFERRER).update(vulnerability_reason=PSEUDONYMISED)
    requests.filter(~Q(vulnerability=Vulnerability.REFERRER)).update(vulnerability_reason="")
    changed += Visit.objects.filter(request_id__in=ids).update(carer=PSEUDONYMISED, note="")
    return changed
