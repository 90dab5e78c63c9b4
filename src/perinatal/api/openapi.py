"""The API's OpenAPI document: stable operation ids, built once, served with an ETag.

- Every operation names its `operation_id` by hand (`services_list`): Ninja's default, derived
  from the module path (`perinatal_directory_api_endpoints_list_services`), would change the
  public name whenever a module moves, so `PerinatalAPI` refuses to make one up.
- Building the document costs ~0.3 s of CPU; `PerinatalAPI.openapi_document()` builds it on
  the first call and keeps the rendered bytes and their ETag for the life of the process, one
  per language (today the document reads the same in each: its description is fixed at
  import; the key keeps a lazily translated text from being frozen in the first caller's
  language).
- Every error answer is problem details (`api/problems.py`): `create_response` gives a 4xx or
  5xx the `application/problem+json` media type (and makes a problem of a body that is not
  one), and the document lists each operation's problems (`api/openapi_problems.py`).
"""

import hashlib
import threading
from dataclasses import dataclass
from typing import Any

from ninja import NinjaAPI
from ninja.errors import ConfigError
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation
from ninja.responses import Response

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from .openapi_problems import document_problems
from .problems import COMMON_MEMBERS, PROBLEM_CONTENT_TYPE, problem


@dataclass(frozen=True)
class OpenAPIDocument:
    body: bytes
    etag: str  # quoted, as the header carries it


class PerinatalAPI(NinjaAPI):
    """A NinjaAPI that requires hand-chosen operation ids and caches its document."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._documents: dict[str | None, OpenAPIDocument] = {}
        self._documents_lock = threading.Lock()

    def get_openapi_operation_id(self, operation: Operation) -> str:
        view = operation.view_func
        raise ConfigError(
            f"{view.__module__}.{view.__name__} has no operation_id: choose one "
            "(`noun_verb`, e.g. `services_list`) and add it to api/tests/test_operation_ids.py."
        )

    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        """Ninja's answer; a 4xx or 5xx as problem details."""
        code = temporal_response.status_code if temporal_response else status
        if code is not None and code >= 400 and not _is_problem(data):
            given = data if isinstance(data, dict) else {}
            text = given.get("message") or given.get("detail")
            shown = text if isinstance(text, str) and code < 500 else None  # 5xx: never the cause
            data = problem(request, code, code=given.get("code"), detail=shown)
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if response.status_code >= 400:
            response["Content-Type"] = PROBLEM_CONTENT_TYPE
        return response

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        """Ninja's document, with the problems of every operation."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_problems(schema)
        return schema

    def openapi_document(self) -> OpenAPIDocument:
        """The rendered document in the active language, built on the first call."""
        language = get_language()
        document = self._documents.get(language)
        if document is None:
            with self._documents_lock:  # one build per language, even under threads
                document = self._documents.get(language)
                if document is None:
                    document = self._build_document()
                    self._documents[language] = document
        return document

    def forget_openapi_documents(self) -> None:
        """Drop the built documents (tests that change the API)."""
        with self._documents_lock:
            self._documents.clear()

    def _build_document(self) -> OpenAPIDocument:
        body = Response(self.get_openapi_schema()).content  # as Ninja's own view renders it
        etag = hashlib.sha256(body).hexdigest()[:32]
        return OpenAPIDocument(body=body, etag=f'"{etag}"')


def _is_problem(data: Any) -> bool:
    return isinstance(data, dict) and set(COMMON_MEMBERS) <= data.keys()
