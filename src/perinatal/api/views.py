"""`GET /api/v1/openapi.json`: the cached document with its ETag; `If-None-Match` → 304.

It replaces Ninja's own view at the same address (`api/urls.py` lists it first), which
rebuilds the document on every call; the docs page (`/api/v1/docs`) still reads it there.
Not marked public, as before: `no-store`, and behind the second factor for a professional
who has not passed it (the ETag serves clients that ask conditionally).
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import etag, require_safe

from .v1 import api


def _document_etag(request: HttpRequest) -> str:
    return api.openapi_document().etag


@require_safe
@etag(_document_etag)  # answers If-None-Match with 304, and sets the ETag header
def openapi_json(request: HttpRequest) -> HttpResponse:
    return HttpResponse(api.openapi_document().body, content_type="application/json")
