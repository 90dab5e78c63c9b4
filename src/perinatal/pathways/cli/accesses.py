"""`perinatal families accesses PUBLIC_ID --by USERNAME [--format csv|json]`: who looked at
or changed the family's record, newest first — the list a family can be given. Reading the
log is itself logged (basis `audit`)."""

import csv
import io
import json

from django.db import transaction

from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.audit.services import access_record

from ..services.retention import access_rows
from ._common import add_by_argument, administrator, pregnancy

HELP = "List who accessed a family's record (csv or json), for the family (administrator)."
COLUMNS = (
    "at",
    "user",
    "role",
    "organisation",
    "on_behalf_of",
    "action",
    "record_type",
    "purpose",
    "basis",
    "reason",
)


def add_arguments(parser) -> None:
    parser.add_argument("public_id", metavar="PUBLIC_ID", help="the id of the family record")
    add_by_argument(parser)
    parser.add_argument("--format", choices=("csv", "json"), default="csv", help="output format")


@transaction.atomic
def run(options, out) -> None:
    user = administrator(options["by"])
    found = pregnancy(options["public_id"], pseudonymised=True)
    access_record(
        actor=user,
        action=AccessAction.EXPORT,
        record_type="audit.accessevent",
        record_id=str(found.public_id),
        subject=str(found.public_id),
        purpose="list of accesses for the family",
        basis=AccessBasis.AUDIT,
    )
    rows = access_rows(found)
    if options["format"] == "json":
        out.write(
            json.dumps(
                {"record": str(found.public_id), "count": len(rows), "accesses": rows},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    out.write(buffer.getvalue(), ending="")
