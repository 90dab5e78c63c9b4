"""Plumbing views: the health checks (the rate-limit answer is a page helper, `core/pages.py`).

- `healthz`: the process is alive — nothing else is asked (no database, no cache), so a
  liveness probe never restarts a server because a shared service is down;
- `readyz`: every readiness check passes (`core/health.py`): 200 with each check's state, or
  503 with the failing ones, so the load balancer sends no traffic to a server that cannot
  serve it.

Both are answered by `core.middleware.HealthCheckMiddleware` before the Host header is read,
as JSON that is never cached.
"""

import logging

from django.http import HttpRequest, JsonResponse

from .health import run_readiness_checks

logger = logging.getLogger(__name__)


def healthz(request: HttpRequest) -> JsonResponse:
    """200 `{"status": "ok"}` while the process answers."""
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> JsonResponse:
    """200 with every check when all pass; 503 with the failing ones otherwise."""
    results = run_readiness_checks()
    failing = [result for result in results if not result.ok]
    shown = failing or results
    body = {
        "status": "error" if failing else "ok",
        "checks": {result.name: {"ok": result.ok, "detail": result.detail} for result in shown},
    }
    response = JsonResponse(body, status=503 if failing else 200)
    if failing:
        # One WARNING naming what fails, instead of Django's "Service Unavailable" ERROR.
        logger.warning(
            "not ready: %s",
            "; ".join(f"{result.name} ({result.detail})" for result in failing),
        )
        setattr(response, "_has_been_logged", True)  # noqa: B010 - django.utils.log's flag
    return response
