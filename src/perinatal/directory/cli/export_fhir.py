"""`perinatal directory export-fhir FILE`: write the directory as a FHIR R5 Bundle."""

from argparse import ArgumentParser
from pathlib import Path
from typing import TextIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..fhir import export_fhir

HELP = gettext_lazy(
    "Write the directory as a FHIR R5 Bundle (collection) of Organization, Location and "
    "HealthcareService resources to FILE."
)


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help=_("JSON file to write"))


def run(options: dict, out: TextIO) -> None:
    path: Path = options["file"]
    counts = export_fhir(path)
    out.write(_("Wrote %(path)s:") % {"path": path} + "\n")
    for name, count in sorted(counts.items()):
        out.write(f"  {name}: {count}\n")
