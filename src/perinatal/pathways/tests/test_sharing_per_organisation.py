"""The family's choice per organisation of its care team (decision 0037): the rule table of
`grant_for`, the refusal logged as consent withdrawn, every list of families honouring it,
the choice kept when the organisation joins again, and the team seeing it."""

import pytest

from perinatal.audit.models import AccessEvent, AccessOutcome
from perinatal.core.refusals import InvalidInput
from perinatal.parents.selectors import OWN_RECORD
from perinatal.parents.tests.factories import linked_parent
from perinatal.pathways import access, selectors
from perinatal.pathways.models import CareTeamMember, Consent
from perinatal.pathways.services import care_team
from perinatal.pathways.tests.api_support import api_for

from .factories import register

pytestmark = pytest.mark.django_db


def _team(midwife, provider, *, consent: bool):
    pregnancy = register(midwife, consent_to_share=consent)
    care_team.team_member_add(
        by=midwife,
        pregnancy=pregnancy,
        grant=access.grant_for(midwife, pregnancy),
        organisation=provider.organisation,
    )
    return pregnancy


def _choose(pregnancy, organisation, shared: bool, by=None):
    by = by or linked_parent(pregnancy)
    return care_team.sharing_set(
        pregnancy=pregnancy, organisation=organisation, shared=shared, by=by, grant=OWN_RECORD
    )


@pytest.mark.parametrize(
    ("family_consent", "own_choice", "basis"),
    [
        (True, None, "consent"),
        (True, True, "consent"),
        (True, False, None),
        (False, None, None),
        (False, True, "consent"),
        (False, False, None),
    ],
)
def test_a_member_sees_the_record_by_the_familys_choice_else_its_consent(
    midwife, provider, family_consent, own_choice, basis
):
    pregnancy = _team(midwife, provider, consent=family_consent)
    if own_choice is not None:
        CareTeamMember.objects.filter(organisation=provider.organisation).update(sharing=own_choice)
    grant = access.grant_for(provider, pregnancy)
    assert (grant.basis if grant else None) == basis
    # the lead organisation keeps the record whatever the choices
    assert access.grant_for(midwife, pregnancy).basis == "care_team"
    # the list of families agrees with the single-record rule
    found = selectors.pregnancies_search(user=provider)
    assert (pregnancy in found) == (basis is not None)


def test_the_lead_organisation_cannot_be_withdrawn(midwife, provider):
    pregnancy = _team(midwife, provider, consent=True)
    with pytest.raises(InvalidInput):
        _choose(pregnancy, midwife.organisation, False)
    assert access.grant_for(midwife, pregnancy).basis == "care_team"


def test_withdrawing_is_effective_at_once_logged_and_kept_in_the_history(midwife, provider):
    pregnancy = _team(midwife, provider, consent=True)
    parent = linked_parent(pregnancy)
    consent = _choose(pregnancy, provider.organisation, False, by=parent)
    assert (consent.organisation, consent.given, consent.recorded_by) == (
        provider.organisation,
        False,
        parent,
    )
    assert access.grant_for(provider, pregnancy) is None
    assert access.refusal_reason(provider, pregnancy) == "consent_withdrawn"
    row = AccessEvent.objects.filter(actor=parent, action="update").get()
    assert (row.basis, row.subject) == ("own_record", str(pregnancy.public_id))
    # the family-wide consent is untouched
    pregnancy.refresh_from_db()
    assert pregnancy.consent_to_share is True


def test_saving_the_choice_that_holds_changes_nothing(midwife, provider):
    pregnancy = _team(midwife, provider, consent=True)
    parent = linked_parent(pregnancy)
    rows = AccessEvent.objects.count()
    assert _choose(pregnancy, provider.organisation, True, by=parent) is None
    assert AccessEvent.objects.count() == rows
    assert not Consent.objects.filter(organisation__isnull=False).exists()


def test_an_emergency_access_is_not_affected(midwife, provider):
    pregnancy = _team(midwife, provider, consent=True)
    _choose(pregnancy, provider.organisation, False)
    care_team.emergency_access_open(
        by=provider, pregnancy=pregnancy, reason="Unconscious at the emergency department"
    )
    assert access.grant_for(provider, pregnancy).basis == "break_the_glass"


def test_the_choice_holds_when_the_organisation_joins_the_team_again(midwife, provider):
    pregnancy = _team(midwife, provider, consent=True)
    _choose(pregnancy, provider.organisation, False)
    grant = access.grant_for(midwife, pregnancy)
    member = pregnancy.team.get(organisation=provider.organisation, ended_at__isnull=True)
    care_team.team_member_end(by=midwife, pregnancy=pregnancy, grant=grant, member=member)
    care_team.team_member_add(
        by=midwife, pregnancy=pregnancy, grant=grant, organisation=provider.organisation
    )
    again = pregnancy.team.get(organisation=provider.organisation, ended_at__isnull=True)
    assert again.pk != member.pk and again.sharing is False
    assert access.grant_for(provider, pregnancy) is None


def test_the_withdrawn_organisation_is_refused_on_the_api_and_the_page_and_it_is_logged(
    midwife, provider, client_for
):
    pregnancy = _team(midwife, provider, consent=True)
    _choose(pregnancy, provider.organisation, False)
    assert api_for(provider).get(f"/pregnancies/{pregnancy.public_id}").status_code == 403
    response = client_for(provider).get(f"/en/families/{pregnancy.public_id}/")
    assert response.status_code in (403, 404)
    refused = AccessEvent.objects.filter(
        actor_username=provider.username, outcome=AccessOutcome.REFUSED
    )
    assert [r.refusal for r in refused] == ["consent_withdrawn", "consent_withdrawn"]
    assert {r.subject for r in refused} == {str(pregnancy.public_id)}


def test_the_team_sees_that_the_family_withdrew_sharing(midwife, provider, client_for):
    pregnancy = _team(midwife, provider, consent=True)
    _choose(pregnancy, provider.organisation, False)
    for url in (
        f"/en/families/{pregnancy.public_id}/",
        f"/en/families/{pregnancy.public_id}/team/",
    ):
        page = client_for(midwife).get(url).content.decode()
        assert "sharing withdrawn by the family on" in page
    page = client_for(midwife).get(f"/nl/families/{pregnancy.public_id}/").content.decode()
    assert "sharing withdrawn by the family on" not in page  # in Dutch
