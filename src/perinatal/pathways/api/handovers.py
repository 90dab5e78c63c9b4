"""Hand-overs through the API: a hospital's discharges with their transfer to the first line
within 24 hours (seed 002), the discharges transferred to your organisation (late ones
marked), and screenings proposed after outreach with the provider's answer.
See docs/decisions/0027-discharge-and-outreach-handovers.md."""

from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Field as SchemaField
from ninja import Query, Schema, Status

from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.models import Organisation
from perinatal.api.requests import ApiRequest
from perinatal.api.schemas import InvalidInputProblem, Problem
from perinatal.core.refusals import InvalidInput

from .. import selectors
from ..discharge_rows import discharge_row
from ..models import HospitalDischarge, ScreeningProposal
from ..services import discharges, outreach
from .families import REFUSALS, family_for, router
from .handover_schemas import (
    DischargeIn,
    DischargeOut,
    OrganisationRefOut,
    ProposalAnswerIn,
    ProposalIn,
    ProposalOut,
    ReceivedDischargeOut,
    ReceivedProposalOut,
    TransferIn,
)
from .schemas import Unprocessable

TAGS = ["hand-overs"]


def _aware(moment: datetime | None) -> datetime | None:
    """A moment without an offset is Brussels time."""
    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment)


def _local(moment: datetime | None) -> datetime | None:
    return timezone.localtime(moment) if moment is not None else None


def _as_body(error: InvalidInput) -> InvalidInput:
    """The service's `to_organisation` is the body's `to_organisation_id`."""
    return InvalidInput(
        {
            ("to_organisation_id" if field == "to_organisation" else field): errors
            for field, errors in error.error_dict.items()
        }
    )


def _organisation(public_id: UUID, field: str, allowed: Any) -> Organisation:
    found = allowed.filter(public_id=public_id).first()
    if found is None:
        raise InvalidInput({field: [_("No organisation you may choose has this id.")]})
    return found


def _organisation_out(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": organisation.public_id,
        "name": organisation.name,
        "kind": organisation.get_kind_display(),
    }


def _family(pregnancy: Any) -> dict[str, Any]:
    return {
        "mother": pregnancy.mother.full_name,
        "due_date": pregnancy.due_date,
        "municipality": pregnancy.municipality,
        "languages": list(pregnancy.languages),
    }


def _discharge_out(discharge: HospitalDischarge, *, family: bool = False) -> dict[str, Any]:
    row = discharge_row(discharge, now=timezone.now())
    out = {
        "id": discharge.public_id,
        "pregnancy_id": discharge.pregnancy.public_id,
        "hospital": str(discharge.hospital),
        "to_organisation": _organisation_out(discharge.to_organisation),
        "discharged_at": _local(discharge.discharged_at),
        "deadline_at": _local(discharge.deadline_at),
        "transferred_at": _local(discharge.transferred_at),
        "state": row.state.value,
        "state_label": row.state_label,
        "late": row.late,
        "note": discharge.contact.note,
    }
    return out | {"family": _family(discharge.pregnancy)} if family else out


def _proposal_out(proposal: ScreeningProposal, *, family: bool = False) -> dict[str, Any]:
    out = {
        "id": proposal.public_id,
        "pregnancy_id": proposal.pregnancy.public_id,
        "outreach_date": proposal.contact.date,
        "from_organisation": str(proposal.from_organisation),
        "to_organisation": _organisation_out(proposal.to_organisation),
        "note": proposal.note,
        "status": proposal.status,
        "status_label": proposal.get_status_display(),
        "answer_reason": proposal.answer_reason,
        "created_at": proposal.created_at,
        "answered_at": proposal.answered_at,
    }
    return out | {"family": _family(proposal.pregnancy)} if family else out


DISCHARGE_RELATIONS = ("pregnancy", "hospital", "to_organisation", "contact")
PROPOSAL_RELATIONS = ("pregnancy", "from_organisation", "to_organisation", "contact")


# --- Hospital discharges ----------------------------------------------------------------------


@router.get(
    "/discharges/recipients",
    operation_id="discharge_recipients_list",
    response={200: list[OrganisationRefOut], 401: Problem, 403: Problem},
    summary="The first-line organisations a discharge may be transferred to",
    tags=TAGS,
)
def discharge_recipients_list(request: ApiRequest):
    return [_organisation_out(o) for o in discharges.first_line_organisations()]


@router.get(
    "/pregnancies/{pregnancy_id}/discharges",
    operation_id="discharges_list",
    response={200: list[DischargeOut], **REFUSALS},
    summary="A family's hospital discharges and their transfer",
    tags=TAGS,
)
def discharges_list(request: ApiRequest, pregnancy_id: UUID):
    pregnancy, _grant = family_for(request, pregnancy_id, "read the hospital discharges")
    found = pregnancy.discharges.select_related(*DISCHARGE_RELATIONS)
    return [_discharge_out(d) for d in found]


@router.post(
    "/pregnancies/{pregnancy_id}/discharges",
    operation_id="discharge_create",
    response={201: DischargeOut, **REFUSALS, 422: InvalidInputProblem},
    summary="Record a hospital discharge and its transfer to the first line",
    tags=TAGS,
)
def discharge_create(request: ApiRequest, pregnancy_id: UUID, body: DischargeIn):
    """For a hospital in the family's care team. The transfer is due 24 hours after the
    discharge (the rule in force that day); the receiving organisation joins the care team
    and sees the discharge in `GET /discharges/received`."""
    pregnancy, grant = family_for(request, pregnancy_id, "record a hospital discharge")
    recipient = _organisation(
        body.to_organisation_id, "to_organisation_id", discharges.first_line_organisations()
    )
    try:
        discharge = discharges.discharge_record(
            by=request.auth,
            pregnancy=pregnancy,
            grant=grant,
            discharged_at=_aware(body.discharged_at),  # type: ignore[arg-type]
            to_organisation=recipient,
            transferred_at=_aware(body.transferred_at),
            note=body.note,
            request=request,
        )
    except InvalidInput as error:
        raise _as_body(error) from error
    return Status(201, _discharge_out(discharge))


