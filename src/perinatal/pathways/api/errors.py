"""How the families' API answers a refusal, in the shared error format of `api/errors.py`:

- a rule of the programme says no (`RuleRefused`) → 422 `{"code", "message", "rule", "remaining"}`
  with the rule's stable code and its message in the caller's language (Accept-Language);
- wrong input (`InvalidInput`) → 422 `{"code": "invalid_input", "errors": [{"field", "message"}]}`,
  the fields named as in the request body (`mother.national_number`, `children.0.sex`);
- no valid token → 401 `not_authenticated`; a token whose user is not a care professional →
  403 `forbidden`; a family the user may not see (`NoAccess`) → 403 `no_access`;
- an unknown id → 404 `not_found`.
"""

import re

from ninja import NinjaAPI

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from perinatal.accounts.tokens import TokenNotAccepted, TokenUserNotAllowed
from perinatal.api.errors import invalid_input_body
from perinatal.core.refusals import InvalidInput, NoAccess, RuleRefused

from ..models import Pregnancy, Referral

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
    """Register the answers above on the API."""

    def respond(request: HttpRequest, body: dict, status: int) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(RuleRefused)
    def rule_refused(request: HttpRequest, exc: RuleRefused) -> HttpResponse:
        decision = exc.decision
        body = {
            "code": decision.code,
            "message": decision.message,
            "rule": decision.rule,
            "remaining": decision.remaining,
        }
        return respond(request, body, 422)

    @api.exception_handler(InvalidInput)
    def invalid_input(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
        return respond(request, invalid_input_body(exc.message_dict, rename=body_field), 422)

    @api.exception_handler(NoAccess)
    def no_access(request: HttpRequest, exc: NoAccess) -> HttpResponse:
        message = str(exc) or _(
            "You may not see this family's record: your organisation is not in its care team."
        )
        return respond(request, {"code": "no_access", "message": message}, 403)

    def not_found(request: HttpRequest, exc: object) -> HttpResponse:
        message = _("Nothing with this id is known to you.")
        return respond(request, {"code": "not_found", "message": message}, 404)

    api.add_exception_handler(Pregnancy.DoesNotExist, not_found)
    api.add_exception_handler(Referral.DoesNotExist, not_found)

    @api.exception_handler(TokenNotAccepted)
    def not_authenticated(request: HttpRequest, exc: TokenNotAccepted) -> HttpResponse:
        response = respond(request, {"code": "not_authenticated", "message": exc.message}, 401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(TokenUserNotAllowed)
    def forbidden(request: HttpRequest, exc: TokenUserNotAllowed) -> HttpResponse:
        return respond(request, {"code": "forbidden", "message": exc.message}, 403)
