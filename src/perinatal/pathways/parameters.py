"""The programme's dated parameters (`data/parameters.yaml`): every limit, period and date of
the rules of the first-1000-days programme, with its source (engine: `core/parameters.py`)."""

from perinatal.core.parameters import ParameterFile

PARAMETERS = ParameterFile.beside(__file__)
all_parameters = PARAMETERS.all
parameter = PARAMETERS.value
first_value = PARAMETERS.first_value
