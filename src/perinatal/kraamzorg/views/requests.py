"""The requesters' pages: asking for kraamzorg, referring a family, and seeing the answer.

- `/kraamzorg/` (`kraamzorg:ask`): the public form, no login needed (a logged-in parent is
  linked to the request). It explains the help (seed 002), the price for the family's income
  (the social tariff in force) and why to ask during pregnancy; rate-limited per address.
  After sending: `/kraamzorg/sent/` with what happens next.
- `/kraamzorg/refer/<pregnancy>/` (`kraamzorg:refer`): a care professional who may see the
  family refers it (from the family page), with the reason.
- `/kraamzorg/mine/` (`kraamzorg:mine`): the parent's requests, or those the professional's
  organisation referred, with their status and answer.
- `/kraamzorg/requests/<id>/` (`kraamzorg:request`): one request for who asked (withdraw it
  while open; forward it to another service once refused).
"""

from typing import Any, cast
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_parent, is_referring_professional
from perinatal.audit.models import AccessBasis
from perinatal.core.pages import attempt, posted, refused, status_of
from perinatal.core.ratelimits import WhenCacheDown, ratelimit
from perinatal.core.refusals import NoAccess, RuleRefused
from perinatal.pathways.access import Grant
from perinatal.pathways.entitlements import birth_date_of
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.pages import family_page

from .. import rules, selectors
from ..access import is_requester, log_requests_listed
from ..constants import OPEN_STATUSES, Help, RequestStatus
from ..forms import AskForm, ForwardForm, ReferForm
from ..models import KraamzorgRequest
from ..notices import service_phone
from ..services import requests as request_services

# Anyone may send the public form: a family asks once or twice, not more.
ASK_RATE = "20/h"
SENT_SESSION_KEY = "kraamzorg_sent"


def _offer_for(form: Any) -> Any:
    """The service chosen, or the first that serves the family's postcode."""
    chosen = form.chosen_offer()
    if chosen is not None:
        return chosen
    serving = selectors.offers_serving(postcode=form.cleaned_data["postcode"])
    if not serving:
        form.add_error(
            "postcode",
            _("No kraamzorg service on the platform serves this postcode yet."),
        )
        return None
    return serving[0]


@ratelimit(key="user_or_ip", rate=ASK_RATE, when_cache_down=WhenCacheDown.ALLOW)
def ask_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    user = request.user
    if user.is_authenticated and not is_parent(user):
        return refused(
            request,
            _("Professionals refer a family to kraamzorg from the family's record."),
        )
    form = AskForm(posted(request), on=today, offers=selectors.active_offers())
    if request.method == "POST" and form.is_valid():
        offer = _offer_for(form)
        if offer is not None:
            made = attempt(
                form,
                lambda: request_services.request_submit(
                    by=user if user.is_authenticated else None,
                    offer=offer,
                    data=form.request_input(
                        mother_national_number=form.cleaned_data["mother_national_number"]
                    ),
                    request=request,
                ),
            )
            if made is not None:
                request.session[SENT_SESSION_KEY] = {
                    "service": made.offer.service.name,
                    "in_pregnancy": made.birth_date is None,
                    "id": str(made.public_id) if user.is_authenticated else "",
                    "reference": made.reference,
                    "phone": service_phone(made),
                }
                return redirect("kraamzorg:sent")
    if form.is_bound:
        # The national number is never shown back.
        shown = cast(QueryDict, form.data).copy()  # bound: request.POST (core.pages.posted)
        shown["mother_national_number"] = ""
        form.data = shown
    return render(
        request,
        "kraamzorg/ask.html",
        {
            "form": form,
            "bands": rules.tariff(today),
            "helps": Help.choices,
            "offers": selectors.active_offers(),
        },
        status=status_of(form),
    )


def sent_view(request: HttpRequest) -> HttpResponse:
    sent = request.session.get(SENT_SESSION_KEY)
    if not sent:
        return redirect("kraamzorg:ask")
    return render(request, "kraamzorg/sent.html", {"sent": sent})


