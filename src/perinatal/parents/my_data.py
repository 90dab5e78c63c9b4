"""The family's own copy of its record (GDPR articles 15 and 20): the administrator's export
(`pathways.services.family_export.family_record`, the same shape) with what the family may
not be given taken out, and the family's requests for a correction added.

What is taken out (`for_the_family`), after the Belgian patient-rights law (law of 22 August
2002, article 9 §2: the patient sees the record, except the professional's personal notes and
data about third parties):
- the professionals' internal notes: the notes of contacts, programme services, hospital
  discharges, consents and screening proposals, the reasons written about the family between
  services (a proposal's answer, a kraamzorg request's vulnerability reason and refusal note,
  the kraamzorg visits' notes, a Kindboekje's reason outside the turn and void note). A
  contact's note comes back only when the team shared it (`notes_shared_with_family`, the one
  switch for that rule); the value of a field left out is `null`, so the shape stays the same;
- other families' data: every section is read for this family only (by its id); nothing else
  is added.
The shape is documented in docs/schemas/family-export-parent.schema.json (tested).
"""

from typing import Any

from django.db import transaction
from django.utils import timezone, translation

from perinatal.audit.models import AccessAction
from perinatal.core.dates import iso
from perinatal.pathways.models import Contact, HospitalDischarge, Pregnancy
from perinatal.pathways.services.family_export import family_record

from .corrections import corrections_of
from .selectors import own_family_get

FORMAT = "perinatal.family-export.parent/1"

# (section, field) → the professionals' internal notes, never given (a section may be nested
# as "kindboekje.booklets").
INTERNAL_NOTES: tuple[tuple[str, str], ...] = (
    ("programme_services", "note"),
    ("consents", "note"),
    ("screening_proposals", "note"),
    ("screening_proposals", "answer_reason"),
    ("kraamzorg.requests", "vulnerability_reason"),
    ("kraamzorg.requests", "refusal_note"),
    ("kindboekje.booklets", "out_of_turn_reason"),
    ("kindboekje.booklets", "void_note"),
)


def notes_shared_with_family(pregnancy: Pregnancy) -> set[str]:
    """The public ids of the contacts whose note the care team chose to show the family
    (`Contact.share_with_family`, decision 0036); every other note is internal."""
    return {
        str(public_id)
        for public_id in Contact.objects.filter(
            pregnancy=pregnancy, share_with_family=True
        ).values_list("public_id", flat=True)
    }


def _rows(data: dict[str, Any], section: str) -> list[dict[str, Any]]:
    value: Any = data
    for part in section.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value if isinstance(value, list) else []


def for_the_family(data: dict[str, Any], pregnancy: Pregnancy) -> dict[str, Any]:
    """`data` (a `family_record` of `pregnancy`) without what the family may not be given."""
    shared = notes_shared_with_family(pregnancy)
    for contact in data.get("contacts", []):
        if contact["id"] not in shared:
            contact["note"] = None
    contact_of = {
        str(discharge): str(contact)
        for discharge, contact in HospitalDischarge.objects.filter(pregnancy=pregnancy).values_list(
            "public_id", "contact__public_id"
        )
    }
    for discharge in data.get("hospital_discharges", []):
        if contact_of.get(discharge["id"]) not in shared:
            discharge["note"] = None
    for section, field in INTERNAL_NOTES:
        for row in _rows(data, section):
            row[field] = None
    for request in _rows(data, "kraamzorg.requests"):
        for visit in request.get("visits", []):
            visit["note"] = None
    return data


def _corrections(pregnancy: Pregnancy) -> list[dict[str, Any]]:
    return [
        {
            "id": str(c.public_id),
            "asked_at": iso(c.asked_at),
            "what_is_wrong": c.text,
            "what_it_should_be": c.should_be,
            "handled_at": iso(c.handled_at),
            "answer": c.answer or None,
        }
        for c in corrections_of(pregnancy)
    ]


@transaction.atomic
def my_record(*, user: Any, public_id: Any, request: Any = None, what: str) -> dict[str, Any]:
    """The record of the family `user` is linked to, for the family: one access-log row
    (action export, basis own record, `what` in its purpose: "JSON" or "PDF"). Raises
    Pregnancy.DoesNotExist or NotLinked (see `own_family_get`)."""
    pregnancy = own_family_get(
        user=user,
        public_id=public_id,
        purpose=f"download of the own record ({what})",
        request=request,
        action=AccessAction.EXPORT,
    )
    data = for_the_family(family_record(pregnancy), pregnancy)
    data["format"] = FORMAT
    data["exported_at"] = iso(timezone.now())
    data["language"] = translation.get_language() or ""
    data["corrections"] = _corrections(pregnancy)
    return data
