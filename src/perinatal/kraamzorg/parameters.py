"""Kraamzorg's dated parameters (`data/parameters.yaml`): the social tariff's bands (engine:
`core/parameters.py`)."""

from perinatal.core.parameters import ParameterFile

PARAMETERS = ParameterFile.beside(__file__)
all_parameters = PARAMETERS.all
parameter = PARAMETERS.value
