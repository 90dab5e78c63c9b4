"""The counted entitlements outside the four programme services, through the services and the
database (seed 002): perinatal physiotherapy on prescription, postnatal home visits by a
midwife after the birth, Kind en Gezin's consultations until the child goes to school. Dates
frozen at the edges: the birth day, day 7, months 12, 13, 30 and 36. A refusal stores nothing."""

from datetime import date, timedelta

import pytest

from perinatal.pathways.constants import ProgrammeServiceKind as Kind
from perinatal.pathways.models import ProgrammeService

from .rule_support import BIRTH, REGISTERED, born, family, record

pytestmark = pytest.mark.django_db


def test_physiotherapy_9_sessions_on_prescription(midwife):
    pregnancy = family(midwife)  # not a programme service: no participation needed
    assert record(midwife, pregnancy, Kind.PHYSIOTHERAPY, REGISTERED) == "not_entitled"
    codes = [
        record(
            midwife, pregnancy, Kind.PHYSIOTHERAPY, REGISTERED + timedelta(days=n), prescribed=True
        )
        for n in range(10)
    ]
    assert codes == [""] * 9 + ["limit_reached"]


# Seed 002: "Wie bevallen is, heeft echter recht op postnatale thuiszorg door een zelfstandige
# verloskundige of een verloskundige aangesloten bij een zorginstelling. … De ziekteverzekering
# betaalt tot 10 bezoeken terug".


def test_midwife_home_visits_10_reimbursed(midwife):
    pregnancy = family(midwife)
    born(midwife, pregnancy)
    codes = [
        record(midwife, pregnancy, Kind.MIDWIFE_HOME_VISIT, BIRTH + timedelta(days=n))
        for n in range(11)
    ]
    assert codes == [""] * 10 + ["limit_reached"]


@pytest.mark.parametrize(
    ("day", "birth_recorded", "code"),
    [
        (REGISTERED, False, "outside_period"),  # during the pregnancy (the case)
        (BIRTH - timedelta(days=1), True, "outside_period"),  # the day before the birth
        (BIRTH, True, ""),  # the birth day
        (BIRTH + timedelta(days=7), True, ""),  # day 7
    ],
)
def test_midwife_home_visits_only_after_the_birth(midwife, day, birth_recorded, code):
    pregnancy = family(midwife)
    if birth_recorded:
        born(midwife, pregnancy)
    assert record(midwife, pregnancy, Kind.MIDWIFE_HOME_VISIT, day) == code
    visits = ProgrammeService.objects.filter(pregnancy=pregnancy, kind=Kind.MIDWIFE_HOME_VISIT)
    assert visits.count() == (0 if code else 1)


def test_a_kind_en_gezin_nurse_cannot_record_a_midwife_home_visit(kg_nurse):
    """The issue's case: a visit "door een vroedvrouw" recorded by a Kind en Gezin team."""
    pregnancy = family(kg_nurse)
    born(kg_nurse, pregnancy)
    code = record(kg_nurse, pregnancy, Kind.MIDWIFE_HOME_VISIT, BIRTH + timedelta(days=2))
    assert code == "profession_not_allowed"
    assert not ProgrammeService.objects.filter(pregnancy=pregnancy).exists()


# Seed 002: "Huisbezoeken en basisconsultaties zijn gratis voor alle pasgeborenen totdat het
# kind naar school gaat (2,5 tot 3 jaar)"; "Gedurende de eerste 30 maanden … op 10 belangrijke
# punten" (the key moments are not a ceiling). The platform counts until 36 months.


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (BIRTH - timedelta(days=1), "outside_period"),
        (BIRTH, ""),  # the birth day
        (BIRTH + timedelta(days=7), ""),  # day 7
        (date(2026, 5, 28), ""),  # month 12
        (date(2026, 6, 28), ""),  # month 13
        (date(2027, 11, 28), ""),  # month 30, the last key moment
        (date(2027, 11, 29), ""),  # after 30 months: no longer refused
        (date(2028, 5, 28), ""),  # month 36, the third birthday: the last day
        (date(2028, 5, 29), "outside_period"),
    ],
)
def test_kind_en_gezin_consultations_until_the_child_goes_to_school(kg_nurse, day, code):
    pregnancy = family(kg_nurse)
    born(kg_nurse, pregnancy)
    assert record(kg_nurse, pregnancy, Kind.KG_CONSULTATION, day) == code


def test_the_10_key_moments_are_not_a_ceiling(kg_nurse):
    pregnancy = family(kg_nurse)
    born(kg_nurse, pregnancy)
    codes = [
        record(kg_nurse, pregnancy, Kind.KG_CONSULTATION, BIRTH + timedelta(days=30 * n))
        for n in range(12)
    ]
    assert codes == [""] * 12
