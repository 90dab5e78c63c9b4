"""The page "who sees my record" (decision 0037): the organisations with their basis, the
consequence said before confirming, effective at once, logged, unchanged saves nothing, and
only for a parent linked to the family."""

import pytest

from perinatal.audit.models import AccessEvent
from perinatal.pathways import access
from perinatal.pathways.models import Consent
from perinatal.pathways.services import care_team
from perinatal.pathways.tests.factories import register

from .factories import linked_parent

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(midwife, provider):
    pregnancy = register(midwife, consent_to_share=True)
    care_team.team_member_add(
        by=midwife,
        pregnancy=pregnancy,
        grant=access.grant_for(midwife, pregnancy),
        organisation=provider.organisation,
    )
    return pregnancy


def url(pregnancy, language="en"):
    return f"/{language}/my/{pregnancy.public_id}/sharing/"


def test_the_page_lists_the_organisations_with_their_basis(family, midwife, provider, client_for):
    parent = linked_parent(family)
    page = client_for(parent).get(url(family)).content.decode()
    assert str(midwife.organisation) in page and "Keeps your record" in page
    assert str(provider.organisation) in page
    assert "Member of your care team, with your consent" in page
    assert "you cannot withdraw it here" in page
    row = AccessEvent.objects.get(actor=parent)
    assert (row.basis, row.purpose, row.action) == ("own_record", "who sees my record", "read")


def test_withdrawing_explains_the_consequence_then_takes_effect(family, provider, client_for):
    parent = linked_parent(family)
    client = client_for(parent)
    org = provider.organisation
    confirm = client.get(url(family), {"organisation": org.pk, "share": "0"}).content.decode()
    assert f"{org} will no longer see your record" in confirm
    assert access.grant_for(provider, family) is not None  # nothing yet
    response = client.post(url(family), {"organisation": org.pk, "share": "0"})
    assert response.status_code == 302
    assert access.grant_for(provider, family) is None
    assert Consent.objects.get(organisation=org).recorded_by == parent
    after = client.get(url(family)).content.decode()
    assert "Not shared: does not see your record" in after
    # and back again
    client.post(url(family), {"organisation": org.pk, "share": "1"})
    assert access.grant_for(provider, family).basis == "consent"


def test_saving_unchanged_changes_nothing(family, provider, client_for):
    client = client_for(linked_parent(family))
    response = client.post(url(family), {"organisation": provider.organisation.pk, "share": "1"})
    assert response.status_code == 302
    assert not Consent.objects.filter(organisation__isnull=False).exists()
    assert not AccessEvent.objects.filter(action="update", basis="own_record").exists()


def test_the_lead_organisation_or_a_stranger_cannot_be_chosen(
    family, midwife, kg_nurse, client_for
):
    client = client_for(linked_parent(family))
    for org in (midwife.organisation, kg_nurse.organisation):
        response = client.post(url(family), {"organisation": org.pk, "share": "0"})
        assert response.status_code == 400
    assert access.grant_for(midwife, family).basis == "care_team"


def test_another_parent_or_a_professional_gets_404(family, midwife, parent, client_for):
    assert client_for(parent).get(url(family)).status_code == 404
    assert client_for(midwife).get(url(family)).status_code == 404
    unknown = "00000000-0000-4000-8000-000000000000"
    assert client_for(parent).get(f"/en/my/{unknown}/sharing/").status_code == 404


@pytest.mark.parametrize(
    ("language", "words"),
    [("nl", "Houdt uw dossier bij"), ("fr", "Tient votre dossier"), ("en", "Keeps your record")],
)
def test_the_page_speaks_the_parents_language(family, client_for, language, words):
    page = client_for(linked_parent(family)).get(url(family, language)).content.decode()
    assert words in page


def test_the_lead_organisations_home_tells_the_team(family, midwife, provider, client_for):
    client_for(linked_parent(family)).post(
        url(family), {"organisation": provider.organisation.pk, "share": "0"}
    )
    home = client_for(midwife).get("/en/work/").content.decode()
    assert "Sharing withdrawn by families" in home
    assert f"The family withdrew sharing with {provider.organisation} on" in home
    # the withdrawn organisation does not find the family on its own home
    assert "Testmoeder" not in client_for(provider).get("/en/work/").content.decode()
