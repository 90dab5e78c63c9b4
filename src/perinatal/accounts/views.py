"""Login (password, then the second factor for professionals), logout, password reset, the
account page and its API tokens. The rules live in `two_factor.py`, `lockout.py` and
`tokens.py`; these views only route."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from perinatal.core.ratelimits import WhenCacheDown, ratelimit

from . import lockout, roles, tokens, two_factor
from .forms import ApiTokenForm, CodeForm
from .middleware import SESSION_EXPIRED
from .models import ApiToken
from .requests import logged_in_user


def _next_url(request: HttpRequest) -> str:
    """The safe `next` target of a login step, or the account page. Only a path of this
    site (`/…`): a bare word such as `foo` would be taken by `redirect()` for the name of a
    view (NoReverseMatch, a 500), another host's address is an open redirect."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(view_name: str, next_url: str) -> str:
    return f"{reverse(view_name)}?{urlencode({'next': next_url})}"


def _client_key(group: str, request: HttpRequest) -> str:
    """The client's address as the lockout reads it (CLIENT_IP_HEADERS)."""
    return lockout.client_ip(request) or "unknown"


# The account-security forms (login, second factor, new password, API tokens) share one
# count per client address, on top of the lockout per user name (django-axes, in the
# database). Refused while the cache cannot count (core/ratelimits.py): guesses are never
# unlimited.
ACCOUNT_SECURITY_RATE = "60/5m"
account_security_limit = ratelimit(
    group="accounts.security",
    key=_client_key,
    rate=ACCOUNT_SECURITY_RATE,
    when_cache_down=WhenCacheDown.REFUSE,
)
# Password-reset requests (each sends a mail): 5 an hour per address, refused likewise.
PASSWORD_RESET_RATE = "5/h"  # noqa: S105 - a rate, not a password


class LoginView(auth_views.LoginView):
    """The password step. Django's login() gives the session a new key; a professional then
    goes on to the second factor."""

    template_name = "accounts/login.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["session_expired"] = self.request.session.pop(SESSION_EXPIRED, False)
        return context

    def get_success_url(self) -> str:
        url = super().get_success_url()
        user = logged_in_user(self.request)  # just logged in
        if user.requires_two_factor:
            step = (
                "accounts:two_factor"
                if two_factor.has_confirmed_device(user)
                else "accounts:two_factor_setup"
            )
            return _with_next(step, url)
        return url


login_view = account_security_limit(LoginView.as_view())
logout_view = auth_views.LogoutView.as_view()  # POST only (Django 5)


def _second_factor_guard(request: HttpRequest) -> HttpResponse | None:
    """Who may be on a second-factor page: a logged-in professional, not yet verified, not
    locked out. Anything else is sent on."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = logged_in_user(request)
    if not user.requires_two_factor or user.is_verified():
        return redirect(_next_url(request))
    if lockout.is_locked(request, user.get_username()):
        response = lockout.lockout_response(request)
        logout(request)
        return response
    return None


def _check_code(request: HttpRequest, devices: list, form: CodeForm) -> HttpResponse | None:
    """Verify a posted code: log in, or count the failure (and lock out at the limit)."""
    username = request.user.get_username()
    if two_factor.code_is_throttled(devices):
        form.add_error("code", _("Too many wrong codes in a row. Wait a moment and try again."))
        return None
    device = two_factor.verify_code(devices=devices, code=form.cleaned_data["code"])
    if device is not None:
        two_factor.complete_login(request, device)
        lockout.reset_failures(request, username)
        return redirect(_next_url(request))
    if lockout.record_failure(request, username):
        response = lockout.lockout_response(request)
        logout(request)
        return response
    form.add_error(
        "code", _("This code is not valid. Check that the time on your phone is correct.")
    )
    return None


@require_http_methods(["GET", "POST"])
@account_security_limit
def two_factor_view(request: HttpRequest) -> HttpResponse:
    if (answer := _second_factor_guard(request)) is not None:
        return answer
    devices = two_factor.confirmed_devices(logged_in_user(request))
    if not devices:
        return redirect(_with_next("accounts:two_factor_setup", _next_url(request)))
    form = CodeForm(request.POST or None)
    if form.is_bound and form.is_valid() and (answer := _check_code(request, devices, form)):
        return answer
    return render(request, "accounts/two_factor.html", {"form": form, "next": _next_url(request)})


@require_http_methods(["GET", "POST"])
@account_security_limit
def two_factor_setup_view(request: HttpRequest) -> HttpResponse:
    if (answer := _second_factor_guard(request)) is not None:
        return answer
    if two_factor.has_confirmed_device(logged_in_user(request)):
        # Adding a device needs the second factor first: a password alone may not enrol one.
        return redirect(_with_next("accounts:two_factor", _next_url(request)))
    device = two_factor.enrolment_device_get_or_create(user=logged_in_user(request))
    form = CodeForm(request.POST or None)
    if form.is_bound and form.is_valid() and (answer := _check_code(request, [device], form)):
        if request.user.is_authenticated and logged_in_user(request).is_verified():
            messages.success(request, _("Your authenticator app is set up."))
        return answer
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "secret": two_factor.secret_base32(device),
            "qr_code": two_factor.qr_data_uri(device),
        },
    )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


password_reset_view = ratelimit(
    key=_client_key, rate=PASSWORD_RESET_RATE, when_cache_down=WhenCacheDown.REFUSE
)(PasswordResetView.as_view())
password_reset_done_view = auth_views.PasswordResetDoneView.as_view(
    template_name="registration/password_reset_done.html"
)
password_reset_confirm_view = account_security_limit(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="registration/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete_view = auth_views.PasswordResetCompleteView.as_view(
    template_name="registration/password_reset_complete.html"
)


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    user = logged_in_user(request)  # login_required
    return render(
        request,
        "accounts/home.html",
        {
            "account": user,
            "organisation": user.organisation,
            "verified": user.is_verified(),
            "parent": roles.is_parent(user),
        },
    )


def _token_holder(request: HttpRequest):
    """The logged-in professional who may manage API tokens (second factor passed)."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    user = logged_in_user(request)
    if not tokens.may_hold_tokens(user) or not user.is_verified():
        raise PermissionDenied
    return user


@login_required
@require_http_methods(["GET", "POST"])
@account_security_limit
def tokens_view(request: HttpRequest) -> HttpResponse:
    """The user's API tokens; a new one is shown once, on the answer to its creation."""
    user = _token_holder(request)
    form = ApiTokenForm(request.POST or None)
    new_token = ""
    if form.is_bound and form.is_valid():
        try:
            _record, new_token = tokens.token_create(
                user=user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
                by=user,
                reason="account page",
            )
        except tokens.TokenRefused as exc:
            form.add_error(None, str(exc))
        else:
            form = ApiTokenForm()
    now = timezone.now()
    rows = [(token, tokens.state_of(token, now=now)) for token in tokens.tokens_of(user)]
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "rows": rows, "new_token": new_token},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["POST"])
@account_security_limit
def token_revoke_view(request: HttpRequest, public_id) -> HttpResponse:
    user = _token_holder(request)
    try:
        token = tokens.token_of(user, public_id)
    except ApiToken.DoesNotExist as exc:
        raise Http404 from exc
    tokens.token_revoke(token=token, by=user, reason="account page")
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts:tokens")
