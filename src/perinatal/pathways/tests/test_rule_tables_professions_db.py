"""Who may deliver each service, through the services and the database: a colleague of each
profession, in an organisation that takes part in the programme, records each service for a
family of that organisation. Seed 002 ("Dienstverlener"):

- screening: "alle verstrekkers in het kader van de ziekteverzekering";
- personal prenatal advice talk: "huisarts, verloskundigen, gynaecoloog, verpleegkundigen";
- coordination: "verstrekkers in het kader van de ziekteverzekering + wie voldoet aan het
  competentieprofiel beschreven in het protocolakkoord van 8 november 2023";
- multidisciplinary consultation: "verstrekkers in het kader van de ziekteverzekering";
- postnatal home visit: "postnatale thuiszorg door een zelfstandige verloskundige of een
  verloskundige aangesloten bij een zorginstelling".
A provider under the health insurance: a conventioned GP, gynaecologist, midwife, nurse or
psychologist (docs/decisions/0025). A refusal stores nothing.
"""

from datetime import date, timedelta

import pytest

from perinatal.accounts.constants import Profession, Role
from perinatal.pathways.constants import ProgrammeServiceKind as Kind
from perinatal.pathways.models import ProgrammeService, Screening

from .factories import participate
from .rule_support import BIRTH, REGISTERED, born, family, record, screen

pytestmark = pytest.mark.django_db

HEALTH_INSURANCE = {"screening", Kind.COORDINATION, Kind.MDO}
# The services each profession may record when conventioned (and when not).
CONVENTIONED = {
    Profession.GP: HEALTH_INSURANCE | {Kind.PPA},
    Profession.GYNAECOLOGIST: HEALTH_INSURANCE | {Kind.PPA},
    Profession.MIDWIFE: HEALTH_INSURANCE | {Kind.PPA, Kind.MIDWIFE_HOME_VISIT},
    Profession.NURSE: HEALTH_INSURANCE | {Kind.PPA},
    Profession.PSYCHOLOGIST: HEALTH_INSURANCE,
    Profession.SOCIAL_WORKER: set(),
    Profession.CARE_COORDINATOR: {Kind.COORDINATION},
    Profession.MATERNITY_CARE_ASSISTANT: set(),
    Profession.NONE: set(),
}
NOT_CONVENTIONED = {
    Profession.GP: {Kind.PPA},
    Profession.GYNAECOLOGIST: {Kind.PPA},
    Profession.MIDWIFE: {Kind.PPA, Kind.MIDWIFE_HOME_VISIT},
    Profession.NURSE: {Kind.PPA},
    Profession.PSYCHOLOGIST: set(),
    Profession.SOCIAL_WORKER: set(),
    Profession.CARE_COORDINATOR: {Kind.COORDINATION},
    Profession.MATERNITY_CARE_ASSISTANT: set(),
    Profession.NONE: set(),
}
SERVICES = ["screening", Kind.PPA, Kind.COORDINATION, Kind.MDO, Kind.MIDWIFE_HOME_VISIT]


@pytest.fixture
def organisation_midwife(midwife):
    """The conventioned midwife of a participating practice, who registers and screens."""
    return participate(midwife)


def _colleague(persona, midwife, profession, conventioned):
    return persona(
        Role.INDEPENDENT_MIDWIFE,
        organisation=midwife.organisation,
        profession=profession,
        conventioned=conventioned,
    )


def _attempt(user, lead, service) -> str:
    """`user` records `service` for a family of `lead`'s organisation ready for it."""
    pregnancy = family(lead)
    if service == "screening":
        return screen(user, pregnancy, REGISTERED)
    if service == Kind.MIDWIFE_HOME_VISIT:
        born(lead, pregnancy)
        return record(user, pregnancy, service, BIRTH + timedelta(days=1))
    positive = {"housing"} if service == Kind.PPA else {"housing", "finances"}
    assert screen(lead, pregnancy, REGISTERED, positive) == ""
    if service == Kind.MDO:
        assert record(lead, pregnancy, Kind.COORDINATION, REGISTERED) == ""
    return record(user, pregnancy, service, REGISTERED + timedelta(days=1), participants=2)


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("conventioned", [True, False])
@pytest.mark.parametrize("profession", list(Profession))
def test_each_profession_records_only_its_services(
    persona, organisation_midwife, profession, conventioned, service
):
    user = _colleague(persona, organisation_midwife, profession, conventioned)
    allowed = (CONVENTIONED if conventioned else NOT_CONVENTIONED)[profession]
    code = _attempt(user, organisation_midwife, service)
    assert code == ("" if service in allowed else "profession_not_allowed")
    recorded_by_user = (
        Screening.objects.filter(recorded_by=user)
        if service == "screening"
        else ProgrammeService.objects.filter(recorded_by=user, kind=service)
    )
    assert recorded_by_user.exists() is (service in allowed)


def test_the_issues_case_a_social_worker_records_no_prenatal_advice_talk(
    persona, organisation_midwife
):
    """ "any participating organisation (a social worker, a kraamzorg service) can record a
    personal prenatal advice talk" — no longer."""
    social_worker = _colleague(persona, organisation_midwife, Profession.SOCIAL_WORKER, False)
    assert _attempt(social_worker, organisation_midwife, Kind.PPA) == "profession_not_allowed"


def test_a_profession_changed_by_the_administrator_counts_from_the_next_request(
    persona, organisation_midwife
):
    user = _colleague(persona, organisation_midwife, Profession.NONE, False)
    pregnancy = family(organisation_midwife)
    assert screen(organisation_midwife, pregnancy, REGISTERED, {"housing"}) == ""
    day = date(2025, 2, 1)
    assert record(user, pregnancy, Kind.PPA, day) == "profession_not_allowed"
    user.profession = Profession.NURSE
    user.save(update_fields=["profession"])
    assert record(user, pregnancy, Kind.PPA, day) == ""
