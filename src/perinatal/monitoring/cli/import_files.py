"""`perinatal monitoring import FILE… [--as-user EMAIL]`: read, check and store submission
files, in this process (the operator's), streamed as the background import reads an upload.
Every error is listed (file, line, column, value, reason) and nothing is stored when there is
one; the exit code is then 1. A progress bar is shown on a terminal."""

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from tqdm import tqdm

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..services import submissions_import
from ..submissions.errors import InvalidSubmission, SubmissionRefused
from ..submissions.inputs import StreamedFile
from ._common import acting_user, add_as_user_argument, refused

HELP = "Import submission files (CSV) of family-care services; all or nothing."


def add_arguments(parser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="CSV files, one row per dossier")
    add_as_user_argument(parser)


def _bar(**options) -> tqdm:
    return tqdm(file=sys.stderr, disable=not sys.stderr.isatty(), leave=False, **options)


class _Bar:
    """The import's progress on a bar: rows of the estimated total, and the stage."""

    def __init__(self, bar: tqdm) -> None:
        self.bar = bar

    def __call__(self, done: int, total: int | None, stage: str) -> None:
        if total is not None and total != self.bar.total:
            self.bar.total = total
        self.bar.set_description(stage, refresh=False)
        self.bar.update(done - self.bar.n)


def _opener(path: Path) -> Callable[[], BinaryIO]:
    return lambda: path.open("rb")


def run(options, out) -> None:
    user = acting_user(options["as_user"])
    now: datetime = timezone.now()
    files = []
    for name in options["files"]:
        path = Path(name)
        try:
            size = path.stat().st_size
            path.open("rb").close()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": path.name, "error": exc.strerror}
            ) from None
        files.append(StreamedFile(path.name, _opener(path), size))
    try:
        with _bar(unit=" rows", unit_scale=True) as bar:
            stored = submissions_import(files=files, by=user, now=now, progress=_Bar(bar))
    except InvalidSubmission as exc:
        out.write(_("file\tline\tcolumn\tvalue\treason"))
        for error in exc.errors:
            out.write(f"{error.file}\t{error.line}\t{error.column}\t{error.value}\t{error.reason}")
        raise CommandError(
            _("%(count)s error(s): nothing was stored.") % {"count": exc.count}
        ) from None
    except SubmissionRefused as exc:
        raise refused(exc) from None
    for item in stored:
        replaced = (
            _("replaces version %(version)s") % {"version": item.replaced_version}
            if item.replaced_version
            else _("first submission")
        )
        late = _(", late") if item.late else ""
        out.write(
            _(
                "%(service)s %(year)s: version %(version)s, %(dossiers)s dossiers "
                "(%(newborn)s newborn), %(replaced)s%(late)s"
            )
            % {
                "service": item.service_id,
                "year": item.year,
                "version": item.version,
                "dossiers": item.dossiers,
                "newborn": item.newborn_dossiers,
                "replaced": replaced,
                "late": late,
            }
        )
