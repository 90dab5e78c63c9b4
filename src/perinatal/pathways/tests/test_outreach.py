"""The outreach hand-over (seed 002, note 2: "een outreachfunctie, die bestaat uit het
proactief opsporen van kwetsbare zwangere vrouwen en het toeleiden van deze vrouwen naar
screening. (Deze functie maakt geen deel uit van de vier gefinancierde prestaties.)"):
an outreach contact proposes a screening to a participating provider, who accepts and
screens in the usual flow, or declines with a reason. Refusals store nothing."""

from datetime import timedelta

import pytest

from django.utils import timezone

from perinatal.accounts.constants import Role
from perinatal.audit.models import AccessBasis, AccessEvent
from perinatal.core.refusals import InvalidInput, NoAccess, RuleRefused
from perinatal.pathways import access, selectors
from perinatal.pathways.access import Grant
from perinatal.pathways.constants import ContactKind, ProposalStatus
from perinatal.pathways.models import Contact, ProgrammeService, ScreeningProposal
from perinatal.pathways.services import outreach
from perinatal.pathways.services.screening import screening_record

from .factories import participate, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(kg_nurse):
    return register(kg_nurse)  # consent to share given


@pytest.fixture
def screener(provider):
    return participate(provider)


def propose(by, pregnancy, to, **kw):
    return outreach.screening_propose(
        by=by,
        pregnancy=pregnancy,
        grant=kw.pop("grant", None) or access.grant_for(by, pregnancy),
        date=kw.pop("date", timezone.localdate()),
        to_organisation=to.organisation,
        note=kw.pop("note", "Ontmoet in het buurthuis; geen huisarts."),
        **kw,
    )


def test_the_provider_accepts_joins_the_team_and_screens(family, kg_nurse, screener):
    proposal = propose(kg_nurse, family, screener)
    assert proposal.contact.kind == ContactKind.OUTREACH
    assert selectors.screening_proposals_received(user=screener) == [proposal]
    assert access.grant_for(screener, family) is None  # not in the team before the answer

    outreach.screening_proposal_answer(by=screener, proposal=proposal, status="accepted")
    assert access.grant_for(screener, family).basis == AccessBasis.CONSENT
    screening = screening_record(
        by=screener,
        pregnancy=family,
        grant=access.grant_for(screener, family),
        date=timezone.localdate(),
        positive={"housing"},
    )
    assert screening.organisation == screener.organisation
    # outreach is not billed: nothing counted against an entitlement
    assert not ProgrammeService.objects.filter(pregnancy=family).exists()


def test_the_provider_declines_with_a_reason(family, kg_nurse, screener):
    proposal = propose(kg_nurse, family, screener)
    with pytest.raises(InvalidInput) as refused:
        outreach.screening_proposal_answer(by=screener, proposal=proposal, status="declined")
    assert "reason" in refused.value.error_dict
    assert ScreeningProposal.objects.get(pk=proposal.pk).status == ProposalStatus.PROPOSED
    answered = outreach.screening_proposal_answer(
        by=screener, proposal=proposal, status="declined", reason="Geen plaats deze maand."
    )
    assert answered.status == ProposalStatus.DECLINED
    assert access.grant_for(screener, family) is None
    with pytest.raises(InvalidInput):  # answered once
        outreach.screening_proposal_answer(by=screener, proposal=proposal, status="accepted")


def test_only_the_provider_answers(family, kg_nurse, screener, midwife):
    proposal = propose(kg_nurse, family, screener)
    with pytest.raises(NoAccess):
        outreach.screening_proposal_answer(by=midwife, proposal=proposal, status="accepted")
    with pytest.raises(ScreeningProposal.DoesNotExist):
        selectors.screening_proposal_for_recipient(user=midwife, public_id=proposal.public_id)
    assert selectors.screening_proposals_received(user=midwife) == []
    assert ScreeningProposal.objects.get(pk=proposal.pk).status == ProposalStatus.PROPOSED


