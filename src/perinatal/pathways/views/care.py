"""The screening of psychosocial vulnerability and the programme's services (and the other
counted entitlements): the forms, with the rules' refusals shown as code and message."""

from datetime import date
from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.core.dates import shown
from perinatal.core.pages import attempt, posted, status_of
from perinatal.pathways.pages import family_page, to_family

from .. import entitlements
from ..access import Grant
from ..constants import ProgrammeServiceKind as Kind
from ..forms import ProgrammeServiceForm, ScreeningForm
from ..models import Pregnancy
from ..parameters import parameter
from ..services import programme, screening


def _screening_day(request: HttpRequest) -> date:
    """The day whose catalogue the form shows: the screening's date as posted (or asked
    with ?date=), else today."""
    source = request.POST if request.method == "POST" else request.GET
    try:
        return date.fromisoformat(source.get("date", ""))
    except ValueError:
        return timezone.localdate()


@family_page("record a screening")
def screening_new_view(request: HttpRequest, pregnancy: Pregnancy, grant: Grant) -> HttpResponse:
    day = _screening_day(request)
    catalogue = screening.catalogue_on(day)
    if catalogue is None:  # a posted date without a catalogue: the service refuses it
        day = timezone.localdate()
        catalogue = screening.catalogue_on(day)
    context = {
        "pregnancy": pregnancy,
        "catalogue": catalogue,
        "screened_before": pregnancy.screenings.exists(),
        "scenario_a": parameter("scenario.a_positive_criteria", on=day),
        "scenario_b": parameter("scenario.b_positive_criteria", on=day),
        "days_after_birth": parameter("screening.days_after_birth", on=day),
    }
    if catalogue is None:
        return render(request, "pathways/screening.html", context)
    form = ScreeningForm(posted(request), catalogue=catalogue, initial={"date": day})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recorded = attempt(
            form,
            lambda: screening.screening_record(
                by=request.user,
                pregnancy=pregnancy,
                grant=grant,
                date=data["date"],
                positive=set(data["positive"]),
                new_assessment_reason=data["new_assessment_reason"],
                request=request,
            ),
        )
        if recorded is not None:
            messages.success(
                request,
                _("The screening is recorded: %(scenario)s.")
                % {"scenario": recorded.get_scenario_display()},
            )
            return to_family(pregnancy, "screenings")
    context["form"] = form
    return render(request, "pathways/screening.html", context, status=status_of(form))


@family_page("record a programme service")
def service_new_view(request: HttpRequest, pregnancy: Pregnancy, grant: Grant) -> HttpResponse:
    today = timezone.localdate()
    form = ProgrammeServiceForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recorded = attempt(
            form,
            lambda: programme.programme_service_record(
                by=request.user,
                pregnancy=pregnancy,
                grant=grant,
                kind=data["kind"],
                date=data["date"],
                participants=data["participants"],
                prescribed=data["prescribed"],
                note=data["note"],
                request=request,
            ),
        )
        if recorded is not None:
            if recorded.kind == Kind.COORDINATION:
                message = _("The coordination period is recorded, until %(until)s.") % {
                    # a coordination period has its end (a CheckConstraint)
                    "until": shown(cast(date, recorded.period_end))
                }
            else:
                message = _("Recorded: %(service)s.") % {"service": recorded.get_kind_display()}
            messages.success(request, message)
            return to_family(pregnancy, "services")
    return render(
        request,
        "pathways/service.html",
        {
            "pregnancy": pregnancy,
            "form": form,
            "scenario": entitlements.scenario_on(pregnancy, today),
            "entitlements": entitlements.overview(pregnancy, on=today),
        },
        status=status_of(form),
    )
