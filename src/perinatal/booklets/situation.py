"""The family situation the procedure asks about, read from the family record on a day."""

from datetime import date

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


def birth_of(pregnancy: Pregnancy) -> Birth | None:
    return Birth.objects.filter(pregnancy=pregnancy).first()


def situation_on(pregnancy: Pregnancy, *, child_order: int, on: date) -> Situation:
    """Born: a birth on or before `on`. Postnatal care by an independent midwife: a midwife
    practice in the care team, or a contact or home visit of one since the birth. NICU: the
    child of that birth order is recorded as admitted to neonatal intensive care."""
    birth = birth_of(pregnancy)
    if birth is None or birth.date > on:
        return Situation(born=False)
    midwife = OrganisationKind.MIDWIFE_PRACTICE
    postnatal_midwife = (
        CareTeamMember.objects.filter(
            pregnancy=pregnancy, organisation__kind=midwife, ended_at__isnull=True
        ).exists()
        or Contact.objects.filter(
            pregnancy=pregnancy, organisation__kind=midwife, date__gte=birth.date
        ).exists()
        or ProgrammeService.objects.filter(
            pregnancy=pregnancy, kind=ProgrammeServiceKind.MIDWIFE_HOME_VISIT
        ).exists()
    )
    nicu = Child.objects.filter(birth=birth, birth_order=child_order, nicu_admission=True).exists()
    return Situation(born=True, postnatal_midwife=postnatal_midwife, nicu_admission=nicu)
