"""The directory's part of the API (`/api/v1/…`): HSDS-shaped public reads, and editors'
corrections in a session-authenticated (CSRF-checked) call."""

from . import editing  # noqa: F401 - registers the editing operations on the router
from .endpoints import router

__all__ = ["router"]
