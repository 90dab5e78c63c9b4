"""Lockout after repeated failed logins, shared by the password and the second-factor step.

django-axes counts failures per user name and client address (5 within 15 minutes, see
`AXES_*` in conf/base.py). A wrong TOTP code is reported to axes as a failed login for the same
user name, so password and code failures add up to one limit. Attempts are reset only when a
login is complete: after the password for a parent, after the second factor for everyone else
(`AXES_RESET_ON_SUCCESS` is off, otherwise passing the password step would wipe the count of
wrong codes). django-otp also delays the next try after a wrong code (1, 2, 4 … seconds per
device, whatever the address); a code sent during that delay is not checked and not counted.
"""

import ipaddress
from datetime import datetime, timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


def client_ip(request: HttpRequest) -> str | None:
    """The client's address for the lockout (`AXES_CLIENT_IP_CALLABLE`).

    Reads the `CLIENT_IP_HEADERS` in order (default: only `REMOTE_ADDR`). From
    `X-Forwarded-For` it takes the entry added by the outermost trusted proxy
    (`CLIENT_IP_PROXY_COUNT` entries from the right), never the client-supplied left end,
    so an attacker cannot pick a fresh address for every guess.
    """
    for header in getattr(settings, "CLIENT_IP_HEADERS", ["REMOTE_ADDR"]):
        value = request.META.get(header, "")
        if header == FORWARDED_FOR:
            hops = [hop.strip() for hop in value.split(",") if hop.strip()]
            count = max(1, int(getattr(settings, "CLIENT_IP_PROXY_COUNT", 1)))
            value = hops[-count] if len(hops) >= count else ""
        try:
            return str(ipaddress.ip_address(value.strip()))
        except ValueError:
            continue
    return None


def USERNAME_FIELD() -> str:  # noqa: N802 - reads like the setting it is
    """django-axes' name of the user-name field (`AXES_USERNAME_FORM_FIELD`)."""
    return getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")


def _ip_address(request: HttpRequest) -> str | None:
    """The address django-axes read from the request (`AxesProxyHandler.update_request`)."""
    return getattr(request, "axes_ip_address", None)


def _credentials(username: str) -> dict[str, str]:
    return {USERNAME_FIELD(): username}


def is_locked(request: HttpRequest, username: str) -> bool:
    return AxesProxyHandler.is_locked(request, _credentials(username))


def record_failure(request: HttpRequest, username: str) -> bool:
    """Count a failed login step (a wrong code); True when this locks the user out."""
    AxesProxyHandler.update_request(request)
    user_login_failed.send(sender=__name__, credentials=_credentials(username), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def reset_failures(request: HttpRequest, username: str) -> None:
    """Forget the failures of this user name from this address (after a complete login)."""
    AxesProxyHandler.update_request(request)
    AxesProxyHandler.reset_attempts(username=username, ip_address=_ip_address(request))


def retry_at(request: HttpRequest, username: str) -> datetime:
    """When a locked-out user name may try again from this address."""
    AxesProxyHandler.update_request(request)
    cool_off = get_cool_off(request) or timedelta(0)
    last = AccessAttempt.objects.filter(
        username=username, ip_address=_ip_address(request)
    ).aggregate(last=Max("attempt_time"))["last"]
    return (last or timezone.now()) + cool_off


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The locked-out page (`AXES_LOCKOUT_CALLABLE`): says in the user's language when to retry."""
    username = (credentials or {}).get(USERNAME_FIELD()) or ""
    if not username and getattr(request, "user", None) and request.user.is_authenticated:
        username = request.user.get_username()
    when = retry_at(request, username)
    minutes = max(1, int((when - timezone.now()).total_seconds() + 59) // 60)
    return render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {"retry_at": when, "minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429),
    )
