"""`perinatal directory import-hsds PATH`: read HSDS 3.0 JSON or CSV into the directory.

Everything is checked first; a single broken record refuses the whole import.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import TextIO

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..hsds.importer import Summary, import_path
from ..hsds.reader import ImportRefused

HELP = gettext_lazy(
    "Import HSDS 3.0 data: a JSON file, a folder of JSON files or a folder of HSDS CSV "
    "tables. Nothing is stored when one record is wrong."
)


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("path", type=Path, help=_("JSON file, or folder of JSON or CSV files"))
    parser.add_argument(
        "--lang",
        choices=("nl", "fr", "en"),
        default=None,
        help=_("language of the main text in the files (default: Dutch)"),
    )


def run(options: dict, out: TextIO) -> None:
    try:
        summary = import_path(options["path"], lang=options.get("lang"))
    except ImportRefused as exc:
        raise CommandError(
            _("Import refused, nothing was stored:") + "\n" + "\n".join(exc.errors)
        ) from exc
    except OSError as exc:  # a file that cannot be read: said, not a traceback
        raise CommandError(
            _("%(path)s cannot be read: %(reason)s")
            % {"path": exc.filename or options["path"], "reason": exc.strerror or exc}
        ) from exc
    for line in summary_lines(summary):
        out.write(line + "\n")


def summary_lines(summary: Summary) -> list[str]:
    def counts(counter) -> str:
        return ", ".join(f"{kind} {n}" for kind, n in sorted(counter.items())) or "-"

    lines = [
        _("Imported from: %(files)s") % {"files": ", ".join(summary.files)},
        _("Created: %(counts)s") % {"counts": counts(summary.created)},
        _("Updated: %(counts)s") % {"counts": counts(summary.updated)},
        _("Unchanged: %(counts)s") % {"counts": counts(summary.unchanged)},
        _("Removed: %(counts)s") % {"counts": counts(summary.deleted)},
        _("Ignored fields (unknown, deprecated or not kept): %(total)d (%(counts)s)")
        % {"total": sum(summary.ignored_fields.values()), "counts": counts(summary.ignored_fields)},
        _("Skipped: %(counts)s") % {"counts": counts(summary.skipped)},
    ]
    return lines