@router.post(
    "/discharges/{discharge_id}/transfer",
    operation_id="discharge_transfer",
    response={200: DischargeOut, **REFUSALS, 422: InvalidInputProblem},
    summary="Record when a discharge's data went to the first line",
    tags=TAGS,
)
def discharge_transfer(request: ApiRequest, discharge_id: UUID, body: TransferIn):
    """For the hospital that recorded the discharge, once. Another organisation's discharge
    is unknown to you (404)."""
    discharge = selectors.discharge_for_hospital(
        user=request.auth, public_id=discharge_id, request=request
    )
    recorded = discharges.discharge_transfer_record(
        by=request.auth,
        discharge=discharge,
        transferred_at=_aware(body.transferred_at),
        request=request,
    )
    return _discharge_out(recorded)


class DischargesReceivedParams(Schema):
    late: bool = SchemaField(False, description="Only the late ones.")


@router.get(
    "/discharges/received",
    operation_id="discharges_received",
    response={200: list[ReceivedDischargeOut], 401: Problem, 403: Problem},
    summary="Hospital discharges transferred to your organisation",
    tags=TAGS,
)
def discharges_received(request: ApiRequest, params: Query[DischargesReceivedParams]):
    found = selectors.discharges_received(user=request.auth, request=request, late_only=params.late)
    return [_discharge_out(d, family=True) for d in found]


# --- Screenings proposed after outreach -------------------------------------------------------


@router.get(
    "/screening-proposals/providers",
    operation_id="screening_providers_list",
    response={200: list[OrganisationRefOut], 401: Problem, 403: Problem},
    summary="The providers taking part in the programme a screening may be proposed to",
    tags=TAGS,
)
def screening_providers_list(request: ApiRequest):
    return [_organisation_out(o) for o in outreach.screening_providers()]


@router.get(
    "/pregnancies/{pregnancy_id}/screening-proposals",
    operation_id="screening_proposals_list",
    response={200: list[ProposalOut], **REFUSALS},
    summary="A family's screenings proposed after outreach",
    tags=TAGS,
)
def screening_proposals_list(request: ApiRequest, pregnancy_id: UUID):
    pregnancy, _grant = family_for(request, pregnancy_id, "read the screening proposals")
    found = pregnancy.screening_proposals.select_related(*PROPOSAL_RELATIONS)
    return [_proposal_out(p) for p in found]


@router.post(
    "/pregnancies/{pregnancy_id}/screening-proposals",
    operation_id="screening_proposal_create",
    response={201: ProposalOut, **REFUSALS, 422: Unprocessable},
    summary="Record an outreach contact and propose a screening to a provider",
    tags=TAGS,
)
def screening_proposal_create(request: ApiRequest, pregnancy_id: UUID, body: ProposalIn):
    """Not billable (seed 002: outreach). Needs the family's consent to share within the care
    team; refused with the screening rule's code (`already_screened`,
    `screening_window_closed`, …) when a screening could not be recorded now."""
    pregnancy, grant = family_for(request, pregnancy_id, "propose a screening (outreach)")
    provider = _organisation(
        body.to_organisation_id, "to_organisation_id", outreach.screening_providers()
    )
    try:
        proposal = outreach.screening_propose(
            by=request.auth,
            pregnancy=pregnancy,
            grant=grant,
            date=body.date,
            to_organisation=provider,
            note=body.note,
            request=request,
        )
    except InvalidInput as error:
        raise _as_body(error) from error
    return Status(201, _proposal_out(proposal))


class ProposalsReceivedParams(Schema):
    open: bool = SchemaField(False, description="Only those still to answer.")


@router.get(
    "/screening-proposals/received",
    operation_id="screening_proposals_received",
    response={200: list[ReceivedProposalOut], 401: Problem, 403: Problem},
    summary="Screenings proposed to your organisation",
    tags=TAGS,
)
def screening_proposals_received(request: ApiRequest, params: Query[ProposalsReceivedParams]):
    found = selectors.screening_proposals_received(
        user=request.auth, request=request, open_only=params.open
    )
    return [_proposal_out(p, family=True) for p in found]


@router.post(
    "/screening-proposals/{proposal_id}/answer",
    operation_id="screening_proposal_answer",
    response={200: ReceivedProposalOut, **REFUSALS, 422: InvalidInputProblem},
    summary="Accept or decline a screening proposed to your organisation",
    tags=TAGS,
)
def screening_proposal_answer(request: ApiRequest, proposal_id: UUID, body: ProposalAnswerIn):
    """Accepting brings your organisation into the care team; then record the screening
    (`POST /pregnancies/{id}/screenings`). A proposal to another organisation is unknown to
    you (404)."""
    proposal = selectors.screening_proposal_for_recipient(
        user=request.auth, public_id=proposal_id, request=request
    )
    answered = outreach.screening_proposal_answer(
        by=request.auth, proposal=proposal, status=body.status, reason=body.reason, request=request
    )
    return _proposal_out(answered, family=True)
