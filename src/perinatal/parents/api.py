"""Linking through the API: `POST /api/v1/parents/link` (decision 0035), for a parent's app.

Session-authenticated (a parent holds no API token: `accounts.tokens.may_hold_tokens`), so
Django's CSRF check applies: the call carries the `X-CSRFToken` header. The same service as
the parent's page links, with the same answers: 201 and the family's id when linked; 422
`invalid_input` naming no field (`field: null`) with the one sentence for every wrong try (no
such code, a wrong date of birth, a code expired, used or locked); 422 `invalid_input` on the
field `code` for a malformed code; 409
`already_linked`; 429 `too_many_tries` with `Retry-After`; 403 for anyone but a parent.
"""

from datetime import date, datetime
from uuid import UUID

from ninja import NinjaAPI, Router, Schema, Status
from ninja.security import django_auth

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_parent
from perinatal.api.errors import invalid_input
from perinatal.api.problems import problem, problem_response
from perinatal.api.schemas import InvalidInputProblem, Problem
from perinatal.core.refusals import InvalidInput

from .link_tries import TooManyTries
from .services.linking import AlreadyLinked, NotLinkedError, link_redeem

router = Router(tags=["parents"])


class LinkIn(Schema):
    code: str
    mother_birth_date: date


class LinkOut(Schema):
    family_id: UUID
    linked_at: datetime


@router.post(
    "/link",
    operation_id="parent_link",
    response={
        201: LinkOut,
        401: Problem,
        403: Problem,
        409: Problem,
        422: InvalidInputProblem,
        429: Problem,
    },
    auth=django_auth,
    summary="Link the parent's account to a family's record with a code",
)
def link(request: HttpRequest, body: LinkIn):
    user = request.user
    if not is_parent(user):
        message = _("Only a parent's account links to a family's record.")
        return Status(403, problem(request, 403, code="forbidden", detail=message))
    try:
        made = link_redeem(
            user=user, code=body.code, mother_birth_date=body.mother_birth_date, request=request
        )
    except InvalidInput as exc:
        errors = [(field, str(m)) for field, ms in exc.message_dict.items() for m in ms]
        return Status(422, invalid_input(request, errors))
    except NotLinkedError as exc:  # the whole input, not a field: the one sentence
        message = exc.user_message()
        return Status(422, invalid_input(request, [(None, message)], detail=message))
    except AlreadyLinked:
        message = _("Your account is already linked to this family.")
        return Status(409, problem(request, 409, code="already_linked", detail=message))
    except TooManyTries as exc:
        response: HttpResponse = problem_response(
            request, 429, code="too_many_tries", detail=exc.user_message()
        )
        response["Retry-After"] = str(exc.retry_after)
        return response
    return Status(201, {"family_id": made.pregnancy.public_id, "linked_at": made.linked_at})


def register(api: NinjaAPI) -> None:
    api.add_router("/parents", router)
