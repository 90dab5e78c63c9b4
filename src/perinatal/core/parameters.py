"""Dated parameters: every limit, period and date of a rule, with its source, as data.

Each app keeps its rules' values in `data/parameters.yaml` beside its package and reads them
through one `ParameterFile`:

    PARAMETERS = ParameterFile.beside(__file__)
    PARAMETERS.value("ppa.max_sessions", on=date(2025, 1, 1))   # the value in force that day
    PARAMETERS.first_value("programme.billable_from")            # what came in force first

A change of rule is a change of data, and the rule in force on any date can be shown
(`/nl/rules/`). The file format:

    name:
      description: what it is
      source: the seed or decision it comes from
      reading: where the source does not say it outright, the choice or inference made and the
               decision record that explains it (optional; the rules page shows it)
      values:
        - {from: 2024-01-01, value: 3}

A text (description, source, reading) is either one English string or one per language,
`{en: …, nl: …, fr: …}`; the rules page shows it in the page's language (`Parameter.text`,
falling back to English). A quotation of a source stays in the source's language in every
translation.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from django.utils.translation import get_language
from django.utils.translation import gettext as _


class UnknownParameter(LookupError):
    """No parameter of that name in the file."""


class NotInForce(LookupError):
    """The parameter has no value yet on that day (before its first `from`): `name`, the
    `day` asked and the `first` day it is in force. The API answers it 422 `not_in_force`
    (api/errors.py) with `message()`, which names the first day."""

    def __init__(self, name: str, day: date, first: date) -> None:
        super().__init__(f"{name} is not in force on {day.isoformat()} (from {first.isoformat()})")
        self.name = name
        self.day = day
        self.first = first

    def message(self) -> str:
        return str(
            _(
                "The date %(date)s is before the first date of the rule %(rule)s, which "
                "applies from %(first)s: give a date on or after it."
            )
            % {
                "date": _day(self.day),
                "rule": self.name,
                "first": _day(self.first),
            }
        )


def _day(day: date) -> str:
    """DD/MM/YYYY, also for a year before 1000 (strftime would not pad it)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


@dataclass(frozen=True)
class Value:
    valid_from: date
    value: Any


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    source: str
    values: tuple[Value, ...]  # oldest first
    reading: str = ""  # a choice or inference where the source is silent (see the docstring)
    # The texts in other languages: {"nl": {"description": …, "source": …, "reading": …}}.
    translations: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)

    def text(self, field_name: str, language: str | None = None) -> str:
        """`description`, `source` or `reading` in `language` (the active one by default), or
        in English where the file gives no translation."""
        language = (language or get_language() or "en").split("-")[0]
        translated = self.translations.get(language, {}).get(field_name)
        return translated or str(getattr(self, field_name))

    @property
    def description_shown(self) -> str:
        return self.text("description")

    @property
    def source_shown(self) -> str:
        return self.text("source")

    @property
    def reading_shown(self) -> str:
        return self.text("reading")

    def on(self, day: date) -> Any:
        current = [v for v in self.values if v.valid_from <= day]
        if not current:
            raise NotInForce(self.name, day, self.values[0].valid_from)
        return current[-1].value


def read_parameters(path: Path) -> dict[str, Parameter]:
    """The parameters of one YAML file; a parameter without a source or a value is refused."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    parameters = {}
    for name, spec in raw.items():
        values = sorted(
            (Value(v["from"], v["value"]) for v in spec["values"]), key=lambda v: v.valid_from
        )
        if not values or not spec.get("source"):
            raise ValueError(f"parameter {name} needs a source and at least one value")
        texts = {key: _texts(name, key, spec.get(key, "")) for key in TEXTS}
        translations: dict[str, dict[str, str]] = {}
        for key, by_language in texts.items():
            for language, text in by_language.items():
                if language != "en":
                    translations.setdefault(language, {})[key] = text
        parameters[name] = Parameter(
            name,
            texts["description"].get("en", ""),
            texts["source"].get("en", ""),
            tuple(values),
            reading=texts["reading"].get("en", ""),
            translations=translations,
        )
    return parameters


TEXTS = ("description", "source", "reading")


def _texts(name: str, key: str, raw: Any) -> dict[str, str]:
    """One text of a parameter by language: a plain string is English."""
    if isinstance(raw, str):
        return {"en": raw} if raw else {}
    if isinstance(raw, dict) and all(isinstance(v, str) for v in raw.values()) and "en" in raw:
        return {str(language): text for language, text in raw.items()}
    raise ValueError(f"parameter {name}: {key} must be a text or {{en: …, nl: …, fr: …}}")


class ParameterFile:
    """One app's `data/parameters.yaml`, read once on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._parameters: dict[str, Parameter] | None = None

    @classmethod
    def beside(cls, module_file: str) -> "ParameterFile":
        """The file `data/parameters.yaml` in the folder of the module `module_file`."""
        return cls(Path(module_file).parent / "data" / "parameters.yaml")

    def all(self) -> dict[str, Parameter]:
        if self._parameters is None:
            self._parameters = read_parameters(self.path)
        return self._parameters

    def get(self, name: str) -> Parameter:
        try:
            return self.all()[name]
        except KeyError as exc:
            raise UnknownParameter(name) from exc

    def value(self, name: str, *, on: date) -> Any:
        """The value in force on `on` (`NotInForce` before the first)."""
        return self.get(name).on(on)

    def first_value(self, name: str) -> Any:
        """The oldest value (what came in force first)."""
        return self.get(name).values[0].value
