"""The families' part of the API (`/api/v1/pregnancies…`, `/api/v1/referrals…`), for care
professionals with an API token (`Authorization: Bearer <token>`; see accounts/tokens.py)."""

from ninja import NinjaAPI

from . import handovers, records, referrals  # noqa: F401 - register their operations on the router
from .errors import install as install_errors
from .families import router

__all__ = ["register", "router"]


def register(api: NinjaAPI) -> None:
    """Add the router and its error answers to the API."""
    install_errors(api)
    api.add_router("/", router)
