"""`perinatal families load-catalogue`: store the screening catalogue versions of
pathways/data/screening_catalogue.yaml not yet stored (an administrator's edits stay)."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from .. import catalogue

HELP = "Load the screening catalogue versions from the data file that are not stored yet."


def add_arguments(parser) -> None:
    pass


def run(options, out) -> None:
    try:
        added = catalogue.load()
    except catalogue.CatalogueError as exc:
        raise CommandError(_("The catalogue file is refused: %(error)s") % {"error": exc}) from exc
    out.write(_("%(count)d catalogue versions added.") % {"count": added})
