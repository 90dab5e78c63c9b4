"""Session timeouts and the second-factor requirement for professional accounts."""

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from perinatal.api.problems import problem_response
from perinatal.core.middleware import PUBLIC_ATTR

SESSION_STARTED = "perinatal_started"
SESSION_SEEN = "perinatal_seen"
# Set in the fresh anonymous session after a timeout; the login page says so.
SESSION_EXPIRED = "perinatal_expired"
# Views reachable while a professional has not yet passed the second factor.
TWO_FACTOR_EXEMPT = {
    "accounts:login",
    "accounts:logout",
    "accounts:two_factor",
    "accounts:two_factor_setup",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "set_language",
    "healthz",
    "javascript-catalog",
}


class SessionTimeoutMiddleware:
    """End a logged-in session after `SESSION_IDLE_TIMEOUT` seconds without a request, and
    `SESSION_ABSOLUTE_TIMEOUT` seconds after login, whatever happened in between."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if session.get("_auth_user_id"):
            now = int(time.time())
            started = session.get(SESSION_STARTED, now)
            seen = session.get(SESSION_SEEN, now)
            if (
                now - seen > settings.SESSION_IDLE_TIMEOUT
                or now - started > settings.SESSION_ABSOLUTE_TIMEOUT
            ):
                logout(request)
                request.session[SESSION_EXPIRED] = True
                setattr(request, "session_expired", True)  # noqa: B010
            else:
                session[SESSION_STARTED] = started
                session[SESSION_SEEN] = now
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """A professional or administrator who has not passed the second factor in this session
    can reach only public pages and the login steps."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, *args: object
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.requires_two_factor:
            return None
        if user.is_verified():
            return None
        match = request.resolver_match
        name = (
            f"{match.namespace}:{match.url_name}"
            if match and match.namespace
            else (match.url_name if match else "")
        )
        target = getattr(view_func, "view_class", view_func)
        if (
            name in TWO_FACTOR_EXEMPT
            or getattr(view_func, PUBLIC_ATTR, False)
            or getattr(target, PUBLIC_ATTR, False)
            or request.path.startswith("/static/")
        ):
            return None
        if request.path.startswith("/api/"):
            return problem_response(
                request,
                403,
                code="two_factor_required",
                detail=_("Log in with your second factor first."),
            )
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('accounts:two_factor')}?{query}")
