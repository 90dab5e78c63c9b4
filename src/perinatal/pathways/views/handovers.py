"""Hand-over pages: a hospital records a discharge and its transfer to the first line (within
24 hours, seed 002), the receiving organisation's list of discharges (late ones in words);
an outreach contact proposes a screening to a provider of the programme, who accepts (and
screens in the usual flow) or declines with a reason."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.requests import logged_in_user
from perinatal.accounts.roles import is_hospital_professional
from perinatal.core.pages import attempt, posted, refused, status_of
from perinatal.core.refusals import NoAccess
from perinatal.pathways.pages import care_professional_required, family_page, to_family

from .. import selectors
from ..access import Grant
from ..constants import ProposalStatus
from ..discharge_rows import discharge_row, discharge_rows
from ..handover_forms import DischargeForm, OutreachForm, ProposalAnswerForm, TransferForm
from ..handover_rules import transfer_hours
from ..models import HospitalDischarge, Pregnancy, ScreeningProposal
from ..services import discharges, outreach


@family_page("record a hospital discharge")
def discharge_new_view(request: HttpRequest, pregnancy: Pregnancy, grant: Grant) -> HttpResponse:
    if not is_hospital_professional(request.user):
        return refused(request, _("Only a hospital records a discharge and its transfer."))
    form = DischargeForm(
        posted(request),
        recipients=discharges.first_line_organisations(
            excluding=logged_in_user(request).organisation
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recorded = attempt(
                form,
                lambda: discharges.discharge_record(
                    by=request.user,
                    pregnancy=pregnancy,
                    grant=grant,
                    discharged_at=data["discharged_at"],
                    to_organisation=data["to_organisation"],
                    transferred_at=data["transferred_at"],
                    note=data["note"],
                    request=request,
                ),
            )
        except NoAccess as exc:
            return refused(request, str(exc))
        if recorded is not None:
            messages.success(request, _("The discharge is recorded."))
            return to_family(pregnancy, "discharges")
    return render(
        request,
        "pathways/discharge_new.html",
        {"pregnancy": pregnancy, "form": form, "hours": transfer_hours()},
        status=status_of(form),
    )


@care_professional_required
def discharge_transfer_view(request: HttpRequest, discharge_id: Any) -> HttpResponse:
    try:
        discharge = selectors.discharge_for_hospital(
            user=request.user, public_id=discharge_id, request=request
        )
    except HospitalDischarge.DoesNotExist as exc:
        raise Http404 from exc
    form = TransferForm(posted(request))
    if request.method == "POST" and form.is_valid():
        recorded = attempt(
            form,
            lambda: discharges.discharge_transfer_record(
                by=request.user,
                discharge=discharge,
                transferred_at=form.cleaned_data["transferred_at"],
                request=request,
            ),
        )
        if recorded is not None:
            messages.success(request, _("The transfer is recorded."))
            return to_family(discharge.pregnancy, "discharges")
    return render(
        request,
        "pathways/discharge_transfer.html",
        {"row": discharge_row(discharge, now=timezone.now()), "form": form},
        status=status_of(form),
    )


@care_professional_required
def discharges_received_view(request: HttpRequest) -> HttpResponse:
    late_only = request.GET.get("late") == "1"
    found = selectors.discharges_received(user=request.user, request=request, late_only=late_only)
    visible = selectors.pregnancies_visible_among(
        user=request.user, pregnancy_ids=[d.pregnancy_id for d in found]
    )
    return render(
        request,
        "pathways/discharges_received.html",
        {
            "rows": discharge_rows(found, now=timezone.now()),
            "visible": visible,
            "late_only": late_only,
            "hours": transfer_hours(),
        },
    )


@family_page("propose a screening (outreach)")
def outreach_new_view(request: HttpRequest, pregnancy: Pregnancy, grant: Grant) -> HttpResponse:
    form = OutreachForm(
        posted(request),
        providers=outreach.screening_providers(excluding=logged_in_user(request).organisation),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = attempt(
                form,
                lambda: outreach.screening_propose(
                    by=request.user,
                    pregnancy=pregnancy,
                    grant=grant,
                    date=data["date"],
                    to_organisation=data["to_organisation"],
                    note=data["note"],
                    request=request,
                ),
            )
        except NoAccess as exc:
            return refused(request, str(exc))
        if proposal is not None:
            messages.success(
                request,
                _("The screening is proposed to %(organisation)s.")
                % {"organisation": proposal.to_organisation},
            )
            return to_family(pregnancy, "proposals")
    return render(
        request,
        "pathways/outreach_new.html",
        {"pregnancy": pregnancy, "form": form},
        status=status_of(form),
    )


@care_professional_required
def proposals_received_view(request: HttpRequest) -> HttpResponse:
    found = selectors.screening_proposals_received(user=request.user, request=request)
    return render(request, "pathways/proposals_received.html", {"proposals": found})


@care_professional_required
def proposal_answer_view(request: HttpRequest, proposal_id: Any) -> HttpResponse:
    try:
        proposal = selectors.screening_proposal_for_recipient(
            user=request.user, public_id=proposal_id, request=request
        )
    except ScreeningProposal.DoesNotExist as exc:
        raise Http404 from exc
    form = ProposalAnswerForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            answered = attempt(
                form,
                lambda: outreach.screening_proposal_answer(
                    by=request.user,
                    proposal=proposal,
                    status=form.cleaned_data["status"],
                    reason=form.cleaned_data["reason"],
                    request=request,
                ),
            )
        except NoAccess as exc:
            return refused(request, str(exc))
        if answered is not None:
            return _after_answer(request, answered)
    return render(
        request,
        "pathways/proposal_answer.html",
        {"proposal": proposal, "form": form, "open": proposal.status == ProposalStatus.PROPOSED},
        status=status_of(form),
    )


def _after_answer(request: HttpRequest, proposal: ScreeningProposal) -> HttpResponse:
    """Accepted: on to the screening of the family (if the family's consent lets the team
    see it); declined: back to the list."""
    if proposal.status == ProposalStatus.ACCEPTED:
        messages.success(request, _("You accepted the proposal: screen the family."))
        visible = selectors.pregnancies_visible_among(
            user=request.user, pregnancy_ids=[proposal.pregnancy_id]
        )
        if visible:
            return redirect("pathways:screening_new", public_id=proposal.pregnancy.public_id)
        messages.warning(
            request,
            _("The family does not consent to share its record within the care team now."),
        )
    else:
        messages.success(request, _("You declined the proposal."))
    return redirect("pathways:proposals_received")
