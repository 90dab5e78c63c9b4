"""The monitoring's dated parameters (`data/parameters.yaml`, engine: `core/parameters.py`):
the submission deadline and the limits of a dossier's hours, per work year."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from perinatal.core.parameters import ParameterFile

PARAMETERS = ParameterFile.beside(__file__)
all_parameters = PARAMETERS.all
parameter = PARAMETERS.value


def year_parameter(name: str, year: int) -> Any:
    """A parameter as in force on the last day of the work year."""
    return parameter(name, on=date(year, 12, 31))


def submission_deadline(year: int) -> date:
    """The last day to send a work year's data: 30 April of the next year (seed 004)."""
    value = year_parameter("monitoring.submission_deadline", year)
    return date(year + 1, int(value["month"]), int(value["day"]))


def end_of_day(day: date) -> datetime:
    """The first moment after `day` in Brussels: "on or before that day" is `< end_of_day`."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def is_late(year: int, received_at: datetime) -> bool:
    return received_at >= end_of_day(submission_deadline(year))


def max_hours(year: int) -> Decimal:
    return Decimal(str(year_parameter("monitoring.max_hours_per_dossier", year)))


def hours_decimal_places(year: int) -> int:
    return int(year_parameter("monitoring.hours_decimal_places", year))
