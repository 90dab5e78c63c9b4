"""The one gate for text from outside: NUL and the other control characters are refused.

A control character in a name or a note is never what the writer meant: it comes from a
broken export, a file in another encoding (UTF-16 read as bytes is half NULs), or a probe.
PostgreSQL refuses NUL in text and JSON (a 500), SQLite stores it, and either way it ends up
in pages, files and logs. So every way text comes in refuses it, with the field or line named:

- the API's JSON bodies and query strings, and the pages' query strings
  (`ControlCharacterMiddleware`, `api/input_gate.py`);
- every form's text fields (`ControlCharacterValidator`, added to `forms.CharField` by
  `install_form_validator()` in `CoreConfig.ready`);
- the monitoring CSV reader (line and column) and the HSDS import (file and line).

Refused: C0 controls (U+0000–U+001F) but tab, line feed and carriage return, which text
may hold; DEL (U+007F); C1 controls (U+0080–U+009F); lone surrogates (U+D800–U+DFFF, which
JSON's `\\ud800` escapes can make and no database can store).
"""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
CONTROL_OR_LINE_END = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")
# In forms, Django's own validator of every CharField already refuses NUL (in the user's
# language): this one refuses the others, so that a NUL is not reported twice.
CONTROL_BUT_NUL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def control_character_at(text: str, *, line_ends: bool = True) -> int | None:
    """The position of the first refused character of `text` (None: clean). With
    `line_ends=False` a line feed or carriage return is refused too (a one-line value)."""
    found = (CONTROL if line_ends else CONTROL_OR_LINE_END).search(text)
    return None if found is None else found.start()


def codepoint(char: str) -> str:
    """`"\\x00"` → `"U+0000"`: how a refused character is named in a message."""
    return f"U+{ord(char):04X}"


def shown(text: str) -> str:
    """`text` with each refused character written as `\\x00` (or `\\ud800`): safe to show,
    to store in JSON on PostgreSQL, to log."""
    return CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def refusal_message(*, field: str, text: str, position: int) -> str:
    """The translated sentence that names the field, the character and where it is."""
    return str(
        _(
            "%(field)s holds a control character (%(char)s) at position %(position)s: "
            "remove it and send the text again."
        )
        % {"field": field, "char": codepoint(text[position]), "position": position + 1}
    )


def check_text(text: str, *, field: str, line_ends: bool = True) -> None:
    """Refuse `text` (ValidationError naming `field`) when it holds a control character."""
    position = control_character_at(text, line_ends=line_ends)
    if position is not None:
        raise ValidationError(
            refusal_message(field=field, text=text, position=position),
            code="control_character",
        )


def control_characters_in(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str, str]]:
    """Every string of a parsed JSON document (keys included) that holds a control character,
    as `(field, message)`: the field is the dotted path of names, without list indexes, as
    the API names a field elsewhere (`api/errors.request_field_name`)."""
    found: list[tuple[str, str]] = []
    if isinstance(data, str):
        position = control_character_at(data)
        if position is not None:
            name = ".".join(str(p) for p in path if not isinstance(p, int)) or "body"
            found.append((name, refusal_message(field=name, text=data, position=position)))
    elif isinstance(data, dict):
        for key, value in data.items():
            found += control_characters_in(str(key), (*path, "(name)"))
            found += control_characters_in(value, (*path, shown(str(key))))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += control_characters_in(value, (*path, index))
    return found


@deconstructible
class ControlCharacterValidator:
    """A form field's validator: the error sits beside the field, so it names the field as
    "This text"; tab and line ends are allowed (a text area); NUL is refused by Django's own
    `ProhibitNullCharactersValidator`, which every CharField has."""

    code = "control_character"

    def __call__(self, value: Any) -> None:
        if not isinstance(value, str):
            return
        found = CONTROL_BUT_NUL.search(value)
        if found is not None:
            position = found.start()
            raise ValidationError(
                _(
                    "This text holds a control character (%(char)s) at position "
                    "%(position)s: remove it."
                ),
                code=self.code,
                params={"char": codepoint(value[position]), "position": position + 1},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ControlCharacterValidator)

    def __hash__(self) -> int:
        return hash(type(self))


def install_form_validator() -> None:
    """Every `forms.CharField` (and the fields built on it: the project's forms, model forms,
    the admin) refuses control characters: Django's own validator refuses only NUL."""
    validators = list(forms.CharField.default_validators)
    if not any(isinstance(v, ControlCharacterValidator) for v in validators):
        forms.CharField.default_validators = [*validators, ControlCharacterValidator()]
