"""`perinatal families export PUBLIC_ID --by USERNAME [--output FILE] [--reason TEXT]`: the
family's whole record as JSON, for an administrator acting on the family's request (logged
with the basis `retention`)."""

import json
from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from perinatal.audit.models import AccessBasis

from ..access import Grant
from ..services.retention import family_export
from ._common import add_by_argument, administrator, pregnancy

HELP = "Export a family's whole record as JSON, on the family's request (administrator)."


def add_arguments(parser) -> None:
    parser.add_argument("public_id", metavar="PUBLIC_ID", help="the id of the family record")
    add_by_argument(parser)
    parser.add_argument(
        "-o", "--output", type=Path, help="write to FILE (new) instead of the screen"
    )
    parser.add_argument(
        "--reason",
        default="request of the family",
        help="why the record is exported (written to the access log)",
    )


def run(options, out) -> None:
    user = administrator(options["by"])
    found = pregnancy(options["public_id"])
    output: Path | None = options.get("output")
    if output is not None:
        if output.exists():
            raise CommandError(_("%(file)s exists already.") % {"file": output})
        if not output.parent.is_dir():
            raise CommandError(_("The folder of %(file)s does not exist.") % {"file": output})
    reason = str(options["reason"]).strip()
    if not reason:
        raise CommandError(_("Say why the record is exported (--reason)."))
    with transaction.atomic():  # no file, no log row: an export that failed leaves nothing
        data = family_export(by=user, pregnancy=found, grant=Grant(AccessBasis.RETENTION, reason))
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if output is None:
            out.write(text)
            return
        try:
            with output.open("x", encoding="utf-8") as handle:
                handle.write(text + "\n")
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": output, "error": exc}
            ) from exc
    out.write(_("Written to %(file)s.") % {"file": output})
