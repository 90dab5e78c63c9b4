"""Referring a family to a service of the directory, the inbox of the organisation it is
addressed to, and the answer that the referrer then sees on the family page."""

import pytest

from django.urls import reverse

from perinatal.directory.tests.factories import OrganizationFactory, ServiceFactory
from perinatal.pathways.models import Referral

from .factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(midwife):
    return register(midwife)


@pytest.fixture
def service(kraamzorg_user):
    """A directory service whose organisation answers on the platform (kraamzorg_user's)."""
    organization = OrganizationFactory(name_nl="Kraamzorg Brussel", name_fr="Kraamzorg Bruxelles")
    found = ServiceFactory(
        organization=organization,
        name_nl="Kraamzorg thuis na de bevalling",
        name_fr="Soins de maternité à domicile",
        description_nl="Kraamzorg aan huis na de bevalling.",
        description_fr="Soins à domicile après l'accouchement.",
    )
    kraamzorg_user.organisation.directory_organization = organization
    kraamzorg_user.organisation.save()
    return found


@pytest.fixture
def unconnected_service():
    return ServiceFactory(name_nl="Aquarelle opvolging", name_fr="Aquarelle suivi")


def refer(client, family, service, reason="Needs help at home after the birth"):
    return client.post(
        reverse("pathways:referral_new", args=[family.public_id]),
        {"service": str(service.id), "reason": reason},
    )


def test_the_referral_page_searches_the_directory(client_for, midwife, family, service):
    response = client_for(midwife).get(
        reverse("pathways:referral_new", args=[family.public_id]), {"q": "kraamzorg"}
    )
    assert response.status_code == 200
    assert service in response.context["results"]
    assert f'value="{service.id}"' in response.content.decode()


def test_a_referral_reaches_the_organisation_and_its_answer_the_referrer(
    client_for, midwife, kraamzorg_user, family, service
):
    referrer = client_for(midwife)
    response = refer(referrer, family, service)
    assert response.status_code == 302
    assert response.url.endswith("#referrals")
    referral = Referral.objects.get()
    assert (referral.to_organisation, referral.status) == (kraamzorg_user.organisation, "sent")

    recipient = client_for(kraamzorg_user)
    inbox = recipient.get(reverse("pathways:referrals_received"))
    assert list(inbox.context["referrals"]) == [referral]
    answer_url = reverse("pathways:referral_answer", args=[referral.public_id])
    response = recipient.post(answer_url, {"status": "accepted", "note": "Intake on Monday"})
    assert response.status_code == 302
    assert response.url == reverse("pathways:referrals_received")

    page = referrer.get(reverse("pathways:pregnancy", args=[family.public_id]))
    html = page.content.decode()
    assert "Intake on Monday" in html
    assert page.context["referrals"][0].status == "accepted"
    # Accepting brought the kraamzorg organisation into the team (the family consented).
    assert recipient.get(reverse("pathways:pregnancy", args=[family.public_id])).status_code == 200

    response = recipient.post(answer_url, {"status": "completed"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "completed"
    assert recipient.get(answer_url).context["form"].fields["status"].choices == []


def test_a_referral_to_a_service_off_the_platform_is_kept_for_the_family(
    client_for, midwife, family, unconnected_service
):
    response = refer(client_for(midwife), family, unconnected_service)
    assert response.status_code == 302
    assert Referral.objects.get().to_organisation is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"reason": "Needs help"}, "service"),
        ({"service": "00000000-0000-4000-8000-000000000000", "reason": "x"}, "service"),
        ({"service": "not-a-uuid", "reason": "x"}, "service"),
        ({"service": "{service}", "reason": ""}, "reason"),
        ({"service": "{service}", "reason": "   "}, "reason"),
    ],
)
def test_bad_referral_input_is_a_field_error(client_for, midwife, family, service, data, field):
    data = {k: v.format(service=service.id) for k, v in data.items()}
    response = client_for(midwife).post(
        reverse("pathways:referral_new", args=[family.public_id]), data
    )
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "declined", "note": ""}, "note"),
        ({"status": "completed"}, "status"),  # a sent referral is accepted or declined first
        ({"status": "teleported"}, "status"),
        ({}, "status"),
    ],
)
def test_bad_answers_are_field_errors(
    client_for, midwife, kraamzorg_user, family, service, data, field
):
    refer(client_for(midwife), family, service)
    referral = Referral.objects.get()
    response = client_for(kraamzorg_user).post(
        reverse("pathways:referral_answer", args=[referral.public_id]), data
    )
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    referral.refresh_from_db()
    assert referral.status == "sent"


def test_a_declined_referral_shows_its_reason_to_the_referrer(
    client_for, midwife, kraamzorg_user, family, service
):
    referrer = client_for(midwife)
    refer(referrer, family, service)
    referral = Referral.objects.get()
    client_for(kraamzorg_user).post(
        reverse("pathways:referral_answer", args=[referral.public_id]),
        {"status": "declined", "note": "No capacity this month"},
    )
    html = referrer.get(reverse("pathways:pregnancy", args=[family.public_id])).content.decode()
    assert "No capacity this month" in html