def _nothing_stored(family) -> bool:
    return (
        not ScreeningProposal.objects.filter(pregnancy=family).exists()
        and not Contact.objects.filter(pregnancy=family).exists()
    )


def test_only_a_provider_of_the_programme(family, kg_nurse, provider):
    assert not provider.organisation.programme_participant
    with pytest.raises(InvalidInput) as refused:
        propose(kg_nurse, family, provider)
    assert "to_organisation" in refused.value.error_dict
    assert _nothing_stored(family)


def test_the_family_consents_first(kg_nurse, screener):
    family = register(kg_nurse, consent_to_share=False)
    with pytest.raises(InvalidInput) as refused:
        propose(kg_nurse, family, screener)
    assert "__all__" in refused.value.error_dict
    assert _nothing_stored(family)


def test_a_family_screened_already_is_not_proposed_again(family, kg_nurse, screener):
    participate(kg_nurse)
    kg_nurse.conventioned = True  # a nurse under the health insurance may screen (decision 0025)
    kg_nurse.save(update_fields=["conventioned"])
    screening_record(
        by=kg_nurse,
        pregnancy=family,
        grant=access.grant_for(kg_nurse, family),
        date=timezone.localdate(),
        positive=set(),
    )
    with pytest.raises(RuleRefused) as refused:
        propose(kg_nurse, family, screener)
    assert refused.value.code == "already_screened"
    assert not ScreeningProposal.objects.filter(pregnancy=family).exists()


def test_one_open_proposal_per_provider(family, kg_nurse, screener):
    propose(kg_nurse, family, screener)
    with pytest.raises(InvalidInput) as refused:
        propose(kg_nurse, family, screener)
    assert "to_organisation" in refused.value.error_dict
    assert ScreeningProposal.objects.filter(pregnancy=family).count() == 1
    assert Contact.objects.filter(pregnancy=family).count() == 1


def test_not_through_an_emergency_access_nor_in_the_future(family, kg_nurse, screener, persona):
    outsider = persona(Role.INDEPENDENT_MIDWIFE, username="outside-midwife")
    with pytest.raises(NoAccess):
        propose(outsider, family, screener, grant=Grant(AccessBasis.BREAK_THE_GLASS, "urgent"))
    with pytest.raises(InvalidInput) as refused:
        propose(kg_nurse, family, screener, date=timezone.localdate() + timedelta(days=1))
    assert "date" in refused.value.error_dict
    assert _nothing_stored(family)


def test_proposal_and_answer_are_in_the_access_log(family, kg_nurse, screener):
    proposal = propose(kg_nurse, family, screener)
    selectors.screening_proposals_received(user=screener)
    outreach.screening_proposal_answer(by=screener, proposal=proposal, status="accepted")
    rows = AccessEvent.objects.filter(record_id=str(proposal.public_id))
    assert set(rows.values_list("actor_username", "action")) == {
        (kg_nurse.username, "create"),
        (screener.username, "read"),
        (screener.username, "update"),
    }


def test_the_export_holds_the_hand_overs_and_the_purge_clears_their_texts(
    family, kg_nurse, screener
):
    from datetime import datetime

    from perinatal.pathways.services import retention

    proposal = propose(kg_nurse, family, screener, note="Woont bij een tante")
    outreach.screening_proposal_answer(
        by=screener, proposal=proposal, status="declined", reason="Mevrouw Testmoeder verhuist"
    )
    data = retention.family_export(
        by=kg_nurse, pregnancy=family, grant=access.grant_for(kg_nurse, family)
    )
    (exported,) = data["screening_proposals"]
    assert (exported["note"], exported["status"]) == ("Woont bij een tante", "declined")
    assert data["hospital_discharges"] == []

    later = datetime(family.due_date.year + 10, 1, 1, tzinfo=timezone.get_current_timezone())
    assert retention.purge(now=later)
    proposal.refresh_from_db()
    assert proposal.note == ""
    assert proposal.answer_reason == "[pseudonymised]"
