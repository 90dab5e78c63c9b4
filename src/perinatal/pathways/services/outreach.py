"""The outreach hand-over: seed 002 (note 2) describes the outreach function as "het
proactief opsporen van kwetsbare zwangere vrouwen en het toeleiden van deze vrouwen naar
screening", not one of the four billable services. A professional in the family's care team
records the outreach contact and proposes a screening to a provider taking part in the
programme; the provider accepts (joins the care team and screens in the usual flow,
`services/screening.py`) or declines with a reason. Nothing here is billed.
See docs/decisions/0027-discharge-and-outreach-handovers.md.
"""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.constants import Profession
from perinatal.accounts.models import Organisation
from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.core.refusals import InvalidInput, NoAccess, RuleRefused
from perinatal.pathways.access_log import log_access
from perinatal.pathways.providers import Provider

from .. import entitlements
from ..access import Grant
from ..constants import ContactKind, ProposalStatus
from ..models import Contact, Pregnancy, ScreeningProposal
from ..sharing import shares_with
from .care_team import CARE_KINDS
from .discharges import TEAM_BASES
from .families import require_professional
from .handover_team import team_join


def screening_providers(*, excluding: Organisation | None = None):
    """The organisations a screening may be proposed to: care organisations that take part
    in the first-1000-days programme."""
    found = Organisation.objects.filter(kind__in=CARE_KINDS, programme_participant=True)
    found = found.order_by("name")
    return found.exclude(pk=excluding.pk) if excluding is not None else found


@transaction.atomic
def screening_propose(
    *,
    by: Any,
    pregnancy: Pregnancy,
    grant: Grant,
    date: date,
    to_organisation: Organisation | None,
    note: str = "",
    request: Any = None,
) -> ScreeningProposal:
    """Record the outreach contact of `date` and propose a screening to `to_organisation`.
    Refused (`RuleRefused`) when a screening could not be recorded now (already screened,
    window closed, outside the programme's region or period)."""
    require_professional(by)
    if grant.basis not in TEAM_BASES:
        raise NoAccess(_("Only a member of the family's care team proposes a screening."))
    Pregnancy.objects.select_for_update().filter(pk=pregnancy.pk).first()
    errors: dict[str, list[str]] = {}
    if date > timezone.localdate():
        errors["date"] = [_("The outreach contact cannot be in the future.")]
    if (
        to_organisation is None
        or to_organisation.kind not in CARE_KINDS
        or not to_organisation.programme_participant
    ):
        errors["to_organisation"] = [
            _("Choose a provider who takes part in the first-1000-days programme.")
        ]
    elif to_organisation.pk == by.organisation_id:
        errors["to_organisation"] = [
            _("Your own organisation screens from the family's page: no proposal is needed.")
        ]
    if to_organisation is not None and not shares_with(pregnancy, to_organisation.pk):
        errors["__all__"] = [
            _(
                "Record the family's consent to share the record within the care team first: "
                "the provider needs it to screen."
            )
        ]
    if errors:
        raise InvalidInput(errors)
    assert to_organisation is not None  # checked above
    # The proposal goes to an organisation: who screens there is checked when they record the
    # screening. Here only the family's side of the rule counts (the window, one already done).
    screener = Provider(participates=True, profession=Profession.GP, conventioned=True)
    decision = entitlements.check(
        pregnancy, "screening", on=timezone.localdate(), provider=screener
    )
    if not decision.allowed:
        raise RuleRefused(decision)
    contact = Contact.objects.create(
        pregnancy=pregnancy,
        date=date,
        kind=ContactKind.OUTREACH,
        note=note.strip(),
        organisation=by.organisation,
        recorded_by=by,
    )
    try:
        with transaction.atomic():
            proposal = ScreeningProposal.objects.create(
                pregnancy=pregnancy,
                contact=contact,
                from_organisation=by.organisation,
                to_organisation=to_organisation,
                note=note.strip(),
                proposed_by=by,
            )
    except IntegrityError as exc:
        raise InvalidInput(
            {"to_organisation": [_("A screening proposed to this provider awaits its answer.")]}
        ) from exc
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=grant,
        action=AccessAction.CREATE,
        record=proposal,
        purpose="propose a screening (outreach)",
        request=request,
    )
    return proposal


ANSWERS = (ProposalStatus.ACCEPTED, ProposalStatus.DECLINED)


@transaction.atomic
def screening_proposal_answer(
    *, by: Any, proposal: ScreeningProposal, status: str, reason: str = "", request: Any = None
) -> ScreeningProposal:
    """The provider accepts (and joins the care team) or declines with a reason."""
    proposal = ScreeningProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.to_organisation_id != getattr(by, "organisation_id", None):
        raise NoAccess(_("Only the provider the screening is proposed to may answer."))
    if proposal.status != ProposalStatus.PROPOSED:
        raise InvalidInput({"status": [_("This proposal is answered already.")]})
    if status not in ANSWERS:
        raise InvalidInput({"status": [_("Accept or decline the proposal.")]})
    if status == ProposalStatus.DECLINED and not reason.strip():
        raise InvalidInput({"reason": [_("Say why you decline the screening.")]})
    proposal.status = status
    proposal.answer_reason = reason.strip() if status == ProposalStatus.DECLINED else ""
    proposal.answered_by = by
    proposal.answered_at = timezone.now()
    proposal.save(update_fields=["status", "answer_reason", "answered_by", "answered_at"])
    if status == ProposalStatus.ACCEPTED:
        team_join(
            pregnancy=proposal.pregnancy,
            organisation=by.organisation,
            by=by,
            task=_("screening proposed by outreach"),
        )
    log_access(
        by=by,
        pregnancy=proposal.pregnancy,
        grant=Grant(AccessBasis.REFERRAL),
        action=AccessAction.UPDATE,
        record=proposal,
        purpose="answer a screening proposal",
        request=request,
    )
    return proposal
