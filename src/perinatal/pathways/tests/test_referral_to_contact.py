"""A referral to a service outside the platform (decision 0031): nothing is sent, so it is
"to contact"; its page gives the service's phone (as dialled in Belgium, tap to call),
e-mail and website from the directory, and the referrer records the outcome. What is only
for professionals (trainings, tools) is never a referral target."""

import pytest

from django.urls import reverse

from perinatal.audit.models import AccessBasis
from perinatal.core.refusals import InvalidInput, NoAccess
from perinatal.directory.brussels import for_professionals
from perinatal.directory.models import Phone
from perinatal.directory.tests.factories import OrganizationFactory, ServiceFactory
from perinatal.pathways.access import Grant
from perinatal.pathways.constants import ReferralStatus as S
from perinatal.pathways.models import Referral
from perinatal.pathways.services.referrals import referral_create, referral_outcome_record

from .factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(midwife):
    return register(midwife)


@pytest.fixture
def outside():
    """A service whose organisation does not use the platform, with its contacts."""
    organization = OrganizationFactory(name_nl="Aquarelle", name_fr="Aquarelle")
    service = ServiceFactory(
        organization=organization,
        name_nl="Aquarelle opvolging",
        name_fr="Aquarelle suivi",
        email="info@aquarelle.example",
        url="https://aquarelle.example/",
    )
    Phone.objects.create(service=service, number="+3225353421")
    return service


def grant_of(user):
    return Grant(basis=AccessBasis.CARE_TEAM)


def create(midwife, family, service) -> Referral:
    return referral_create(
        by=midwife, pregnancy=family, grant=grant_of(midwife), service=service, reason="help"
    )


def test_a_referral_outside_the_platform_is_to_contact_and_shows_how_to_reach_it(
    client_for, midwife, family, outside
):
    client = client_for(midwife)
    response = client.post(
        reverse("pathways:referral_new", args=[family.public_id]),
        {"service": str(outside.id), "reason": "Administrative help"},
    )
    referral = Referral.objects.get()
    assert referral.status == S.TO_CONTACT and referral.to_organisation is None
    page = reverse("pathways:referral", args=[family.public_id, referral.public_id])
    assert response.status_code == 302 and response["Location"] == page
    html = client.get(page).content.decode()
    assert 'href="tel:+3225353421">02 535 34 21</a>' in html
    assert 'href="mailto:info@aquarelle.example"' in html
    assert 'href="https://aquarelle.example/"' in html
    assert "te contacteren" in html  # the status's Dutch label, not "to_contact"
    family_page = client.get(reverse("pathways:pregnancy", args=[family.public_id]))
    assert page in family_page.content.decode()


# (from, to, allowed): the referrer's outcomes (constants.REFERRAL_OUTCOME_NEXT)
OUTCOMES = [
    (S.TO_CONTACT, S.CONTACTED, True),
    (S.TO_CONTACT, S.ACCEPTED, True),
    (S.TO_CONTACT, S.UNREACHABLE, True),
    (S.TO_CONTACT, S.DECLINED, True),
    (S.TO_CONTACT, S.COMPLETED, False),
    (S.TO_CONTACT, S.SENT, False),
    (S.CONTACTED, S.ACCEPTED, True),
    (S.CONTACTED, S.CONTACTED, False),
    (S.UNREACHABLE, S.CONTACTED, True),
    (S.ACCEPTED, S.COMPLETED, True),
    (S.ACCEPTED, S.UNREACHABLE, False),
    (S.DECLINED, S.CONTACTED, False),
    (S.COMPLETED, S.ACCEPTED, False),
]


@pytest.mark.parametrize(("before", "after", "allowed"), OUTCOMES)
def test_the_referrer_records_the_outcome(midwife, family, outside, before, after, allowed):
    referral = create(midwife, family, outside)
    Referral.objects.filter(pk=referral.pk).update(status=before)

    def record():
        return referral_outcome_record(
            by=midwife, referral=referral, grant=grant_of(midwife), status=after, note="called"
        )

    if allowed:
        assert record().status == after
    else:
        with pytest.raises(InvalidInput):
            record()


