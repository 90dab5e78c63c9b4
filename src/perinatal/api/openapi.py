"""The API's OpenAPI document: stable operation ids.

- Every operation names its `operation_id` by hand (`services_list`): Ninja's default, derived
  from the module path (`perinatal_directory_api_endpoints_list_services`), would change the
  public name whenever a module moves, so `PerinatalAPI` refuses to make one up.
"""

from ninja import NinjaAPI
from ninja.errors import ConfigError
from ninja.operation import Operation


class PerinatalAPI(NinjaAPI):
    """A NinjaAPI that requires hand-chosen operation ids."""

    def get_openapi_operation_id(self, operation: Operation) -> str:
        view = operation.view_func
        raise ConfigError(
            f"{view.__module__}.{view.__name__} has no operation_id: choose one "
            "(`noun_verb`, e.g. `services_list`) and add it to api/tests/test_operation_ids.py."
        )
