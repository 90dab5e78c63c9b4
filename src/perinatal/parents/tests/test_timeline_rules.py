"""The parents' timeline's rules without a database (decision 0036): what comes next before and
after the birth, Kind en Gezin or ONE, the entitlements left, and every professional code
written in a parent's words."""

from datetime import date
from types import SimpleNamespace

import pytest

from django.utils import translation

from perinatal.accounts.constants import OrganisationKind
from perinatal.booklets.constants import OrderStatus, ProviderKind
from perinatal.kraamzorg.constants import RequestStatus
from perinatal.pathways.constants import ContactKind, ProgrammeServiceKind, ReferralStatus
from perinatal.pathways.rules import Scenario

from .. import wording
from ..timeline import KIND_EN_GEZIN, ONE, agency_of, coming, entitlements

KG = "Consultation at Kind en Gezin: your baby is "
ON = "Consultation at ONE: your baby is "

BEFORE_BIRTH = [  # due 1 March 2027, seen on 4 December 2026, not screened, no kraamzorg yet
    (date(2026, 12, 7), False, "Ask for kraamzorg, help at home after the birth"),
    (date(2027, 3, 1), True, "Your baby is expected"),
    (date(2027, 3, 8), True, "Last day for the screening: a talk about your situation"),
    (date(2027, 3, 15), True, KG + "2 weeks old"),
    (date(2027, 4, 5), True, KG + "5 weeks old"),
    (date(2027, 4, 26), True, KG + "8 weeks old"),
    (date(2027, 5, 24), True, KG + "12 weeks old"),
    (date(2027, 6, 21), True, KG + "16 weeks old"),
    (date(2027, 9, 1), True, KG + "6 months old"),
    (date(2027, 12, 1), True, KG + "9 months old"),
    (date(2028, 3, 1), True, KG + "12 months old"),
    (date(2028, 6, 1), True, KG + "15 months old"),
    (date(2029, 3, 3), False, "The first 1000 days end"),
    (date(2029, 9, 1), True, KG + "30 months old"),
    (
        date(2030, 3, 1),
        True,
        "Kind en Gezin's home visits and consultations are free until your child goes to "
        "school, at the latest until this day",
    ),
]

AFTER_BIRTH = [  # born 20 February 2027 (due 1 March), seen on 25 February, followed by ONE
    (date(2027, 2, 27), False, "Last day for the screening: a talk about your situation"),
    (date(2027, 3, 6), False, ON + "2 weeks old"),
    (date(2027, 4, 17), False, ON + "8 weeks old"),
    (date(2027, 5, 15), False, ON + "12 weeks old"),
    (date(2027, 6, 12), False, ON + "16 weeks old"),
    (date(2027, 8, 20), False, ON + "6 months old"),
    (date(2027, 11, 20), False, ON + "9 months old"),
    (date(2028, 2, 20), False, ON + "12 months old"),
    (date(2028, 5, 20), False, ON + "15 months old"),
    (date(2028, 8, 20), False, ON + "18 months old"),
    (date(2029, 2, 20), False, ON + "24 months old"),
    (date(2029, 3, 3), False, "The first 1000 days end"),
    (
        date(2033, 2, 20),
        False,
        "ONE's consultations for your child are free until this day (6th birthday)",
    ),
]


@pytest.mark.parametrize(
    ("birth", "agency", "today", "expected"),
    [
        (None, KIND_EN_GEZIN, date(2026, 12, 4), BEFORE_BIRTH),
        (date(2027, 2, 20), ONE, date(2027, 2, 25), AFTER_BIRTH),
    ],
    ids=["before-birth-kind-en-gezin", "after-birth-one"],
)
def test_what_comes_next_before_and_after_the_birth(birth, agency, today, expected):
    with translation.override("en"):
        found = coming(
            due_date=date(2027, 3, 1),
            birth_date=birth,
            screened=False,
            kraamzorg_asked=False,
            agency=agency,
            today=today,
        )
        assert [(c.date, c.around, c.text) for c in found] == expected


