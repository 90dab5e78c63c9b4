"""Registering, on the ask-first page, a family that is not on the platform yet: the pregnancy
with the minimal identity and, when the child is already born, its birth — both or neither.

The family record's own services do the work (and write the access-log rows); this only keeps
them in one transaction, so a birth that cannot be recorded leaves no half-registered family.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from perinatal.audit.models import AccessBasis
from perinatal.pathways.access import Grant
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.services import families
from perinatal.pathways.services.families import ChildInput, PersonInput


@dataclass(frozen=True)
class BirthFacts:
    date: date
    place: str
    children: list[ChildInput] = field(default_factory=list)


@transaction.atomic
def family_register_minimal(
    *,
    by: Any,
    mother: PersonInput,
    postcode: str,
    municipality: str,
    due_date: date,
    birth: BirthFacts | None,
    on: date,
    request: Any = None,
) -> Pregnancy:
    """The pregnancy registered by `by` on `on` (its organisation leads the care team), with
    its birth when given. Wrong input raises `InvalidInput` with the family services' field
    names (`mother_family_name`, `postcode`, `due_date`, the birth's `date`, `child1_…`)."""
    pregnancy = families.pregnancy_register(
        by=by,
        mother=mother,
        partner=None,
        postcode=postcode,
        municipality=municipality,
        languages=[],
        due_date=due_date,
        registered_on=on,
        consent_to_share=False,
        request=request,
    )
    if birth is not None:
        families.birth_record(
            by=by,
            pregnancy=pregnancy,
            grant=Grant(AccessBasis.CARE_TEAM),  # the registering organisation leads the team
            date=birth.date,
            place=birth.place,
            children=birth.children,
            request=request,
        )
    return pregnancy
