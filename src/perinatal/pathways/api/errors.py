"""How the families' API answers a refusal, as problem details (`api/problems.py`):

- a rule of the programme says no (`RuleRefused`) → 422 (type `refused`) with the rule's
  stable `code`, its message as `detail` in the caller's language (Accept-Language), `rule`
  and `remaining`;
- wrong input (`InvalidInput`) → 422 `invalid_input` with `errors: [{"field", "message"}]`,
  the fields named as in the request body (`mother.national_number`, `children.0.sex`);
- no valid token → 401 `not_authenticated`; a token whose user is not a care professional →
  403 `forbidden`; a family the user may not see (`NoAccess`) → 403 `no_access`;
- an unknown id → 404 `not_found`;
- too many lookups by national number (`audit/lookup_limit.py`) → 429 `too_many_lookups`
  with `Retry-After`.
"""

import re

from ninja import NinjaAPI

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from perinatal.accounts.tokens import TokenNotAccepted, TokenUserNotAllowed
from perinatal.api.errors import invalid_input_problem
from perinatal.api.problems import problem_answer, problem_response
from perinatal.audit.lookup_limit import TooManyLookups, too_many_lookups_message
from perinatal.core.refusals import InvalidInput, NoAccess, RuleRefused

from ..models import HospitalDischarge, Pregnancy, Referral, ScreeningProposal

# A service names fields as a flat form would (`mother_national_number`, `child2_sex`).
_PREFIXES = (
    (re.compile(r"^mother_(.+)$"), r"mother.\1"),
    (re.compile(r"^partner_(.+)$"), r"partner.\1"),
)
_CHILD = re.compile(r"^child(\d+)_(.+)$")


def body_field(name: str) -> str | None:
    """The service's field name as the caller's body names it."""
    if name == "__all__":
        return None
    if match := _CHILD.match(name):
        return f"children.{int(match.group(1)) - 1}.{match.group(2)}"
    for pattern, replacement in _PREFIXES:
        if pattern.match(name):
            return pattern.sub(replacement, name)
    return name


def install(api: NinjaAPI) -> None:
    """Register the answers above on the API (problem details, `api/problems.py`)."""

    @api.exception_handler(RuleRefused)
    def rule_refused(request: HttpRequest, exc: RuleRefused) -> HttpResponse:
        decision = exc.decision
        return problem_response(
            request,
            422,
            code=decision.code,
            detail=decision.message,
            rule=decision.rule,
            remaining=decision.remaining,
        )

    @api.exception_handler(InvalidInput)
    def invalid_input(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
        return problem_answer(invalid_input_problem(request, exc.message_dict, rename=body_field))

    @api.exception_handler(TooManyLookups)
    def too_many_lookups(request: HttpRequest, exc: TooManyLookups) -> HttpResponse:
        # Lookups by national number over the user's rate (here and in /booklets/status).
        response = problem_response(
            request, 429, code="too_many_lookups", detail=too_many_lookups_message(exc)
        )
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(NoAccess)
    def no_access(request: HttpRequest, exc: NoAccess) -> HttpResponse:
        message = str(exc) or _(
            "You may not see this family's record: your organisation is not in its care team."
        )
        return problem_response(request, 403, code="no_access", detail=message)

    def not_found(request: HttpRequest, exc: object) -> HttpResponse:
        message = _("Nothing with this id is known to you.")
        return problem_response(request, 404, code="not_found", detail=message)

    api.add_exception_handler(Pregnancy.DoesNotExist, not_found)
    api.add_exception_handler(Referral.DoesNotExist, not_found)
    api.add_exception_handler(HospitalDischarge.DoesNotExist, not_found)
    api.add_exception_handler(ScreeningProposal.DoesNotExist, not_found)

    @api.exception_handler(TokenNotAccepted)
    def not_authenticated(request: HttpRequest, exc: TokenNotAccepted) -> HttpResponse:
        response = problem_response(request, 401, code="not_authenticated", detail=exc.message)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(TokenUserNotAllowed)
    def forbidden(request: HttpRequest, exc: TokenUserNotAllowed) -> HttpResponse:
        return problem_response(request, 403, code="forbidden", detail=exc.message)
