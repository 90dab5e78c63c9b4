"""`perinatal directory load-brussels`: load the Brussels directory of the Focus (seed 002),
and the search synonyms of data/synonyms.yaml that are not listed yet."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from ..brussels import DATA_FILE, LoadError, load, read
from ..search.synonyms import SEED_FILE
from .load_synonyms import load as load_synonyms

HELP = (
    "Load the Brussels directory and the search synonyms not listed yet "
    "(idempotent: running it twice changes nothing)."
)


def add_arguments(parser) -> None:
    parser.add_argument("--file", type=Path, default=DATA_FILE, help="YAML file to load")
    parser.add_argument(
        "--update",
        action="store_true",
        help="also overwrite existing entries with the file's values",
    )


def run(options, out) -> None:
    try:
        result = load(read(options["file"]), update=options["update"])
    except LoadError as exc:
        raise CommandError(
            _("Nothing was loaded; the file has these problems:")
            + "\n  "
            + "\n  ".join(exc.problems)
        ) from exc
    out.write(
        f"Brussels directory: {result.organizations_created} organisations and "
        f"{result.services_created} services created, {result.services_updated} services "
        f"updated, {result.unchanged} unchanged; {result.reports_filed} doubts of the source "
        "filed as reports for the editors."
    )
    load_synonyms(SEED_FILE, out)
