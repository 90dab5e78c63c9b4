"""Editors' corrections through the API: `PATCH /api/v1/services/{id}`, with the same fields
and sets of rows (phones, contacts, addresses, opening hours, cost options) as the edit page.

Session-authenticated (the editor's logged-in, second-factor-verified session), so Django's
CSRF check applies: the call must carry the `X-CSRFToken` header. The same service as the
editors' page writes the change and its history.
"""

from typing import Literal
from uuid import UUID

from ninja import Field, Schema, Status
from ninja.security import django_auth

from django.http import HttpRequest
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_directory_editor
from perinatal.api.errors import invalid_input
from perinatal.api.problems import problem
from perinatal.api.schemas import Problem

from .. import selectors, services
from ..areas import UnknownArea, areas_clean
from ..constants import CostCategory, Need, Phase, ServiceStatus
from ..edit_sets import RowGone
from ..forms_editing import MAX_ROWS
from ..hsds.export import service_to_hsds
from ..models import Service
from .editing_sets import (
    SETS,
    AddressIn,
    ContactIn,
    CostOptionIn,
    HoursIn,
    PhoneIn,
    sets_from_patch,
)
from .endpoints import router  # same path as the GET: one router must hold both
from .schemas import DirectoryInvalidInputProblem, ServiceOut

Text = str | None
WHOLE_SET = (
    "The whole set: a row with a stored row's id changes it, a row without one is added, "
    "a stored row left out is removed."
)


class ServicePatch(Schema):
    """Only the fields given are changed. Texts per language: `name_nl`, `name_fr`, …"""

    name_nl: Text = Field(None, max_length=300)
    name_fr: Text = Field(None, max_length=300)
    name_en: Text = Field(None, max_length=300)
    description_nl: Text = Field(None, max_length=5000)
    description_fr: Text = Field(None, max_length=5000)
    description_en: Text = Field(None, max_length=5000)
    eligibility_description_nl: Text = Field(None, max_length=5000)
    eligibility_description_fr: Text = Field(None, max_length=5000)
    eligibility_description_en: Text = Field(None, max_length=5000)
    fees_description_nl: Text = Field(None, max_length=5000)
    fees_description_fr: Text = Field(None, max_length=5000)
    fees_description_en: Text = Field(None, max_length=5000)
    application_process_nl: Text = Field(None, max_length=5000)
    application_process_fr: Text = Field(None, max_length=5000)
    application_process_en: Text = Field(None, max_length=5000)
    status: Literal[tuple(ServiceStatus.values)] | None = None  # type: ignore[valid-type]
    cost_category: Literal[tuple(CostCategory.values)] | None = None  # type: ignore[valid-type]
    prescription_required: bool | None = None
    referral_required: bool | None = None
    programme_1000_days: bool | None = None
    phases: list[Literal[tuple(Phase.values)]] | None = None  # type: ignore[valid-type]
    needs: list[Literal[tuple(Need.values)]] | None = None  # type: ignore[valid-type]
    languages: list[str] | None = Field(None, max_length=30)
    phones: list[PhoneIn] | None = Field(None, max_length=MAX_ROWS, description=WHOLE_SET)
    contacts: list[ContactIn] | None = Field(None, max_length=MAX_ROWS, description=WHOLE_SET)
    addresses: list[AddressIn] | None = Field(None, max_length=MAX_ROWS, description=WHOLE_SET)
    hours: list[HoursIn] | None = Field(None, max_length=MAX_ROWS, description=WHOLE_SET)
    cost_options: list[CostOptionIn] | None = Field(
        None, max_length=MAX_ROWS, description=WHOLE_SET
    )
    areas: list[str] | None = Field(
        None,
        max_length=600,
        description=(
            "Every area served, as NIS codes: a region (04000 Brussels-Capital, 02000 Flanders, "
            "03000 Wallonia), a province or a municipality of today's list."
        ),
    )
    reason: str = Field("", max_length=500)


class ChangesOut(Schema):
    changed: dict[str, list]
    service: ServiceOut


@router.patch(
    "/services/{service_id}",
    operation_id="service_update",
    response={
        200: ChangesOut,
        403: Problem,
        404: Problem,
        422: DirectoryInvalidInputProblem,
    },
    exclude_none=True,
    auth=django_auth,
    tags=["directory editing"],
    summary="Correct a service (directory editors)",
)
def patch_service(request: HttpRequest, service_id: UUID, patch: ServicePatch):
    if not is_directory_editor(request.user):
        message = _("Only directory editors may change entries.")
        return Status(403, problem(request, 403, code="forbidden", detail=message))
    try:
        service = selectors.service_get(service_id)
    except Service.DoesNotExist:
        message = _("No service with this id.")
        return Status(404, problem(request, 404, code="not_found", detail=message))
    data = patch.dict(exclude_unset=True)
    reason = data.pop("reason", "")
    for lang in ("nl", "fr"):
        if f"name_{lang}" in data and not (data[f"name_{lang}"] or "").strip():
            message = _("A service needs a name in Dutch and in French.")
            body = invalid_input(request, [(f"name_{lang}", message)], detail=message)
            return Status(422, {**body, "field": f"name_{lang}"})
    if data.get("areas") is not None:
        try:
            data["areas"] = areas_clean(data["areas"])
        except UnknownArea as exc:
            message = _("%(code)s is no NIS code of a Belgian region, province or municipality.")
            detail = message % {"code": exc.code[:20]}
            body = invalid_input(request, [("areas", detail)], detail=detail)
            return Status(422, {**body, "field": "areas"})
    elif "areas" in data:
        del data["areas"]  # null: left as they are
    data = {
        k: ("" if v is None and k[-3:] in ("_nl", "_fr", "_en") else v) for k, v in data.items()
    }
    # The rows with their defaults (the body's own fields only are `data`'s).
    given = {
        name: [row.dict() for row in getattr(patch, name) or []]
        for name in SETS
        if data.pop(name, None) is not None or name in patch.model_fields_set
    }
    sets, errors = sets_from_patch(service, given)
    if errors:
        return Status(422, {**invalid_input(request, errors), "field": errors[0][0]})
    try:
        changes = services.service_edit(
            service=service, data=data, sets=sets, by=request.user, reason=reason
        )
    except RowGone:
        message = _("A row given was removed meanwhile. Read the service again and retry.")
        return Status(422, {**invalid_input(request, [(None, message)], detail=message)})
    return Status(
        200,
        {
            "changed": changes,
            "service": service_to_hsds(selectors.service_get(service_id), translations=True),
        },
    )
