"""How the Kindboekje's monitoring tables order and name their rows: the fixed order and names
of the regions, channels and statuses, and the filter on one region. The tables themselves
are the monitoring's (`monitoring.figures`: `Column`, `Table`, `Period`)."""

from typing import TYPE_CHECKING, TypeVar

from django.db.models import Manager, Model, QuerySet

from perinatal.core.geography import AREAS, FLEMISH_REPORT_ORDER, area_by_code

from ..constants import Channel, OrderStatus

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

M = TypeVar("M", bound=Model)

# The regions in the fixed order of the reports, then any other area a family lives in.
REGION_ORDER = [a.nis for a in FLEMISH_REPORT_ORDER] + [
    a.nis for a in AREAS if a not in FLEMISH_REPORT_ORDER
]
CHANNEL_ORDER = list(Channel.values)
STATUS_ORDER = list(OrderStatus.values)


def region_rank(nis: str) -> int:
    return REGION_ORDER.index(nis) if nis in REGION_ORDER else len(REGION_ORDER)


def region_name(nis: str) -> str:
    area = area_by_code(nis)
    return area.name if area else nis


def channel_name(value: str) -> "StrOrPromise":
    return Channel(value).label if value in Channel.values else value


def rank(values: list[str], value: str) -> int:
    return values.index(value) if value in values else len(values)


def in_area(
    queryset: QuerySet[M] | Manager[M], area: str | None, field: str = "area_nis"
) -> QuerySet[M] | Manager[M]:
    return queryset.filter(**{field: area}) if area else queryset
