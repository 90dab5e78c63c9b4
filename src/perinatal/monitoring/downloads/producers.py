"""The files that can be made in the background: each app registers a `ReportProducer` under a
key in `report_producers` from its `AppConfig.ready()`; a job names the producer by key and
holds its parameters as JSON, so the worker makes the same file the web request would.

`prepare(params)` does what the page needs to decide (the figures, counted by the database:
a year without figures raises here, in the request) and answers a `PreparedReport`: the file
name and content type, an `Estimate` of the work left, and `render()` for the bytes. The
web request renders a small file at once; otherwise the worker prepares again and renders
(it counts the figures a second time: the parameters, not the figures, cross to the worker).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from perinatal.core.registry import Registry

Params = dict[str, Any]


@dataclass(frozen=True)
class Estimate:
    """The work of writing a file: the cells laid out in a spreadsheet or a PDF's tables
    (`cells`), the cells of a CSV (`csv_cells`, some fifty times cheaper each) and the
    charts it draws."""

    cells: int = 0
    csv_cells: int = 0
    charts: int = 0

    @classmethod
    def of_table(cls, fmt: str, cells: int, charts: int = 0) -> "Estimate":
        """`cells` counted as a CSV's when `fmt` is csv, else as laid-out cells."""
        if fmt == "csv":
            return cls(csv_cells=cells, charts=charts)
        return cls(cells=cells, charts=charts)


@dataclass(frozen=True)
class PreparedReport:
    name: str
    content_type: str
    estimate: Estimate
    render: Callable[[], bytes]


@dataclass(frozen=True)
class ReportProducer:
    """`label`: what the file is, for the job's page ("Kraamzorg report"); `allowed(user)`:
    who may have the file, checked again when the finished file is fetched."""

    key: str
    label: str | Promise
    prepare: Callable[[Params], PreparedReport]
    allowed: Callable[[Any], bool]


report_producers: Registry[ReportProducer] = Registry("report producers")


def register_producer(producer: ReportProducer) -> ReportProducer:
    return report_producers.register(producer.key, producer)
