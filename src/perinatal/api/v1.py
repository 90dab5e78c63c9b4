"""The versioned REST API: one NinjaAPI, each app adds its router.

Session-authenticated calls must carry the CSRF token (`X-CSRFToken`); anonymous reads of the
public directory need none. The families' endpoints (`pathways/api/`) take only an API token
(`Authorization: Bearer <token>`, see `accounts/tokens.py`), never a session.
"""

from ninja import NinjaAPI
from ninja.errors import ValidationError

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

api = NinjaAPI(
    title="perinatal API",
    version="1.0.0",
    description=str(
        _(
            "The public directory of perinatal services (HSDS 3.0 shaped) and the "
            "platform's professional endpoints."
        )
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _field_name(loc) -> str | None:
    """`["query", "filters", "phase", 0]` → `"phase"`: the name the caller used."""
    parts = [str(p) for p in loc[1:] if not isinstance(p, int)]
    if loc and loc[0] in ("query", "body") and len(parts) > 1:
        parts = parts[1:]  # drop the name of the grouping schema or body parameter
    return ".".join(parts) or None


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError):
    errors = [
        {"field": _field_name(err.get("loc", [])), "message": err.get("msg", "")}
        for err in exc.errors
    ]
    return api.create_response(request, {"code": "invalid_input", "errors": errors}, status=422)


def _register_routers() -> None:
    from perinatal.booklets.api import register as register_booklets
    from perinatal.directory.api import router as directory_router
    from perinatal.kraamzorg.api import register as register_kraamzorg
    from perinatal.monitoring.api import register as register_monitoring
    from perinatal.pathways.api import register as register_pathways

    api.add_router("/", directory_router)
    register_pathways(api)
    register_booklets(api)
    register_monitoring(api)
    register_kraamzorg(api)


_register_routers()
