"""One referral as its family's team sees it. For a service outside the platform it is the
page where the referrer finds how to reach the service (phone, e-mail, website from the
directory) and records the outcome (decision 0031)."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from perinatal.accounts.requests import logged_in_user
from perinatal.core.pages import attempt, posted, refused, status_of
from perinatal.core.refusals import NoAccess
from perinatal.directory.language_fallback import current_language
from perinatal.directory.service_sheet import service_sheet
from perinatal.pathways.pages import family_page

from ..access import Grant
from ..forms import ReferralOutcomeForm
from ..models import Pregnancy
from ..services import referrals


@family_page("see a referral")
def referral_view(
    request: HttpRequest, pregnancy: Pregnancy, grant: Grant, referral_id: Any
) -> HttpResponse:
    referral = (
        pregnancy.referrals.select_related(
            "service__organization", "to_organisation", "from_organisation"
        )
        .filter(public_id=referral_id)
        .first()
    )
    if referral is None:
        raise Http404
    user = logged_in_user(request)
    may_record = (
        referral.to_organisation_id is None
        and referral.from_organisation_id == user.organisation_id
    )
    form = ReferralOutcomeForm(posted(request), current=referral.status) if may_record else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            recorded = attempt(
                form,
                lambda: referrals.referral_outcome_record(
                    by=user,
                    referral=referral,
                    grant=grant,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    request=request,
                ),
            )
        except NoAccess as exc:
            return refused(request, str(exc))
        if recorded is not None:
            messages.success(
                request,
                _("The referral is %(status)s.") % {"status": recorded.get_status_display()},
            )
            return redirect("pathways:referral", pregnancy.public_id, referral.public_id)
    return render(
        request,
        "pathways/referral.html",
        {
            "pregnancy": pregnancy,
            "referral": referral,
            "sheet": service_sheet(referral.service, current_language()),
            "form": form,
        },
        status=status_of(form) if form is not None else 200,
    )
