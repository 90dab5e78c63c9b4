"""The family situation the procedure asks about, read from the family record on a day."""

from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django.db.models import Exists, OuterRef

from perinatal.accounts.constants import OrganisationKind
from perinatal.pathways.constants import ProgrammeServiceKind
from perinatal.pathways.models import (
    Birth,
    CareTeamMember,
    Child,
    Contact,
    Pregnancy,
    ProgrammeService,
)

from .rules import Situation

UNKNOWN: Any = object()  # an argument not given: read it from the record


def birth_of(pregnancy: Pregnancy) -> Birth | None:
    """The birth of `pregnancy` (read with it when loaded with `select_related("birth")`)."""
    relation = Pregnancy.birth.related  # the reverse one-to-one
    if relation.is_cached(pregnancy):
        # The reverse one-to-one's cache holds the pregnancy's Birth, or None when it has none.
        return cast(Birth | None, relation.get_cached_value(pregnancy))
    return Birth.objects.filter(pregnancy=pregnancy).first()


def child_of(birth: Birth | None, child_order: int) -> Child | None:
    if birth is None:
        return None
    return Child.objects.filter(birth=birth, birth_order=child_order).first()


def postnatal_midwife(pregnancy: Pregnancy, birth: Birth) -> bool:
    """A midwife practice in the care team, or a contact or home visit of one since the
    birth (one query)."""
    midwife = OrganisationKind.MIDWIFE_PRACTICE
    in_team = CareTeamMember.objects.filter(
        pregnancy=OuterRef("pk"), organisation__kind=midwife, ended_at__isnull=True
    )
    contact = Contact.objects.filter(
        pregnancy=OuterRef("pk"), organisation__kind=midwife, date__gte=birth.date
    )
    visit = ProgrammeService.objects.filter(
        pregnancy=OuterRef("pk"), kind=ProgrammeServiceKind.MIDWIFE_HOME_VISIT
    )
    return (
        Pregnancy.objects.filter(pk=pregnancy.pk)
        .filter(Exists(in_team) | Exists(contact) | Exists(visit))
        .exists()
    )


def situation_on(
    pregnancy: Pregnancy,
    *,
    child_order: int,
    on: date,
    birth: Birth | None = UNKNOWN,
    child: Child | None = UNKNOWN,
) -> Situation:
    """Born: a birth on or before `on`. Postnatal care by an independent midwife: a midwife
    practice in the care team, or a contact or home visit of one since the birth. NICU: the
    child of that birth order is recorded as admitted to neonatal intensive care.
    `birth` and `child` may be given when the caller has read them already."""
    birth = birth_of(pregnancy) if birth is UNKNOWN else birth
    if birth is None or birth.date > on:
        return Situation(born=False)
    child = child_of(birth, child_order) if child is UNKNOWN else child
    nicu = child is not None and child.nicu_admission
    return Situation(
        born=True, postnatal_midwife=postnatal_midwife(pregnancy, birth), nicu_admission=nicu
    )


@dataclass
class FamilyRecord:
    """What the procedure reads of a family on a day: the birth (if born by then), its
    children by birth order, and each child slot's situation (slot 1 before the birth)."""

    birth: Birth | None
    children: dict[int, Child]
    situations: dict[int, Situation]


def situations_on(pregnancy: Pregnancy, *, on: date) -> FamilyRecord:
    """Each child slot's situation on `on`, reading the record once (three queries at most)."""
    birth = birth_of(pregnancy)
    if birth is None or birth.date > on:
        return FamilyRecord(None, {}, {1: Situation(born=False)})
    children = {c.birth_order: c for c in Child.objects.filter(birth=birth).order_by("birth_order")}
    midwife = postnatal_midwife(pregnancy, birth)
    situations = {
        order: Situation(born=True, postnatal_midwife=midwife, nicu_admission=c.nicu_admission)
        for order, c in children.items()
    } or {1: Situation(born=True, postnatal_midwife=midwife)}
    return FamilyRecord(birth, children, situations)
