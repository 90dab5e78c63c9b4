"""Finding and registering a family, the family page, the birth, contacts, the care team and
consent, emergency access and the export of a family's data."""

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_hospital_professional
from perinatal.audit.models import AccessAction
from perinatal.core.pages import attempt, posted, status_of
from perinatal.core.refusals import InvalidInput, NoAccess
from perinatal.pathways.pages import care_professional_required, family_page, to_family

from .. import selectors
from ..access import Grant
from ..constants import MAX_CHILDREN_PER_BIRTH
from ..forms import (
    BirthForm,
    ChildFormSet,
    ConsentForm,
    ContactForm,
    EmergencyForm,
    NameSearchForm,
    NumberSearchForm,
    RegisterForm,
    TeamAddForm,
    TeamEndForm,
)
from ..models import Pregnancy
from ..services import care_team, families
from ..sharing import with_sharing
from .record import page_context


@care_professional_required
def find_view(request: HttpRequest) -> HttpResponse:
    """By the mother's name (GET) among the families the user may see, or by her national
    number (POST only: a number never goes into a URL)."""
    name_form = NameSearchForm(request.GET or None)
    number_form = NumberSearchForm(posted(request))
    context: dict[str, Any] = {"name_form": name_form}
    status = 200
    if request.method == "POST":
        if number_form.is_valid():
            try:
                pregnancy, visible = selectors.pregnancy_find_by_national_number(
                    user=request.user,
                    number=number_form.cleaned_data["national_number"],
                    request=request,
                )
            except ValidationError as exc:
                number_form.add_error("national_number", exc.messages)
                status = 400
            else:
                if pregnancy is not None and visible:
                    return to_family(pregnancy)
                number_form = NumberSearchForm()  # the number is not shown back
                context["number_result"] = "hidden" if pregnancy else "none"
                context["hidden_public_id"] = pregnancy.public_id if pregnancy else None
                context["emergency_form"] = EmergencyForm()
        else:
            status = 400
    else:
        text = name_form.cleaned_data["q"] if name_form.is_valid() else ""
        status = 400 if name_form.errors else 200
        context["results"] = selectors.pregnancies_search(
            user=request.user, text=text, request=request
        )
        context["searched"] = bool(text)
    context["number_form"] = number_form
    return render(request, "pathways/find.html", context, status=status)


@care_professional_required
def register_view(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pregnancy = attempt(
            form,
            lambda: families.pregnancy_register(
                by=request.user,
                mother=form.mother(),
                partner=form.partner(),
                postcode=data["postcode"],
                municipality=data["municipality"],
                languages=list(data["languages"]),
                due_date=data["due_date"],
                registered_on=timezone.localdate(),
                consent_to_share=data["consent_to_share"],
                request=request,
            ),
        )
        if pregnancy is not None:
            messages.success(request, _("The family is registered."))
            return to_family(pregnancy)
    return render(request, "pathways/register.html", {"form": form}, status=status_of(form))


@family_page("read the family record")
def pregnancy_view(request: HttpRequest, pregnancy: Pregnancy, grant: Grant) -> HttpResponse:
    context = page_context(pregnancy, grant, today=timezone.localdate())
    context["is_hospital"] = is_hospital_professional(request.user)
    return render(request, "pathways/pregnancy.html", context)


def _children_count(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("children", "1")), MAX_CHILDREN_PER_BIRTH))
    except ValueError:
        return 1


CHILD_KEY = re.compile(r"child(\d+)_(\w+)")


def _birth_errors(form: BirthForm, children: Any, error: InvalidInput) -> None:
    """The service names a child's field `child<n>_<field>`: put it on that child's form."""
    for key, errors in error.error_dict.items():
        match = CHILD_KEY.fullmatch(key)
        for item in errors:
            if match and 1 <= int(match[1]) <= len(children.forms):
                child_form = children.forms[int(match[1]) - 1]
                field = match[2] if match[2] in child_form.fields else None
                child_form.add_error(field, item.messages)
            else:
                form.add_error(key if key in form.fields else None, item.messages)


@family_page("record the birth")
def birth_view(request: HttpRequest, pregnancy: Pregnancy, grant: Grant) -> HttpResponse:
    count = _children_count(request)
    form = BirthForm(posted(request))
    children = ChildFormSet(posted(request), prefix="child", initial=[{}] * count)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and children.is_valid():
            data = form.cleaned_data
            try:
                families.birth_record(
                    by=request.user,
                    pregnancy=pregnancy,
                    grant=grant,
                    date=data["date"],
                    place=data["place"],
                    place_name=data["place_name"],
                    children=[child.child() for child in children.forms],
                    request=request,
                )
            except InvalidInput as exc:
                _birth_errors(form, children, exc)
            else:
                messages.success(request, _("The birth is recorded."))
                return to_family(pregnancy)
    return render(
        request,
        "pathways/birth.html",
        {
            "pregnancy": pregnancy,
            "form": form,
            "children": children,
            "counts": range(1, 5),
            "recorded": hasattr(pregnancy, "birth"),
        },
        status=status,
    )


