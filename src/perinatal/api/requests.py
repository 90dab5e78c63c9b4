"""The request an API operation receives, as the type checker should see it: Django's
request with what django-ninja adds, `auth` (what the operation's authentication returned:
the user of a token or session, None on an anonymous operation).

Operations annotate their first parameter with it (`def service_get(request: ApiRequest,
…)`); django-ninja passes the request whatever its annotation."""

from typing import Any

from django.http import HttpRequest


class ApiRequest(HttpRequest):
    auth: Any
