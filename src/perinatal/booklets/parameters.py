"""The Kindboekje's dated parameters (`data/parameters.yaml`): the procedure's steps and the
orders' limits, with their source (engine: `core/parameters.py`)."""

from perinatal.core.parameters import ParameterFile

PARAMETERS = ParameterFile.beside(__file__)
all_parameters = PARAMETERS.all
parameter = PARAMETERS.value
