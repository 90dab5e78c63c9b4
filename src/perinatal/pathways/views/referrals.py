"""Referrals from a family to a service of the directory, and the inbox where the
organisation a referral is addressed to answers it (which closes the loop)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from perinatal.core.pages import attempt, posted, refused, status_of
from perinatal.core.refusals import NoAccess
from perinatal.directory import selectors as directory_selectors
from perinatal.directory.language_fallback import current_language
from perinatal.directory.models import Service
from perinatal.directory.search.query import SearchQuery
from perinatal.pathways.pages import care_professional_required, family_page, to_family

from .. import selectors
from ..access import Grant
from ..forms import ReferralAnswerForm, ReferralForm, ServiceSearchForm
from ..models import Pregnancy, Referral
from ..services import referrals

SERVICE_RESULTS = 10


@family_page("refer to a service")
def referral_new_view(request: HttpRequest, pregnancy: Pregnancy, grant: Grant) -> HttpResponse:
    search = ServiceSearchForm(request.GET or None)
    results: list[Service] = []
    if search.is_bound and search.is_valid() and search.cleaned_data["q"].strip():
        results = directory_selectors.referral_targets_search(
            SearchQuery(text=search.cleaned_data["q"], lang=current_language()),
            limit=SERVICE_RESULTS,
        )
    form = ReferralForm(posted(request))
    if request.method == "POST" and form.is_valid():
        referral = attempt(
            form,
            lambda: referrals.referral_create(
                by=request.user,
                pregnancy=pregnancy,
                grant=grant,
                service=form.cleaned_data["service"],
                reason=form.cleaned_data["reason"],
                request=request,
            ),
        )
        if referral is not None:
            if referral.to_organisation_id:
                messages.success(
                    request,
                    _("The referral is sent to %(organisation)s.")
                    % {"organisation": referral.to_organisation},
                )
                return to_family(pregnancy, "referrals")
            messages.success(
                request,
                _(
                    "The referral is recorded as to contact. This service does not use the "
                    "platform: contact it, then record the outcome here."
                ),
            )
            return redirect("pathways:referral", pregnancy.public_id, referral.public_id)
    chosen = form.cleaned_data.get("service") if form.is_bound and form.is_valid() else None
    if chosen is not None and chosen not in results:
        results = [chosen, *results]
    return render(
        request,
        "pathways/referral_new.html",
        {
            "pregnancy": pregnancy,
            "search": search,
            "results": results,
            "form": form,
            "chosen": str(form.data.get("service", "")) if form.is_bound else "",
        },
        status=status_of(form),
    )


@care_professional_required
def referrals_received_view(request: HttpRequest) -> HttpResponse:
    received = selectors.referrals_received(user=request.user, request=request)
    return render(request, "pathways/referrals_received.html", {"referrals": received})


@care_professional_required
def referral_answer_view(request: HttpRequest, referral_id) -> HttpResponse:
    try:
        referral = selectors.referral_for_recipient(
            user=request.user, public_id=referral_id, request=request
        )
    except Referral.DoesNotExist as exc:
        raise Http404 from exc
    form = ReferralAnswerForm(posted(request), current=referral.status)
    if request.method == "POST" and form.is_valid():
        try:
            answered = attempt(
                form,
                lambda: referrals.referral_answer(
                    by=request.user,
                    referral=referral,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    request=request,
                ),
            )
        except NoAccess as exc:
            return refused(request, str(exc))
        if answered is not None:
            messages.success(
                request,
                _("The referral is %(status)s.") % {"status": answered.get_status_display()},
            )
            return redirect("pathways:referrals_received")
    return render(
        request,
        "pathways/referral_answer.html",
        {"referral": referral, "form": form},
        status=status_of(form),
    )
