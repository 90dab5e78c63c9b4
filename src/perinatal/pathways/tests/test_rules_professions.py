"""Who may deliver each service, for every profession, conventioned or not (seed 002,
"Dienstverlener"; docs/decisions/0025):

- screening: "alle verstrekkers in het kader van de ziekteverzekering kunnen deze screening
  uitvoeren als ze deel uitmaken van het programma";
- personal prenatal advice talk: "huisarts, verloskundigen, gynaecoloog, verpleegkundigen, op
  voorwaarde dat ze deelnemen aan het programma";
- care and welfare coordination: "verstrekkers in het kader van de ziekteverzekering + wie
  voldoet aan het competentieprofiel beschreven in het protocolakkoord van 8 november 2023";
- multidisciplinary consultation: "verstrekkers in het kader van de ziekteverzekering";
- postnatal home visits: "postnatale thuiszorg door een zelfstandige verloskundige of een
  verloskundige aangesloten bij een zorginstelling".

A provider under the health insurance is read as a conventioned GP, gynaecologist, midwife,
nurse or psychologist; whoever meets the competence profile is a care coordinator.
"""

from datetime import date

import pytest

from django.utils import translation

from perinatal.accounts.constants import Profession
from perinatal.pathways.providers import Provider
from perinatal.pathways.rules import (
    Scenario,
    coordination_allowed,
    mdo_allowed,
    midwife_home_visit_allowed,
    ppa_allowed,
    screening_allowed,
)

ON = date(2025, 3, 10)
BIRTH = date(2025, 3, 1)
PERIOD = (date(2025, 1, 6), date(2026, 1, 5))

SERVICES = {
    "screening": lambda p: screening_allowed(
        on=ON, birth_date=None, screenings_before=0, provider=p
    ),
    "ppa": lambda p: ppa_allowed(on=ON, scenario=Scenario.A, used=0, birth_date=None, provider=p),
    "coordination": lambda p: coordination_allowed(
        on=ON, scenario=Scenario.B, periods_started=0, provider=p
    ),
    "mdo": lambda p: mdo_allowed(
        on=ON,
        scenario=Scenario.B,
        held=0,
        participants=2,
        provider=p,
        period=PERIOD,
        held_in_period=0,
    ),
    "midwife_home_visit": lambda p: midwife_home_visit_allowed(
        on=ON, used=0, birth_date=BIRTH, provider=p
    ),
}

HEALTH_INSURANCE = {"screening", "coordination", "mdo"}  # conventioned health professions
# (profession, conventioned) → the services that person may record.
ALLOWED = {
    (Profession.GP, True): HEALTH_INSURANCE | {"ppa"},
    (Profession.GP, False): {"ppa"},
    (Profession.GYNAECOLOGIST, True): HEALTH_INSURANCE | {"ppa"},
    (Profession.GYNAECOLOGIST, False): {"ppa"},
    (Profession.MIDWIFE, True): HEALTH_INSURANCE | {"ppa", "midwife_home_visit"},
    (Profession.MIDWIFE, False): {"ppa", "midwife_home_visit"},
    (Profession.NURSE, True): HEALTH_INSURANCE | {"ppa"},
    (Profession.NURSE, False): {"ppa"},
    (Profession.PSYCHOLOGIST, True): HEALTH_INSURANCE,
    (Profession.PSYCHOLOGIST, False): set(),
    (Profession.SOCIAL_WORKER, True): set(),
    (Profession.SOCIAL_WORKER, False): set(),
    (Profession.CARE_COORDINATOR, True): {"coordination"},
    (Profession.CARE_COORDINATOR, False): {"coordination"},
    (Profession.MATERNITY_CARE_ASSISTANT, True): set(),
    (Profession.MATERNITY_CARE_ASSISTANT, False): set(),
    (Profession.NONE, True): set(),
    (Profession.NONE, False): set(),
}


def test_the_table_covers_every_profession():
    assert {profession for profession, _ in ALLOWED} == set(Profession)


@pytest.mark.parametrize("service", sorted(SERVICES))
@pytest.mark.parametrize(("profession", "conventioned"), sorted(ALLOWED))
def test_who_may_deliver_each_service(service, profession, conventioned):
    provider = Provider(participates=True, profession=profession, conventioned=conventioned)
    decision = SERVICES[service](provider)
    expected = "" if service in ALLOWED[(profession, conventioned)] else "profession_not_allowed"
    assert (decision.allowed, decision.code) == (not expected, expected)


def test_participation_is_checked_before_the_profession():
    provider = Provider(participates=False, profession=Profession.SOCIAL_WORKER)
    assert SERVICES["ppa"](provider).code == "provider_not_participating"


def test_a_midwife_home_visit_needs_no_participation_in_the_programme():
    provider = Provider(participates=False, profession=Profession.MIDWIFE)
    assert SERVICES["midwife_home_visit"](provider).allowed


@pytest.mark.parametrize(
    ("lang", "who", "you"),
    [
        ("nl", "huisarts", "maatschappelijk werker, niet geconventioneerd"),
        ("fr", "médecin généraliste", "assistant social, non conventionné"),
        ("en", "general practitioner", "social worker, not conventioned"),
    ],
)
def test_the_refusal_names_who_may_and_who_asked_in_the_users_language(lang, who, you):
    provider = Provider(participates=True, profession=Profession.SOCIAL_WORKER)
    with translation.override(lang):
        message = SERVICES["ppa"](provider).message
    assert who in message and you in message, message
