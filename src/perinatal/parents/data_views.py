"""The pages of "My data" (decision 0038).

- `/<lang>/my/<family>/data/` (`parents:my_data`): the family's rights in plain words, the
  downloads, the requests for a correction with their answers, and the form to ask one.
- `/<lang>/my/<family>/data/record.json` and `record.pdf`: the downloads (each one an
  access-log row: export, basis own record).
- `/<lang>/my/corrections/<id>/` (`parents:correction_handle`): the care team's page where a
  request is answered and marked handled (care professionals who see the family).
A parent not linked to the family, and a family that does not exist, get the same 404.
"""

import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perinatal.core.pages import attempt, posted, refused, status_of
from perinatal.core.refusals import NoAccess
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.pages import care_professional_required

from .corrections import (
    correction_ask,
    correction_for_team,
    correction_handle,
    corrections_of,
)
from .data_forms import CorrectionAnswerForm, CorrectionForm
from .models import CorrectionRequest
from .my_data import my_record
from .own_pages import parent_required
from .record_pdf import record_pdf
from .selectors import own_family_get
from .tabs import Tab, family_tabs, tabs_for


def register_tab() -> None:
    family_tabs.register(
        "my_data", Tab(order=50, url_name="parents:my_data", label=gettext_lazy("My data"))
    )


@parent_required
def my_data_view(request: HttpRequest, public_id: Any) -> HttpResponse:
    pregnancy = own_family_get(
        user=request.user, public_id=public_id, purpose="my data page", request=request
    )
    form = CorrectionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        asked = attempt(
            form,
            lambda: correction_ask(
                by=request.user,
                pregnancy=pregnancy,
                text=form.cleaned_data["text"],
                should_be=form.cleaned_data["should_be"],
                request=request,
            ),
        )
        if asked is not None:
            messages.success(
                request,
                _("Your request is sent to your care team. You will be told when it is answered."),
            )
            return redirect("parents:my_data", public_id=pregnancy.public_id)
    return render(
        request,
        "parents/my_data.html",
        {
            "pregnancy": pregnancy,
            "tabs": tabs_for(pregnancy),
            "current": "my_data",
            "tabs_label": _("Your family's pages"),
            "corrections": list(corrections_of(pregnancy)),
            "form": form,
        },
        status=status_of(form),
    )


def _attachment(response: HttpResponse, extension: str) -> HttpResponse:
    name = f"my-record-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@parent_required
def my_data_json_view(request: HttpRequest, public_id: Any) -> HttpResponse:
    data = my_record(user=request.user, public_id=public_id, request=request, what="JSON")
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return _attachment(HttpResponse(body, content_type="application/json; charset=utf-8"), "json")


@parent_required
def my_data_pdf_view(request: HttpRequest, public_id: Any) -> HttpResponse:
    data = my_record(user=request.user, public_id=public_id, request=request, what="PDF")
    return _attachment(HttpResponse(record_pdf(data), content_type="application/pdf"), "pdf")


@care_professional_required
def correction_handle_view(request: HttpRequest, correction_id: Any) -> HttpResponse:
    try:
        correction, grant = correction_for_team(
            user=request.user, public_id=correction_id, request=request
        )
    except (CorrectionRequest.DoesNotExist, Pregnancy.DoesNotExist) as exc:
        raise Http404 from exc
    except NoAccess:
        return refused(request, _("Only the family's care team handles its requests."))
    form = CorrectionAnswerForm(posted(request))
    if request.method == "POST" and correction.handled_at is None and form.is_valid():
        handled = attempt(
            form,
            lambda: correction_handle(
                by=request.user,
                correction=correction,
                grant=grant,
                answer=form.cleaned_data["answer"],
                request=request,
            ),
        )
        if handled is not None:
            messages.success(request, _("The request is handled; the family is told."))
            return redirect("worklist:home")
    return render(
        request,
        "parents/correction_handle.html",
        {"correction": correction, "pregnancy": correction.pregnancy, "form": form},
        status=status_of(form),
    )
