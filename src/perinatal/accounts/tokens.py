"""Personal API tokens: made, checked, listed and revoked here.

- A token is `secrets.token_urlsafe(32)` (256 random bits). Only its SHA-256 digest is stored,
  with its first 8 characters so that the owner can tell tokens apart; the token itself is
  shown once, when it is made. (A keyed or slow hash adds nothing for a random 256-bit
  secret: the digest cannot be reversed or guessed.)
- A token acts for one user, has a name, expires (90 days unless told otherwise, at most a
  year), records when it was last used, and can be revoked. It stops working when its user is
  deactivated.
- Tokens are for professional accounts (those that log in with a second factor): they are
  made on the account page after the second factor, or by an administrator on the command
  line (`perinatal tokens`). Which API operations a token's user may call is the API's
  decision (the families' endpoints take care professionals only).
- Making and revoking a token is written to the change log (never the token).
- `BearerToken` is the django-ninja authentication of the API's token endpoints:
  `Authorization: Bearer <token>`; a session is not accepted there.
"""

import hashlib
import secrets
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import HttpBearer

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.audit.models import ChangeAction
from perinatal.audit.services import change_record

from .models import ApiToken, User

DEFAULT_DAYS = 90
MAX_DAYS = 365
PREFIX_LENGTH = 8
# `last_used_at` is written at most this often per token (not on every call).
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenRefused(ValueError):
    """A token cannot be made (or revoked) as asked; the message says why."""


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> str:
    """256 random bits, URL-safe; never starting with "-", so that its visible prefix can be
    given to the command line (`perinatal tokens revoke PREFIX`) without being read as an
    option (one token in 64 would be)."""
    while (token := secrets.token_urlsafe(32)).startswith("-"):
        continue
    return token


def may_hold_tokens(user: User) -> bool:
    return user.is_active and user.requires_two_factor


@transaction.atomic
def token_create(
    *, user: User, name: str, days: int = DEFAULT_DAYS, by: Any = None, reason: str = ""
) -> tuple[ApiToken, str]:
    """A new token for `user`: (the stored record, the token to show once). `by` is who made
    it (None on the command line), `reason` where (for the change log)."""
    name = name.strip()
    if not may_hold_tokens(user):
        raise TokenRefused(_("API tokens are only for active professional accounts."))
    if not name:
        raise TokenRefused(_("Give the token a name."))
    if not 1 <= days <= MAX_DAYS:
        raise TokenRefused(
            _("A token is valid for 1 to %(most)s days.") % {"most": MAX_DAYS},
        )
    token = _new_token()
    now = timezone.now()
    record = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=token[:PREFIX_LENGTH],
        digest=digest(token),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    change_record(
        actor=by,
        action=ChangeAction.CREATE,
        instance=record,
        changes={"user": [None, user.get_username()], "expires_at": [None, str(record.expires_at)]},
        reason=reason,
    )
    return record, token


@transaction.atomic
def token_revoke(*, token: ApiToken, by: Any, reason: str = "") -> ApiToken:
    """Revoke `token` (revoking it again changes nothing)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        change_record(
            actor=by,
            action=ChangeAction.UPDATE,
            instance=token,
            changes={"revoked_at": [None, str(token.revoked_at)]},
            reason=reason,
        )
    return token


def tokens_of(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user).order_by("-created_at", "-id"))


def token_of(user: User, public_id: Any) -> ApiToken:
    """One of `user`'s tokens (raises ApiToken.DoesNotExist)."""
    return ApiToken.objects.get(user=user, public_id=public_id)


def token_find(key: str) -> ApiToken:
    """A token by its public id or by its visible prefix (for the command line)."""
    found = ApiToken.objects.select_related("user")
    try:
        return found.get(public_id=uuid.UUID(key))
    except (ValueError, ApiToken.DoesNotExist):
        pass
    matches = list(found.filter(prefix=key)[:2])
    if len(matches) != 1:
        raise ApiToken.DoesNotExist(key)
    return matches[0]


def is_active(token: ApiToken, *, now: Any = None) -> bool:
    now = now or timezone.now()
    return token.revoked_at is None and token.expires_at > now and token.user.is_active


def state_of(token: ApiToken, *, now: Any = None) -> str:
    """`active`, `expired` or `revoked`, as the account page shows it."""
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at <= (now or timezone.now()):
        return "expired"
    return "active"


def user_for_token(token: str) -> tuple[User, ApiToken] | None:
    """(the user a presented token acts for, its record), or None if the token is unknown,
    expired or revoked, or its user deactivated. Its use is noted in `last_used_at`."""
    if not token or len(token) > 200:
        return None
    found = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(digest=digest(token))
        .first()
    )
    now = timezone.now()
    if found is None or not is_active(found, now=now):
        return None
    if found.last_used_at is None or now - found.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        found.last_used_at = now
    return found.user, found


class TokenNotAccepted(AuthenticationError):
    """No valid token was presented (HTTP 401)."""

    def __init__(self) -> None:
        super().__init__(401, _("Send a valid API token: Authorization: Bearer <token>."))


class TokenUserNotAllowed(AuthorizationError):
    """The token is valid but its user may not call these operations (HTTP 403)."""

    def __init__(self) -> None:
        super().__init__(403, _("Your account may not use these operations."))


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; with `allowed`, the token's user must also pass it.
    The user is on `request.auth` (and `request.api_token`)."""

    def __init__(self, allowed: Callable[[User], bool] | None = None) -> None:
        super().__init__()
        self.allowed = allowed

    def __call__(self, request: HttpRequest) -> User:
        user = super().__call__(request)
        if user is None:
            raise TokenNotAccepted
        return user

    def authenticate(self, request: HttpRequest, token: str) -> User:
        found = user_for_token(token.strip())
        if found is None:
            raise TokenNotAccepted
        user, record = found
        if self.allowed is not None and not self.allowed(user):
            # Named in the access log's refused row (audit/refusals.py).
            setattr(request, "refused_token_user", user)  # noqa: B010
            raise TokenUserNotAllowed
        setattr(request, "api_token", record)  # noqa: B010 - read by the API's views
        return user
