"""Dated parameters: every limit, period and date of the rules, with its source.

`parameter("ppa.max_sessions", on=date(2025, 1, 1))` gives the value in force on that day;
`parameter_history(name)` all its values. The values live in `data/parameters.yaml`, so a
change of rule is a change of data and the rule in force on any date can be shown.
"""

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PARAMETERS_FILE = Path(__file__).parent / "data" / "parameters.yaml"


class UnknownParameter(LookupError):
    pass


class NotInForce(LookupError):
    pass


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

    def on(self, day: date) -> Any:
        current = [v for v in self.values if v.valid_from <= day]
        if not current:
            raise NotInForce(f"{self.name} is not in force on {day.isoformat()}")
        return current[-1].value


def read_parameters(path: Path) -> dict[str, Parameter]:
    """The parameters of one YAML file (other apps keep their own file in this format)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    parameters = {}
    for name, spec in raw.items():
        values = sorted(
            (Value(v["from"], v["value"]) for v in spec["values"]), key=lambda v: v.valid_from
        )
        if not values or not spec.get("source"):
            raise ValueError(f"parameter {name} needs a source and at least one value")
        parameters[name] = Parameter(
            name, spec.get("description", ""), spec["source"], tuple(values)
        )
    return parameters


@cache
def all_parameters() -> dict[str, Parameter]:
    return read_parameters(PARAMETERS_FILE)


def parameter(name: str, *, on: date) -> Any:
    try:
        return all_parameters()[name].on(on)
    except KeyError as exc:
        raise UnknownParameter(name) from exc


def first_value(name: str) -> Any:
    """The oldest value of a parameter (what came in force first)."""
    try:
        return all_parameters()[name].values[0].value
    except KeyError as exc:
        raise UnknownParameter(name) from exc
