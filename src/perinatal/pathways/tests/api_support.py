"""Helpers for the families' API tests: a token client per persona, and the scan for national
numbers in what the API sends and is sent."""

import json
import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from stdnum.be import bis, nn

from django.test import Client
from django.utils import timezone, translation

from perinatal.accounts import tokens
from perinatal.accounts.models import ApiToken
from perinatal.audit.models import AccessEvent

# 11 digits, optionally written 85.07.30-033.61, not part of a longer word or a UUID.
NUMBER_LIKE = re.compile(r"(?<![\w-])\d{2}\.?\d{2}\.?\d{2}[-.\s]?\d{3}\.?\d{2}(?![\w-])")


def national_numbers_in(text: str) -> list[str]:
    """The valid national or BIS numbers written in `text`."""
    found = []
    for match in NUMBER_LIKE.findall(text):
        digits = re.sub(r"\D", "", match)
        if nn.is_valid(digits) or bis.is_valid(digits):
            found.append(match)
    return found


def token_for(user: Any) -> str:
    """A token for `user`; for a role that may not hold one (a parent), a planted record as a
    stale or forged token would be."""
    if tokens.may_hold_tokens(user):
        return tokens.token_create(user=user, name="test client")[1]
    token = "planted-" + user.get_username() + "-token-0123456789abcdef"
    ApiToken.objects.create(
        user=user,
        name="planted",
        prefix=token[:8],
        digest=tokens.digest(token),
        expires_at=timezone.now() + timedelta(days=1),
    )
    return token


@dataclass
class ApiClient:
    """Calls the API with a bearer token and keeps every URL and answer it saw."""

    token: str | None
    language: str = "en"
    client: Client = field(default_factory=Client)
    seen: list[str] = field(default_factory=list)

    def call(self, method: str, path: str, body: Any = None, **headers: str):
        url = path if path.startswith("/api/") else f"/api/v1{path}"
        if self.token:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        headers.setdefault("Accept-Language", self.language)
        kwargs: dict[str, Any] = {"headers": headers}
        if body is not None:
            kwargs |= {"data": json.dumps(body, default=str), "content_type": "application/json"}
        # The locale middleware leaves the request's language active in the thread: put the
        # test's own back, so that a later reverse() is not in the API caller's language.
        with translation.override(translation.get_language()):
            response = getattr(self.client, method.lower())(url, **kwargs)
        self.seen += [url, response.content.decode()]
        return response

    def get(self, path: str, **headers: str):
        return self.call("GET", path, **headers)

    def post(self, path: str, body: Any = None, **headers: str):
        return self.call("POST", path, body if body is not None else {}, **headers)


def api_for(user: Any, **kwargs: Any) -> ApiClient:
    return ApiClient(token_for(user), **kwargs)


def access_rows(user: Any) -> int:
    return AccessEvent.objects.filter(actor_username=user.get_username()).count()
