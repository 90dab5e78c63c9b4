"""The Kindboekje's dated parameters (`data/parameters.yaml`, the format of the programme's
parameters): `parameter("booklets.orders.max_kindboekjes", on=day)`."""

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


def largest_value(name: str) -> Any:
    """The largest value a parameter ever had: the bound a database constraint holds, so that
    every period's rows fit (a new value beyond it needs a migration)."""
    try:
        return max(v.value for v in all_parameters()[name].values)
    except KeyError as exc:
        raise UnknownParameter(name) from exc
