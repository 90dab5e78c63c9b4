"""The API's input gate: no control character gets past the parsing of a request
(`core/control_characters.py` says which and why).

`CheckedParser` is the API's parser (`api/v1.py`): it reads JSON bodies, query strings and
form fields as Ninja's does, then refuses every string that holds a control character with
`ControlCharactersRefused`, which `api/errors.py` answers 422 `invalid_input` naming each
field. It runs where Ninja parses, after the token and the throttles were checked, so an
anonymous caller still gets 401 and nothing reaches a service or the database.
"""

import json
from typing import Any, cast

from ninja.parser import Parser
from ninja.types import DictStrAny

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict

from perinatal.core.control_characters import control_characters_in


class ControlCharactersRefused(Exception):
    """Strings of the request hold control characters: `errors` is `[(field, message)]`."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__(f"{len(errors)} value(s) with a control character")
        self.errors = errors


class CheckedParser(Parser):
    def parse_body(self, request: HttpRequest) -> DictStrAny:
        data = json.loads(request.body)
        errors = control_characters_in(data)
        if errors:
            # Ninja turns whatever the parser raises into a 400 "Cannot parse request body"
            # raised from it; api/errors.py answers that cause as the 422 it is.
            raise ControlCharactersRefused(errors)
        return cast(DictStrAny, data)

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> DictStrAny:
        result = super().parse_querydict(data, list_fields, request)
        texts: dict[str, Any] = {
            key: [v for v in data.getlist(key) if isinstance(v, str)] for key in data
        }
        errors = control_characters_in(texts)
        if errors:
            raise ControlCharactersRefused(errors)
        return result
