"""Kraamzorg's dated parameters (`data/parameters.yaml`): the social tariff's bands."""

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from perinatal.pathways.parameters import Parameter, UnknownParameter, read_parameters

PARAMETERS_FILE = Path(__file__).parent / "data" / "parameters.yaml"


@cache
def all_parameters() -> dict[str, Parameter]:
    return read_parameters(PARAMETERS_FILE)


def parameter(name: str, *, on: date) -> Any:
    try:
        return all_parameters()[name].on(on)
    except KeyError as exc:
        raise UnknownParameter(name) from exc
