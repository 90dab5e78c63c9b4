"""Cross-cutting HTTP behaviour: the probes before everything (health, readiness, metrics),
request ids for the logs and `no-store` on private pages."""

import uuid
from collections.abc import Callable
from typing import cast

from csp.middleware import CSPMiddleware

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from .logging import request_id_var
from .metrics import may_read_metrics, metrics
from .views import healthz, readyz

PUBLIC_ATTR = "perinatal_public"
HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
METRICS_PATH = "/metrics"
PROBES: dict[str, Callable[[HttpRequest], HttpResponse]] = {
    HEALTH_PATH: healthz,
    READY_PATH: readyz,
    METRICS_PATH: metrics,
}


def public_page(view: Callable) -> Callable:
    """Mark a view as a public page: anonymous responses may be cached by the browser."""
    setattr(view, PUBLIC_ATTR, True)
    return view


class HealthCheckMiddleware:
    """`/healthz`, `/readyz` and `/metrics`, answered first: before anything reads the Host
    header (a load balancer or Prometheus probes each server by its address, which is not a
    name in ALLOWED_HOSTS and so was refused with 400) and before the redirect to HTTPS.
    `/metrics` only to the operator's network (`core/metrics.py`); anyone else goes on down
    the chain like any other path, to the site's 404."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        probe = PROBES.get(request.path)
        if probe is None or (request.path == METRICS_PATH and not may_read_metrics(request)):
            return self.get_response(request)

        def answer(_request: HttpRequest) -> HttpResponse:
            response = probe(_request)
            response["Cache-Control"] = "no-store"
            return response

        # The site's Content Security Policy on it too, as on every page (django-csp reads no
        # Host header).
        # A synchronous chain: the middleware's answer is never awaitable here.
        return cast(HttpResponseBase, CSPMiddleware(answer)(request))


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if 0 < len(incoming) <= 64 and incoming.isascii() else uuid.uuid4().hex
        setattr(request, "request_id", rid)  # noqa: B010 - an attribute of ours on Django's request
        token = request_id_var.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = rid
        return response


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every page except public pages seen anonymously."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        setattr(request, PUBLIC_ATTR, False)  # noqa: B010
        return self._respond(request)

    def _respond(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        anonymous = user is None or not user.is_authenticated
        if getattr(request, PUBLIC_ATTR) and anonymous and response.status_code < 400:
            response.setdefault("Cache-Control", "public, max-age=60")
        elif not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response

    def process_view(self, request: HttpRequest, view_func: Callable, *args: object) -> None:
        target = getattr(view_func, "view_class", view_func)
        public = getattr(view_func, PUBLIC_ATTR, False) or getattr(target, PUBLIC_ATTR, False)
        setattr(request, PUBLIC_ATTR, bool(public))  # noqa: B010