def test_a_screened_family_who_asked_for_kraamzorg_is_not_asked_again():
    with translation.override("en"):
        texts = [
            c.text
            for c in coming(
                due_date=date(2027, 3, 1),
                birth_date=None,
                screened=True,
                kraamzorg_asked=True,
                agency=KIND_EN_GEZIN,
                today=date(2026, 12, 4),
            )
        ]
    assert not any("screening" in t or "kraamzorg" in t for t in texts)


def test_late_for_kraamzorg_in_pregnancy_means_today():
    found = coming(
        due_date=date(2027, 3, 1),
        birth_date=None,
        screened=True,
        kraamzorg_asked=False,
        agency=KIND_EN_GEZIN,
        today=date(2027, 2, 1),
    )
    assert found[0].date == date(2027, 2, 1) and found[0].link == "kraamzorg:ask"


FLANDERS, BRUSSELS = "20001", "04000"


@pytest.mark.parametrize(
    ("lead", "team", "area", "languages", "agency"),
    [
        (OrganisationKind.KIND_EN_GEZIN, [], BRUSSELS, ["fr"], KIND_EN_GEZIN),
        (OrganisationKind.ONE, [], BRUSSELS, ["nl"], ONE),
        (OrganisationKind.MIDWIFE_PRACTICE, [OrganisationKind.ONE], FLANDERS, ["nl"], ONE),
        (OrganisationKind.MIDWIFE_PRACTICE, [], FLANDERS, ["fr"], KIND_EN_GEZIN),
        (OrganisationKind.HOSPITAL, [], BRUSSELS, ["fr", "nl"], ONE),
        (OrganisationKind.HOSPITAL, [], BRUSSELS, ["nl", "fr"], KIND_EN_GEZIN),
        (OrganisationKind.GP_PRACTICE, [], BRUSSELS, ["ar"], ONE),
    ],
)
def test_kind_en_gezin_or_one(lead, team, area, languages, agency):
    assert agency_of(lead_kind=lead, team_kinds=team, area_nis=area, languages=languages) == agency


def services(**counts):
    return [SimpleNamespace(kind=kind) for kind, n in counts.items() for _ in range(n)]


@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        (Scenario.NONE, {"midwife_home_visit": (2, 10), "physiotherapy": (0, 9)}),
        (
            Scenario.A,
            {"ppa": (1, 2), "midwife_home_visit": (2, 10), "physiotherapy": (0, 9)},
        ),
        (
            Scenario.B,
            {
                "ppa": (1, 2),
                "midwife_home_visit": (2, 10),
                "physiotherapy": (0, 9),
                "coordination": (0, 3),
                "mdo": (0, 3),
            },
        ),
    ],
)
def test_the_entitlements_left_with_the_limits_in_force(scenario, expected):
    with translation.override("en"):
        lines = entitlements(
            services(midwife_home_visit=2, ppa=1), scenario=scenario, today=date(2026, 12, 4)
        )
    assert {line.key: (line.used, line.limit) for line in lines} == expected
    visits = next(line for line in lines if line.key == "midwife_home_visit")
    after_birth = entitlements(
        services(ppa=1), scenario=scenario, today=date(2026, 12, 4), born=True
    )
    assert "ppa" not in {line.key for line in after_birth}  # prenatal only
    assert visits.text == "2 of 10 home visits by a midwife after the birth used"


@pytest.mark.parametrize(
    ("choices", "mapping"),
    [
        (ContactKind, wording.CONTACT_SENTENCES),
        (ProgrammeServiceKind, wording.SERVICE_SENTENCES),
        (ReferralStatus, wording.REFERRAL_STATUS),
        (RequestStatus, wording.KRAAMZORG_STATUS),
        (OrderStatus, wording.ORDER_STATUS),
        (ProviderKind, wording.BOOKLET_FROM),
    ],
)
def test_every_code_has_a_parents_sentence_in_every_language(choices, mapping):
    assert set(mapping) == set(choices.values)
    with translation.override("en"):
        english = {value: str(mapping[value]) for value in choices.values}
    for lang in ("nl", "fr"):
        with translation.override(lang):
            for value in choices.values:
                assert str(mapping[value]) != english[value], (lang, value)
