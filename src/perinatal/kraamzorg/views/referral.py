"""`/kraamzorg/refer/` (`kraamzorg:refer_family`): a professional refers a vulnerable family to
kraamzorg without its record (seed 003; `services.referral`). Open to every referring
professional: the actors who only refer (OCMW/CPAS, CAW, CGG/SSM, psychologists) and the care
professionals for a family they have no record of. After sending, the request's page shows
its answer (`kraamzorg:request`)."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_referring_professional
from perinatal.core.pages import attempt, posted, refused, status_of

from .. import rules, selectors
from ..forms import ReferFamilyForm
from ..services.referral import request_refer_family
from .requests import _offer_for


def refer_family_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_referring_professional(user):
        return refused(request, _("Only professionals refer a family to kraamzorg."))
    if not user.is_verified():
        return refused(request, _("Confirm your login with your second factor first."))
    today = timezone.localdate()
    form = ReferFamilyForm(posted(request), on=today, offers=selectors.active_offers())
    if request.method == "POST" and form.is_valid():
        offer = _offer_for(form)
        if offer is not None:
            made = attempt(
                form,
                lambda: request_refer_family(
                    by=user,
                    offer=offer,
                    data=form.request_input(
                        mother_national_number=form.cleaned_data["mother_national_number"]
                    ),
                    reason=form.cleaned_data["reason"],
                    vulnerability_reason=form.cleaned_data["vulnerability_reason"],
                    request=request,
                ),
            )
            if made is not None:
                messages.success(
                    request,
                    _("The family is referred to %(service)s. Its answer will show here.")
                    % {"service": made.offer.service.name},
                )
                return redirect("kraamzorg:request", public_id=made.public_id)
    if form.is_bound:
        # The national number is never shown back.
        shown = cast(QueryDict, form.data).copy()
        shown["mother_national_number"] = ""
        form.data = shown
    return render(
        request,
        "kraamzorg/refer_family.html",
        {"form": form, "bands": rules.tariff(today)},
        status=status_of(form),
    )


urlpatterns: list[URLPattern] = [
    path("refer/", refer_family_view, name="refer_family"),
]
