"""The Kindboekje's part of the API (`/api/v1/booklets/…`), token-authenticated like the
families' endpoints: `status` and `distributions` (api/distributions.py), `orders`
(api/orders.py). Refusals answer 422 problem details with `code` and `rule` (see
pathways/api/errors.py); a refused hand-out adds what the family already has
(`handed_out_on`, `provider`)."""

from ninja import NinjaAPI, Router

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from perinatal.accounts.tokens import BearerToken
from perinatal.api.problems import problem_response

from ..errors import BookletRefused

token = BearerToken()
router = Router(tags=["Kindboekje"], auth=token)


def register(api: NinjaAPI) -> None:
    from ..models import Booklet
    from . import distributions, orders  # noqa: F401 - register their operations on the router

    @api.exception_handler(BookletRefused)
    def booklet_refused(request: HttpRequest, exc: BookletRefused) -> HttpResponse:
        return problem_response(
            request,
            422,
            code=exc.code,
            detail=exc.message,
            rule=exc.decision.rule,
            **exc.detail,
        )

    def booklet_not_found(request: HttpRequest, exc: Exception | type[Exception]) -> HttpResponse:
        message = _("Nothing with this id is known to you.")
        return problem_response(request, 404, code="not_found", detail=message)

    api.add_exception_handler(Booklet.DoesNotExist, booklet_not_found)
    api.add_router("/booklets", router)
