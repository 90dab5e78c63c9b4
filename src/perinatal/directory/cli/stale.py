"""`perinatal directory stale`: entries not verified for a year (the editors' work list)."""

import json

from django.conf import settings
from django.utils.translation import gettext as _

from ..language_fallback import translated
from ..selectors import services_unverified_since

HELP = "List the entries not verified by an editor for DAYS days (default: 365)."


def add_arguments(parser) -> None:
    parser.add_argument(
        "--days",
        type=int,
        default=settings.DIRECTORY_VERIFICATION_MAX_AGE_DAYS,
        help="how old a verification may be",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(options, out) -> None:
    services = services_unverified_since(max(options["days"], 0))
    rows = [
        {
            "id": str(s.id),
            "name": translated(s, "name").text,
            "organization": translated(s.organization, "name").text,
            "last_verified": s.last_verified.isoformat() if s.last_verified else None,
        }
        for s in services
    ]
    if options["json"]:
        out.write(json.dumps({"count": len(rows), "results": rows}, ensure_ascii=False))
        return
    for row in rows:
        out.write(
            f"{row['last_verified'] or _('never'):>10}  {row['name']} — {row['organization']}"
        )
    out.write(_("%(count)d entries to verify.") % {"count": len(rows)})
