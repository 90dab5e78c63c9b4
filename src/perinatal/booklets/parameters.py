"""The Kindboekje's dated parameters (`data/parameters.yaml`): the procedure's steps and the
orders' limits, with their source (engine: `core/parameters.py`)."""

from typing import Any

from perinatal.core.parameters import ParameterFile

PARAMETERS = ParameterFile.beside(__file__)
all_parameters = PARAMETERS.all
parameter = PARAMETERS.value


def largest_value(name: str) -> Any:
    """The largest value a parameter ever had: the bound a database constraint holds, so that
    every period's rows fit (a new value beyond it needs a migration)."""
    return max(v.value for v in PARAMETERS.get(name).values)
