"""`perinatal monitoring report kraamzorg --year Y [--as-of DATE] --format json|csv`, or
`--from Y1 --to Y2` for the trend (each year with its change against the year before)."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from ..reports import NoFigures, kraamzorg_report, kraamzorg_trend, report_csv, report_json
from ._common import iso_date

HELP = "The kraamzorg report of a work year, or the trend over several years (json or csv)."


def add_arguments(parser) -> None:
    parser.add_argument("report", choices=["kraamzorg"], help="which report")
    parser.add_argument("--year", type=int, help="the work year")
    parser.add_argument("--from", dest="from_year", type=int, help="first year of a trend")
    parser.add_argument("--to", dest="to_year", type=int, help="last year of a trend")
    parser.add_argument(
        "--as-of", type=iso_date, metavar="YYYY-MM-DD", help="the figures as they stood that day"
    )
    parser.add_argument("--format", choices=("json", "csv"), default="json")


def run(options, out) -> None:
    year, first, last = options["year"], options["from_year"], options["to_year"]
    if (year is None) == (first is None and last is None):
        raise CommandError(_("Give either --year, or --from and --to."))
    if year is None and (first is None or last is None or first > last):
        raise CommandError(_("Give --from and --to, the first year not after the last."))
    try:
        if year is not None:
            data = kraamzorg_report(year, options["as_of"])
        else:
            data = kraamzorg_trend(first, last, options["as_of"])
    except NoFigures as exc:
        raise CommandError(str(exc)) from None
    if options["format"] == "csv":
        out.write(report_csv(data), ending="")
    else:
        out.write(report_json(data))
