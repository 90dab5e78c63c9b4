"""Kraamzorg's part of the API (`/api/v1/kraamzorg/…`), token-authenticated like the families'
endpoints, for care professionals: a kraamzorg service's intake staff (their queue, the
answers, the visits, closing, the statements) and the professionals who refer a family (their
referrals and the answers). Analysts, editors and administrators: 403 `forbidden`; parents ask
on the website (they hold no API tokens).

`services` (offers serving a postcode) and `requests` are in api/requests.py, `visits`,
`close` and `statements` in api/care.py. Refusals answer 422 problem details with `code`,
`rule`, … (see pathways/api/errors.py, whose answers are installed on the whole API): a rule
(`already_open`, `outside_area`, `invalid_transition`, `not_accepted`) or `invalid_input`; a
request you may not see 403 `no_access`; an unknown id 404 `not_found`.
"""

from ninja import NinjaAPI, Router

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_care_professional
from perinatal.accounts.tokens import BearerToken
from perinatal.api.problems import problem_response

care_token = BearerToken(allowed=is_care_professional)
router = Router(tags=["kraamzorg"], auth=care_token)


def register(api: NinjaAPI) -> None:
    from ..models import KraamzorgRequest
    from . import care, requests  # noqa: F401 - register their operations on the router

    def request_not_found(request: HttpRequest, exc: object) -> HttpResponse:
        message = _("Nothing with this id is known to you.")
        return problem_response(request, 404, code="not_found", detail=message)

    api.add_exception_handler(KraamzorgRequest.DoesNotExist, request_not_found)
    api.add_router("/kraamzorg", router)
