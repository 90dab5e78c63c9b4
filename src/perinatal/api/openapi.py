"""The API's OpenAPI document: stable operation ids, built once, served with an ETag.

- Every operation names its `operation_id` by hand (`services_list`): Ninja's default, derived
  from the module path (`perinatal_directory_api_endpoints_list_services`), would change the
  public name whenever a module moves, so `PerinatalAPI` refuses to make one up.
- Building the document costs ~0.3 s of CPU; `PerinatalAPI.openapi_document()` builds it on
  the first call and keeps the rendered bytes and their ETag for the life of the process, one
  per language (today the document reads the same in each: its description is fixed at
  import; the key keeps a lazily translated text from being frozen in the first caller's
  language).
"""

import hashlib
import threading
from dataclasses import dataclass

from ninja import NinjaAPI
from ninja.errors import ConfigError
from ninja.operation import Operation
from ninja.responses import Response

from django.utils.translation import get_language


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