@family_page("refer to kraamzorg")
def refer_view(request: HttpRequest, pregnancy: Pregnancy, grant: Grant) -> HttpResponse:
    today = timezone.localdate()
    offers = selectors.offers_serving(postcode=pregnancy.postcode) or selectors.active_offers()
    initial = {
        "due_date": pregnancy.due_date,
        "birth_date": birth_date_of(pregnancy),
        "postcode": pregnancy.postcode,
        "municipality": pregnancy.municipality,
        "adults": 2 if pregnancy.partner_id else 1,
        "children": 0,
        "languages": [code for code in pregnancy.languages if code],
    }
    form = ReferForm(posted(request), initial=initial, on=today, offers=offers)
    if request.method == "POST" and form.is_valid():
        offer = _offer_for(form)
        if offer is not None:
            made = attempt(
                form,
                lambda: request_services.request_refer(
                    by=request.user,
                    pregnancy=pregnancy,
                    offer=offer,
                    data=form.request_input(),
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
    return render(
        request,
        "kraamzorg/refer.html",
        {"form": form, "pregnancy": pregnancy, "bands": rules.tariff(today)},
        status=status_of(form),
    )


def _requester_page(view: Any) -> Any:
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (is_parent(user) or is_referring_professional(user)):
            return refused(request, _("Only parents and care professionals ask for kraamzorg."))
        if user.requires_two_factor and not user.is_verified():
            return refused(request, _("Confirm your login with your second factor first."))
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@_requester_page
def mine_view(request: HttpRequest) -> HttpResponse:
    mine = list(selectors.requests_of_requester(by=request.user)[:200])
    log_requests_listed(
        by=request.user,
        requests=mine,
        purpose="kraamzorg requests of the requester",
        basis=AccessBasis.OWN_RECORD if is_parent(request.user) else AccessBasis.REFERRAL,
        request=request,
    )
    return render(request, "kraamzorg/mine.html", {"requests": mine})


@_requester_page
def request_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    try:
        kraamzorg_request = selectors.request_for_user(
            by=request.user, public_id=public_id, request=request
        )
    except KraamzorgRequest.DoesNotExist as exc:
        raise Http404 from exc
    except NoAccess:
        return refused(request, _("You may not see this request."))
    if not is_requester(request.user, kraamzorg_request):
        # The service's staff answer on the intake page.
        return redirect("kraamzorg:intake_request", public_id=kraamzorg_request.public_id)
    forward_form = None
    refusal = None
    if kraamzorg_request.status == RequestStatus.REFUSED:
        offers = [
            o
            for o in selectors.offers_serving(postcode=kraamzorg_request.postcode)
            if o.pk != kraamzorg_request.offer_id
        ]
        forward_form = ForwardForm(posted(request), offers=offers) if offers else None
        if request.method == "POST" and forward_form is not None and forward_form.is_valid():
            forwarded = attempt(
                forward_form,
                lambda: request_services.request_forward(
                    by=request.user,
                    kraamzorg_request=kraamzorg_request,
                    offer=forward_form.chosen_offer(),
                    request=request,
                ),
            )
            if forwarded is not None:
                messages.success(
                    request,
                    _("The request is sent to %(service)s.")
                    % {"service": forwarded.offer.service.name},
                )
                return redirect("kraamzorg:request", public_id=forwarded.public_id)
            refusal = forward_form.refusal
    elif request.method == "POST" and request.POST.get("action") == "withdraw":
        try:
            request_services.request_withdraw(
                by=request.user, kraamzorg_request=kraamzorg_request, request=request
            )
        except RuleRefused as exc:
            refusal = exc
        else:
            messages.success(request, _("The request is withdrawn."))
            return redirect("kraamzorg:request", public_id=kraamzorg_request.public_id)
    return render(
        request,
        "kraamzorg/request.html",
        {
            "kr": kraamzorg_request,
            "open": kraamzorg_request.status in OPEN_STATUSES,
            "forward_form": forward_form,
            "refusal": refusal,
            "price": rules.hourly_price(kraamzorg_request.income_band, on=timezone.localdate()),
        },
        status=422 if refusal is not None else status_of(forward_form),
    )


urlpatterns: list[URLPattern] = [
    path("", ask_view, name="ask"),
    path("sent/", sent_view, name="sent"),
    path("refer/<uuid:public_id>/", refer_view, name="refer"),
    path("mine/", mine_view, name="mine"),
    path("requests/<uuid:public_id>/", request_view, name="request"),
]
