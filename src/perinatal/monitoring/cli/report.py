"""`perinatal monitoring report kraamzorg --year Y [--as-of DATE] [--publication]
[--format json|csv|xlsx|pdf] [--output FILE]`, or `--from Y1 --to Y2` for the trend (each
year with its change against the year before).

`--publication` applies `reports.publication.for_publication` for every format, and every format says
what was withheld. A year's PDF has the charts of all years with figures. XLSX and PDF are
binary: they go to `--output FILE`, or to standard output when it is redirected (never to a
terminal). JSON and CSV go to standard output unless `--output` is given (UTF-8).
"""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from ..reports.kraamzorg import NoFigures
from ..reports.outputs import OUTPUTS, chart_history, render, report_data
from ._common import iso_date

HELP = (
    "The kraamzorg report of a work year, or the trend over several years "
    "(json, csv, xlsx or pdf; --publication for the figures safe to publish)."
)


def add_arguments(parser) -> None:
    parser.add_argument("report", choices=["kraamzorg"], help="which report")
    parser.add_argument("--year", type=int, help="the work year")
    parser.add_argument("--from", dest="from_year", type=int, help="first year of a trend")
    parser.add_argument("--to", dest="to_year", type=int, help="last year of a trend")
    parser.add_argument(
        "--as-of", type=iso_date, metavar="YYYY-MM-DD", help="the figures as they stood that day"
    )
    parser.add_argument(
        "--publication",
        action="store_true",
        help="withhold small numbers as for publication, and list what was withheld",
    )
    parser.add_argument("--format", choices=tuple(OUTPUTS), default="json")
    parser.add_argument(
        "--output",
        metavar="FILE",
        help="write to this file (needed for xlsx and pdf unless the output is redirected)",
    )


def _data(options: dict[str, Any]) -> dict[str, Any]:
    year, first, last = options["year"], options["from_year"], options["to_year"]
    if (year is None) == (first is None and last is None):
        raise CommandError(_("Give either --year, or --from and --to."))
    if year is None and (first is None or last is None or first > last):
        raise CommandError(_("Give --from and --to, the first year not after the last."))
    try:
        return report_data(
            year=year,
            first=first,
            last=last,
            as_of=options["as_of"],
            publication=options["publication"],
        )
    except NoFigures as exc:
        raise CommandError(str(exc)) from None


def _write_binary(content: bytes, out, fmt: str) -> None:
    """Bytes to standard output's buffer, unless it is a terminal (or has no buffer)."""
    buffer = getattr(out, "buffer", None)
    if buffer is None or out.isatty():
        raise CommandError(
            _(
                "The %(format)s format is binary and is not written to a terminal: give "
                "--output FILE or redirect the output to a file."
            )
            % {"format": fmt.upper()}
        )
    out.flush()
    buffer.write(content)
    buffer.flush()


def run(options, out) -> None:
    fmt = options["format"]
    data = _data(options)
    charts = None
    if fmt == "pdf" and "years" not in data:
        charts = chart_history(as_of=options["as_of"], publication=options["publication"])
    content = render(data, fmt, charts=charts)
    target = options["output"]
    if target:
        path = Path(target)
        try:
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content if content.endswith("\n") else content + "\n", "utf-8")
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": path.name, "error": exc.strerror}
            ) from None
    elif isinstance(content, bytes):
        _write_binary(content, out, fmt)
    else:
        out.write(content, ending="" if content.endswith("\n") else "\n")