@family_page("record a contact")
def contact_new_view(request: HttpRequest, pregnancy: Pregnancy, grant: Grant) -> HttpResponse:
    form = ContactForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        contact = attempt(
            form,
            lambda: families.contact_record(
                by=request.user,
                pregnancy=pregnancy,
                grant=grant,
                date=data["date"],
                kind=data["kind"],
                note=data["note"],
                share_with_family=data["share_with_family"],
                request=request,
            ),
        )
        if contact is not None:
            messages.success(request, _("The contact is recorded."))
            return to_family(pregnancy, "timeline")
    return render(
        request,
        "pathways/contact.html",
        {"pregnancy": pregnancy, "form": form},
        status=status_of(form),
    )


def _team_post(request: HttpRequest, pregnancy: Pregnancy, grant: Grant, forms: dict) -> bool:
    """Handle one of the team page's three forms; True when it was stored."""
    action = request.POST.get("action")
    if action == "add":
        add_form = forms["add_form"] = TeamAddForm(request.POST, prefix="add")
        return (
            add_form.is_valid()
            and attempt(
                add_form,
                lambda: care_team.team_member_add(
                    by=request.user,
                    pregnancy=pregnancy,
                    grant=grant,
                    organisation=add_form.cleaned_data["organisation"],
                    task=add_form.cleaned_data["task"],
                    request=request,
                ),
            )
            is not None
        )
    if action == "end":
        end_form = forms["end_form"] = TeamEndForm(request.POST)
        if not end_form.is_valid():
            return False
        member = pregnancy.team.filter(pk=end_form.cleaned_data["member"], ended_at=None).first()
        if member is None:
            end_form.add_error(None, _("This organisation is not in the team."))
            return False
        attempt(
            end_form,
            lambda: care_team.team_member_end(
                by=request.user, pregnancy=pregnancy, grant=grant, member=member, request=request
            ),
        )
        return not end_form.errors
    consent_form = forms["consent_form"] = ConsentForm(request.POST, prefix="consent")
    if action != "consent":
        consent_form.add_error(None, _("Choose what to change."))
        return False
    return (
        consent_form.is_valid()
        and attempt(
            consent_form,
            lambda: care_team.consent_record(
                by=request.user,
                pregnancy=pregnancy,
                grant=grant,
                given=consent_form.cleaned_data["given"],
                note=consent_form.cleaned_data["note"],
                request=request,
            ),
        )
        is not None
    )


@family_page("manage the care team")
def team_view(request: HttpRequest, pregnancy: Pregnancy, grant: Grant) -> HttpResponse:
    forms: dict[str, Any] = {
        "add_form": TeamAddForm(prefix="add"),
        "end_form": None,
        "consent_form": ConsentForm(prefix="consent"),
    }
    status = 200
    if request.method == "POST":
        if _team_post(request, pregnancy, grant, forms):
            messages.success(request, _("The care team is updated."))
            return redirect("pathways:team", public_id=pregnancy.public_id)
        status = max(status_of(form) for form in forms.values() if form is not None)
        status = status if status != 200 else 400
    team = list(pregnancy.team.select_related("organisation", "professional"))
    return render(
        request,
        "pathways/team.html",
        {
            "pregnancy": pregnancy,
            "team": with_sharing(pregnancy, [m for m in team if m.ended_at is None]),
            "team_ended": [m for m in team if m.ended_at is not None],
            "consents": list(pregnancy.consents.select_related("recorded_by", "organisation")[:20]),
            **forms,
        },
        status=status,
    )


@care_professional_required
def emergency_view(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Break the glass: a professional outside the care team opens the record for a limited
    time, with a written reason (the opening is logged by the service)."""
    try:
        pregnancy, _grant = selectors.pregnancy_for_user(
            user=request.user,
            public_id=public_id,
            purpose="emergency access page",
            request=request,
            action=AccessAction.READ,
        )
        has_access = True
    except Pregnancy.DoesNotExist as exc:
        raise Http404 from exc
    except NoAccess:
        try:
            pregnancy = selectors.pregnancy_get(public_id)
        except Pregnancy.DoesNotExist as exc:
            raise Http404 from exc
        has_access = False
    form = EmergencyForm(posted(request))
    if request.method == "POST" and has_access:
        return to_family(pregnancy)
    if request.method == "POST" and form.is_valid():
        access = attempt(
            form,
            lambda: care_team.emergency_access_open(
                by=request.user,
                pregnancy=pregnancy,
                reason=form.cleaned_data["reason"],
                request=request,
            ),
        )
        if access is not None:
            messages.warning(
                request,
                _(
                    "Emergency access is open until %(until)s. Every page you open is written "
                    "to the access log with your reason."
                )
                % {
                    "until": date_format(
                        timezone.localtime(access.expires_at), "SHORT_DATETIME_FORMAT"
                    )
                },
            )
            return to_family(pregnancy)
    return render(
        request,
        "pathways/emergency.html",
        {"public_id": pregnancy.public_id, "form": form, "has_access": has_access},
        status=status_of(form),
    )


@family_page("export the family's data")
def export_view(request: HttpRequest, pregnancy: Pregnancy, grant: Grant) -> HttpResponse:
    """GET explains, POST downloads the family's data as JSON (the export is logged)."""
    if request.method == "POST":
        from ..services.retention import family_export

        data = family_export(by=request.user, pregnancy=pregnancy, grant=grant, request=request)
        response = JsonResponse(
            data, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
        response["Content-Disposition"] = (
            f'attachment; filename="family-{pregnancy.public_id}.json"'
        )
        return response
    return render(request, "pathways/export.html", {"pregnancy": pregnancy})
