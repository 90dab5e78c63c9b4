"""The hand-overs' part of a family's export (`services/family_export.py`). Their free texts
are cleared with the rest of the record after the retention period (`services/retention.py`;
a discharge's note is its contact's)."""

from typing import Any

from perinatal.core.dates import iso

from .models import HospitalDischarge, Pregnancy, ScreeningProposal


def export_section(pregnancy: Pregnancy) -> dict[str, Any]:
    return {
        "hospital_discharges": [
            {
                "id": str(d.public_id),
                "hospital": str(d.hospital),
                "transferred_to": str(d.to_organisation),
                "discharged_at": iso(d.discharged_at),
                "transfer_due_by": iso(d.deadline_at),
                "transferred_at": iso(d.transferred_at),
                "note": d.contact.note,
            }
            for d in HospitalDischarge.objects.filter(pregnancy=pregnancy)
            .select_related("hospital", "to_organisation", "contact")
            .order_by("discharged_at", "id")
        ],
        "screening_proposals": [
            {
                "id": str(p.public_id),
                "outreach_date": iso(p.contact.date),
                "from_organisation": str(p.from_organisation),
                "to_organisation": str(p.to_organisation),
                "note": p.note,
                "status": p.status,
                "status_label": str(p.get_status_display()),
                "answer_reason": p.answer_reason,
                "answered_at": iso(p.answered_at),
            }
            for p in ScreeningProposal.objects.filter(pregnancy=pregnancy)
            .select_related("from_organisation", "to_organisation", "contact")
            .order_by("created_at", "id")
        ],
    }
