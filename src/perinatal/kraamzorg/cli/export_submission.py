"""`perinatal kraamzorg export-submission --service ID --year Y [--merge OTHER.csv] FILE`:
write the service's yearly submission for the monitoring (see `submission_export`). The
monitoring replaces a service's whole submission for a year: `--merge` adds the service's
other family-care dossiers from its own file in the same format, so one file holds all."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import KraamzorgOffer
from ..submission_export import ExportRefused, merge_rows, submission_csv, submission_export

HELP = "Write a kraamzorg service's yearly submission (CSV) for the monitoring."


def add_arguments(parser) -> None:
    parser.add_argument(
        "--service", required=True, metavar="ID", help="the service's recognition number"
    )
    parser.add_argument("--year", required=True, type=int, metavar="Y", help="the work year")
    parser.add_argument(
        "--merge",
        type=Path,
        metavar="OTHER",
        help="a submission file of the service's other family-care dossiers of that year, "
        "added to the output (the monitoring replaces the whole submission of a year)",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the CSV to write (new)")


def run(options, out) -> None:
    output: Path = options["file"]
    year: int = options["year"]
    today = timezone.localdate()
    if not 2000 <= year <= today.year:
        raise CommandError(
            _("The work year must lie between 2000 and %(last)s.") % {"last": today.year}
        )
    offer = (
        KraamzorgOffer.objects.select_related("service")
        .filter(service__service_id=options["service"])
        .first()
    )
    if offer is None:
        raise CommandError(
            _("No kraamzorg service with recognition number %(service)s.")
            % {"service": options["service"]}
        )
    if output.exists():
        raise CommandError(_("%(file)s exists already.") % {"file": output.name})
    if not output.parent.is_dir():
        raise CommandError(_("The folder of %(file)s does not exist.") % {"file": output.name})
    merged = None
    try:
        if options.get("merge") is not None:
            path: Path = options["merge"]
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise CommandError(
                    _("Cannot read %(file)s: %(error)s")
                    % {"file": path.name, "error": exc.strerror}
                ) from None
            merged = merge_rows(
                data, name=path.name, service_id=offer.service.service_id, year=year, today=today
            )
        export = submission_export(offer, year, merge=merged)
    except ExportRefused as exc:
        for error in exc.errors:
            out.write(f"{error.file}\t{error.line}\t{error.column}\t{error.value}\t{error.reason}")
        raise CommandError(exc.message) from None
    try:
        with output.open("x", encoding="utf-8", newline="") as handle:
            handle.write(submission_csv(offer, year, export))
    except OSError as exc:
        raise CommandError(
            _("Cannot write %(file)s: %(error)s") % {"file": output.name, "error": exc.strerror}
        ) from None
    out.write(
        _(
            "%(service)s %(year)s: %(kraamzorg)s kraamzorg dossiers and %(merged)s merged "
            "dossiers written to %(file)s."
        )
        % {
            "service": offer.service.service_id,
            "year": year,
            "kraamzorg": export.kraamzorg_dossiers,
            "merged": export.merged_dossiers,
            "file": output.name,
        }
    )
