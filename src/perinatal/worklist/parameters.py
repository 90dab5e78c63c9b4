"""The work lists' dated parameters (`data/parameters.yaml`; engine: `core/parameters.py`)."""

from perinatal.core.parameters import ParameterFile

PARAMETERS = ParameterFile.beside(__file__)
parameter = PARAMETERS.value
