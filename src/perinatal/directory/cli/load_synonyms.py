"""`perinatal directory load-synonyms`: add the seed's search synonyms that are not listed yet
(data/synonyms.yaml; what editors changed or disabled stays as they left it)."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from ..search.services import synonyms_load
from ..search.synonyms import SEED_FILE, SeedError

HELP = "Add the seed's search synonyms not listed yet (idempotent)."


def add_arguments(parser) -> None:
    parser.add_argument("--file", type=Path, default=SEED_FILE, help="YAML file to load")


def load(path: Path, out) -> None:
    try:
        result = synonyms_load(path=path)
    except SeedError as exc:
        raise CommandError(
            _("No synonym was loaded; the file has these problems:")
            + "\n  "
            + "\n  ".join(exc.problems)
        ) from exc
    out.write(f"Search synonyms: {result.created} added, {result.unchanged} already listed.")


def run(options, out) -> None:
    load(options["file"], out)
