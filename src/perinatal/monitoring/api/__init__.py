"""The monitoring's part of the API (`/api/v1/monitoring/…`, tag "monitoring"), with an API
token (`Authorization: Bearer <token>`), never a session:

- `POST /submissions` (a CSV as the body or as multipart files, imported in the background),
  `GET /imports/{job_id}` (that import, as it stands) and `GET /submissions`: a family-care
  service's users for their own service, analysts and administrators for all
  (api/submissions.py);
- `GET /reports/kraamzorg`, `GET /reports/kraamzorg/trend`: analysts and administrators
  (api/reports.py);
- `GET /years`, `POST /years/{year}/close`, `POST /years/{year}/reopen`: analysts and
  administrators (api/years.py).

Answers to a refusal, as problem details (`api/problems.py`): no valid token 401 `not_authenticated`; another role 403 `forbidden`;
a file too large 413 `too_large`; a reopening without reason 422 `reason_required`; a year
that is not final 409 `not_final` (a conflict with the year's state, as are `already_final`
and `before_deadline`); no figures 404 `no_figures`. An upload's own refusals (errors in the
files, another service, a final year) are in its import's `refusal`.
"""

from ninja import NinjaAPI, Router

from django.http import HttpRequest, HttpResponse

from perinatal.accounts.tokens import BearerToken
from perinatal.api.problems import problem_response

from ..reports.kraamzorg import NoFigures
from ..submissions.errors import SubmissionRefused
from ..submissions.history import may_submit

token = BearerToken(allowed=may_submit)
router = Router(tags=["monitoring"], auth=token)

# The HTTP status of each refusal code of `SubmissionRefused` (others: 422).
REFUSAL_STATUS = {
    "forbidden": 403,
    "not_your_service": 403,
    "year_final": 409,
    "newer_submission": 409,
    "already_final": 409,
    "not_final": 409,
    "before_deadline": 409,
    "reason_required": 422,
}


def refusal_status(code: str) -> int:
    return REFUSAL_STATUS.get(code, 422)


def register(api: NinjaAPI) -> None:
    from . import report_files, reports, submissions, years  # noqa: F401 - their operations

    @api.exception_handler(SubmissionRefused)
    def submission_refused(request: HttpRequest, exc: SubmissionRefused) -> HttpResponse:
        status = refusal_status(exc.code)
        return problem_response(request, status, code=exc.code, detail=exc.message)

    @api.exception_handler(NoFigures)
    def no_figures(request: HttpRequest, exc: NoFigures) -> HttpResponse:
        return problem_response(request, 404, code="no_figures", detail=str(exc))

    api.add_router("/monitoring", router)
