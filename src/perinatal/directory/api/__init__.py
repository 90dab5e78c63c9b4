"""The directory's part of the API (`/api/v1/…`): HSDS-shaped, public, read-only."""

from .endpoints import router

__all__ = ["router"]
