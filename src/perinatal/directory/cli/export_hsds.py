"""`perinatal directory export-hsds DIR`: write the directory as Open Referral HSDS 3.0 JSON."""

from argparse import ArgumentParser
from pathlib import Path
from typing import TextIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..hsds.dump import export_directory

HELP = gettext_lazy(
    "Write the directory as HSDS 3.0 JSON files (organizations, services, "
    "service_at_locations, taxonomy_terms) into DIR."
)


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("dir", type=Path, help=_("folder to write the files into"))
    parser.add_argument(
        "--lang",
        choices=("nl", "fr", "en"),
        default=None,
        help=_("language of the main text (default: Dutch); the others become attributes"),
    )


def run(options: dict, out: TextIO) -> None:
    directory: Path = options["dir"]
    counts = export_directory(directory, lang=options.get("lang"))
    for name, count in counts.items():
        line = _("%(file)s: %(count)d records") % {"file": directory / name, "count": count}
        out.write(line + "\n")
