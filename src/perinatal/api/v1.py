"""The versioned REST API: one NinjaAPI, each app adds its router.

Session-authenticated calls must carry the CSRF token (`X-CSRFToken`); anonymous reads of the
public directory need none. The families' endpoints (`pathways/api/`) take only an API token
(`Authorization: Bearer <token>`, see `accounts/tokens.py`), never a session.

Every operation carries a hand-chosen `operation_id` (`api/openapi.py`); the document is
built once and served with an ETag (`api/views.py`); every error is problem details
(`api/problems.py`, the handlers in `api/errors.py`, the schemas in `api/schemas.py`), the
paginated envelope `api/pagination.py`, the throttles `api/throttling.py`.
"""

from django.utils.translation import gettext_lazy as _

from . import errors
from .input_gate import CheckedParser
from .openapi import PerinatalAPI
from .throttling import api_throttles

api = PerinatalAPI(
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
    throttle=api_throttles(),
    parser=CheckedParser(),
)


def _register_routers() -> None:
    from perinatal.booklets.api import register as register_booklets
    from perinatal.directory.api import router as directory_router
    from perinatal.jobs.api import register as register_jobs
    from perinatal.kraamzorg.api import register as register_kraamzorg
    from perinatal.monitoring.api import register as register_monitoring
    from perinatal.parents.api import register as register_parents
    from perinatal.pathways.api import register as register_pathways

    api.add_router("/", directory_router)
    register_pathways(api)
    register_booklets(api)
    register_monitoring(api)
    register_kraamzorg(api)
    register_jobs(api)
    register_parents(api)


errors.install(api)
_register_routers()
