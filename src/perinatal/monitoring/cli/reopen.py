"""`perinatal monitoring reopen --year Y --reason TEXT [--as-user EMAIL]`: make a final work
year provisional again (the reason is logged)."""

from django.utils.translation import gettext as _

from ..services import work_year_reopen
from ..submissions.errors import SubmissionRefused
from ._common import acting_user, add_as_user_argument, refused

HELP = "Reopen a final work year for corrections, with a reason (logged)."


def add_arguments(parser) -> None:
    parser.add_argument("--year", type=int, required=True, help="the work year")
    parser.add_argument("--reason", required=True, help="why the year is reopened")
    add_as_user_argument(parser)


def run(options, out) -> None:
    try:
        work_year = work_year_reopen(
            year=options["year"], by=acting_user(options["as_user"]), reason=options["reason"]
        )
    except SubmissionRefused as exc:
        raise refused(exc) from None
    out.write(_("The work year %(year)s is provisional again.") % {"year": work_year.year})
