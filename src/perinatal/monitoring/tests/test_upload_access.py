"""Who may open the submissions page: a family-care service's users, analysts and
administrators, after the second factor; everyone else is refused and nothing is stored."""

import pytest

from perinatal.accounts.constants import OrganisationKind

from ..models import RejectedSubmission, Submission
from .builders import csv_bytes, row
from .upload_support import IMPORTS, imported, service_user, submissions_url, upload

pytestmark = pytest.mark.django_db

REFUSED = ["kg_nurse", "midwife", "hospital_user", "provider", "editor", "parent"]
ALLOWED = ["kraamzorg_user", "analyst", "admin_user"]


@pytest.mark.parametrize("who", REFUSED)
def test_other_personas_are_refused_the_page_and_the_upload(request, client_for, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(submissions_url()).status_code == 403
    response = upload(client, ("x.csv", csv_bytes([row()])))
    assert response.status_code == 403
    assert not Submission.objects.exists() and not RejectedSubmission.objects.exists()


@pytest.mark.parametrize("who", ALLOWED)
def test_service_users_analysts_and_administrators_open_the_page(request, client_for, who):
    user = request.getfixturevalue(who)
    if who == "kraamzorg_user":
        service_user(user)
    assert client_for(user).get(submissions_url()).status_code == 200


@pytest.mark.parametrize("who", ALLOWED)
def test_without_the_second_factor_they_are_sent_to_it(request, client_for, who):
    client = client_for(request.getfixturevalue(who), verified=False)
    for response in (client.get(submissions_url()), upload(client, ("x.csv", csv_bytes([row()])))):
        assert response.status_code == 302
        assert "/account/two-factor/" in response["Location"]
    assert not Submission.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(submissions_url())
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_a_kraamzorg_role_in_another_kind_of_organisation_is_refused(client_for, kraamzorg_user):
    organisation = kraamzorg_user.organisation
    organisation.kind = OrganisationKind.HOSPITAL
    organisation.recognition_number = "GZ-001"
    organisation.save()
    assert client_for(kraamzorg_user).get(submissions_url()).status_code == 403


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures(*IMPORTS[1].args)
def test_a_service_without_recognition_number_is_told_to_ask_for_one(client_for, kraamzorg_user):
    client = client_for(kraamzorg_user)
    assert client.get(submissions_url()).context["recognition_number"] == ""
    response = upload(client, ("x.csv", csv_bytes([row(service_id="GZ-001")])))
    assert response.status_code == 303
    imported(client, response)
    assert RejectedSubmission.objects.get().code == "not_your_service"
    assert not Submission.objects.exists()