@pytest.mark.parametrize("outcome", [S.DECLINED, S.UNREACHABLE])
def test_a_refusal_or_no_answer_needs_a_note(midwife, family, outside, outcome):
    referral = create(midwife, family, outside)
    with pytest.raises(InvalidInput):
        referral_outcome_record(
            by=midwife, referral=referral, grant=grant_of(midwife), status=outcome
        )


def test_only_the_referring_organisation_records_the_outcome(midwife, kg_nurse, family, outside):
    referral = create(midwife, family, outside)
    with pytest.raises(NoAccess):
        referral_outcome_record(
            by=kg_nurse, referral=referral, grant=grant_of(kg_nurse), status=S.CONTACTED
        )


def test_the_outcome_form_records_on_the_page(client_for, midwife, family, outside):
    referral = create(midwife, family, outside)
    page = reverse("pathways:referral", args=[family.public_id, referral.public_id])
    client = client_for(midwife)
    refused = client.post(page, {"status": S.UNREACHABLE, "note": ""})
    assert refused.status_code == 400
    done = client.post(page, {"status": S.UNREACHABLE, "note": "No answer twice"})
    assert done.status_code == 302
    referral.refresh_from_db()
    assert referral.status == S.UNREACHABLE and referral.answer_note == "No answer twice"


def test_the_database_refuses_sent_to_nobody(midwife, family, outside):
    from django.db import IntegrityError, transaction

    referral = create(midwife, family, outside)
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.filter(pk=referral.pk).update(status=S.SENT)


# Seed 002's access conditions that mark what is for professionals (directory/brussels.py)
CONDITIONS = [
    ({"nl": "Voor professionals."}, True),
    ({"nl": "Voor zorgverleners."}, True),
    ({"nl": "Voor professionals; neem contact op met CHIREC (www.chirec.be/nl)."}, True),
    ({"nl": "Voor professionals die aan het programma deelnemen."}, True),
    ({"nl": "Voor alle zwangere vrouwen."}, False),
    ({"nl": ""}, False),
    ({}, False),
]


@pytest.mark.parametrize(("conditions", "expected"), CONDITIONS)
def test_what_seed_002_marks_for_professionals(conditions, expected):
    assert for_professionals(conditions) is expected


def test_a_training_for_professionals_is_not_offered_nor_accepted(client_for, midwife, family):
    training = ServiceFactory(name_nl="Interne bijscholing", for_professionals=True)
    client = client_for(midwife)
    response = client.post(
        reverse("pathways:referral_new", args=[family.public_id]),
        {"service": str(training.id), "reason": "x"},
    )
    assert response.status_code == 400 and not Referral.objects.exists()
    with pytest.raises(InvalidInput):
        create(midwife, family, training)


def test_the_focus_in_house_trainings_are_for_professionals_and_its_services_are_not():
    """Seed 002's in-house trainings of the hospitals, Operatie Alert's training and the BIB
    webinars are for care providers; the services for families are not."""
    from perinatal.directory.brussels import read

    marked = {
        service["key"]: for_professionals(service.get("conditions") or {})
        for organisation in read()["organizations"]
        for service in organisation.get("services") or []
    }
    for key in (
        "chu-saint-pierre-bijscholing",
        "chirec-bijscholing",
        "operatie-alert-opleiding",
        "bib-opleidingen",
    ):
        assert marked[key], key
    assert sum(marked.values()) < len(marked) / 5  # the families' services stay offered


@pytest.mark.parametrize(
    ("outcome", "stays_open"),
    [(None, True), (S.CONTACTED, True), (S.ACCEPTED, True), (S.DECLINED, False)],
)
def test_the_referrers_home_keeps_it_until_the_outcome_closes_it(
    client_for, midwife, family, outside, outcome, stays_open
):
    """The work list (issue 15) shows a referral outside the platform to its referrer, with a
    link to its own page, until the recorded outcome closes it."""
    referral = create(midwife, family, outside)
    if outcome is not None:
        referral_outcome_record(
            by=midwife,
            referral=referral,
            grant=grant_of(midwife),
            status=outcome,
            note="no place before the birth" if outcome == S.DECLINED else "",
        )
    html = client_for(midwife).get(reverse("worklist:home")).content.decode()
    page = reverse("pathways:referral", args=[family.public_id, referral.public_id])
    assert (f'href="{page}"' in html) is stays_open
