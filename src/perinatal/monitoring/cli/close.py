"""`perinatal monitoring close --year Y [--as-user EMAIL]`: make a work year's figures final."""

from django.utils.translation import gettext as _

from ..services import work_year_close
from ..submissions.errors import SubmissionRefused
from ._common import acting_user, add_as_user_argument, refused

HELP = "Close a work year: its figures become final and submissions for it are refused."


def add_arguments(parser) -> None:
    parser.add_argument("--year", type=int, required=True, help="the work year")
    add_as_user_argument(parser)


def run(options, out) -> None:
    try:
        work_year = work_year_close(year=options["year"], by=acting_user(options["as_user"]))
    except SubmissionRefused as exc:
        raise refused(exc) from None
    out.write(_("The work year %(year)s is final.") % {"year": work_year.year})
