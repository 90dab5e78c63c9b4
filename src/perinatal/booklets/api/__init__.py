"""The Kindboekje's part of the API (`/api/v1/booklets/…`), token-authenticated like the
families' endpoints: `status` and `distributions` (api/distributions.py), `orders`
(api/orders.py). Refusals answer 422 `{"code", "message", …}` (see pathways/api/errors.py)."""

from ninja import NinjaAPI, Router

from perinatal.accounts.tokens import BearerToken

token = BearerToken()
router = Router(tags=["Kindboekje"], auth=token)


def register(api: NinjaAPI) -> None:
    from . import distributions, orders  # noqa: F401 - register their operations on the router

    api.add_router("/booklets", router)
