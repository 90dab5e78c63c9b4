"""Who may open the professionals' pages on the family record: per page, the right persona
succeeds and every other persona is refused (and sees no personal data)."""

import pytest

from django.urls import reverse

from perinatal.accounts.tests.network import NETWORK_PERSONAS
from perinatal.directory.models import Organization, Service
from perinatal.pathways import access
from perinatal.pathways.services import referrals

from .factories import register

pytestmark = pytest.mark.django_db

MOTHER = "Testmoeder"
OTHERS = ("analyst", "editor", "admin_user", "parent", "kg_nurse", *NETWORK_PERSONAS)


@pytest.fixture
def family(midwife):
    """A family registered by the midwife's organisation (kg_nurse's is not in the team)."""
    return register(midwife)


@pytest.fixture
def referral(midwife, kraamzorg_user, family):
    """A referral from the family to a service the kraamzorg organisation answers for."""
    organization = Organization.objects.create(name="Kraamzorg Brussel (test)")
    service = Service.objects.create(organization=organization, name="Kraamzorg at home")
    kraamzorg_user.organisation.directory_organization = organization
    kraamzorg_user.organisation.save()
    return referrals.referral_create(
        by=midwife,
        pregnancy=family,
        grant=access.grant_for(midwife, family),
        service=service,
        reason="Support at home after the birth",
    )


FAMILY_PAGES = [
    "pregnancy",
    "birth",
    "contact_new",
    "screening_new",
    "service_new",
    "referral_new",
    "team",
    "export",
]


@pytest.mark.parametrize("name", FAMILY_PAGES)
@pytest.mark.parametrize("who", ["midwife", *OTHERS])
def test_a_family_page_opens_only_for_the_care_team(request, client_for, family, name, who):
    user = request.getfixturevalue(who)
    response = client_for(user).get(reverse(f"pathways:{name}", args=[family.public_id]))
    if who == "midwife":
        assert response.status_code == 200
        assert MOTHER in response.content.decode()
    else:
        assert response.status_code == 403
        assert MOTHER not in response.content.decode()


@pytest.mark.parametrize("name", FAMILY_PAGES)
def test_a_professional_outside_the_team_is_offered_emergency_access(
    client_for, kg_nurse, family, name
):
    response = client_for(kg_nurse).get(reverse(f"pathways:{name}", args=[family.public_id]))
    assert response.status_code == 403
    html = response.content.decode()
    assert reverse("pathways:emergency", args=[family.public_id]) in html
    assert 'name="reason"' in html


@pytest.mark.parametrize("name", FAMILY_PAGES)
def test_a_posted_form_is_refused_outside_the_team_and_stores_nothing(
    client_for, kg_nurse, family, name
):
    before = family.contacts.count(), family.screenings.count(), family.referrals.count()
    response = client_for(kg_nurse).post(
        reverse(f"pathways:{name}", args=[family.public_id]),
        {"date": "2025-01-01", "kind": "phone", "reason": "x" * 20},
    )
    assert response.status_code == 403
    after = family.contacts.count(), family.screenings.count(), family.referrals.count()
    assert after == before


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("midwife", 200),
        ("kg_nurse", 200),  # outside the team: exactly who breaks the glass
        ("analyst", 403),
        ("editor", 403),
        ("admin_user", 403),
        ("parent", 403),
    ],
)
def test_the_emergency_page_is_for_care_professionals(request, client_for, family, who, status):
    user = request.getfixturevalue(who)
    response = client_for(user).get(reverse("pathways:emergency", args=[family.public_id]))
    assert response.status_code == status
    assert MOTHER not in response.content.decode()


@pytest.mark.parametrize("name", ["find", "register", "referrals_received"])
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("midwife", 200),
        ("kg_nurse", 200),
        ("analyst", 403),
        ("editor", 403),
        ("admin_user", 403),
        ("parent", 403),
    ],
)
def test_the_general_pages_are_for_care_professionals(
    request, client_for, family, name, who, status
):
    user = request.getfixturevalue(who)
    response = client_for(user).get(reverse(f"pathways:{name}"))
    assert response.status_code == status
    if who != "midwife":
        assert MOTHER not in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("kraamzorg_user", 200),  # the organisation the referral is addressed to
        ("midwife", 404),  # the referrer sees the answer on the family page, not here
        ("kg_nurse", 404),
        ("analyst", 403),
        ("editor", 403),
        ("admin_user", 403),
        ("parent", 403),
    ],
)
def test_a_referral_is_answered_only_by_its_addressee(request, client_for, referral, who, status):
    user = request.getfixturevalue(who)
    response = client_for(user).get(reverse("pathways:referral_answer", args=[referral.public_id]))
    assert response.status_code == status
    assert (MOTHER in response.content.decode()) == (status == 200)


def test_the_inbox_lists_only_the_referrals_to_the_organisation(
    client_for, referral, kraamzorg_user, kg_nurse
):
    assert (
        MOTHER
        in client_for(kraamzorg_user).get(reverse("pathways:referrals_received")).content.decode()
    )
    assert (
        MOTHER
        not in client_for(kg_nurse).get(reverse("pathways:referrals_received")).content.decode()
    )


@pytest.mark.parametrize("name", ["find", "register", "referrals_received"])
def test_anonymous_visitors_are_sent_to_the_login(client, name):
    response = client.get(reverse(f"pathways:{name}"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_anonymous_visitors_are_sent_to_the_login_from_a_family_page(client, family):
    response = client.get(reverse("pathways:pregnancy", args=[family.public_id]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_without_the_second_factor_the_family_page_stays_closed(client_for, midwife, family):
    response = client_for(midwife, verified=False).get(
        reverse("pathways:pregnancy", args=[family.public_id])
    )
    assert response.status_code in (302, 403)
    assert MOTHER not in response.content.decode()
    if response.status_code == 302:
        assert response.url.startswith(reverse("accounts:two_factor"))


def test_an_unknown_family_is_404(client_for, midwife):
    response = client_for(midwife).get(
        reverse("pathways:pregnancy", args=["00000000-0000-4000-8000-000000000000"])
    )
    assert response.status_code == 404


def test_a_colleague_of_the_same_organisation_sees_the_family(client_for, persona, midwife, family):
    colleague = persona(midwife.role, organisation=midwife.organisation)
    response = client_for(colleague).get(reverse("pathways:pregnancy", args=[family.public_id]))
    assert response.status_code == 200
