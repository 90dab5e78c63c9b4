"""The dated parameters of the parents' timeline (`data/parameters.yaml`; engine:
`core/parameters.py`): ONE's consultations and when to ask for kraamzorg."""

from perinatal.core.parameters import ParameterFile

PARAMETERS = ParameterFile.beside(__file__)
parameter = PARAMETERS.value
