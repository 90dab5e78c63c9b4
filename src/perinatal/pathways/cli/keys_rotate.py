"""`perinatal keys rotate [--dry-run] [--batch-size N]`: re-encrypt every stored national
number under the newest key, the first of NATIONAL_NUMBER_ENCRYPTION_KEYS
(services/key_rotation.py). Resumable: a rerun touches only what is not yet under it. A
progress bar on a terminal, one JSON log line per batch, a summary at the end."""

import sys

from tqdm import tqdm

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from perinatal.core.key_rotation import BATCH_SIZE, ColumnRotation, UnreadableValue

from ..services.key_rotation import national_numbers_rotate

HELP = (
    "Re-encrypt every stored national number under the newest key (the first of "
    "NATIONAL_NUMBER_ENCRYPTION_KEYS), in batches; a rerun touches only what is not yet "
    "under it. With --dry-run, only count."
)


def add_arguments(parser) -> None:
    parser.add_argument("--dry-run", action="store_true", help="change nothing, only count")
    parser.add_argument(
        "--batch-size",
        type=int,
        default=BATCH_SIZE,
        help=f"rows per transaction (default {BATCH_SIZE})",
    )


class _Bars:
    """One progress bar per column on a terminal (stderr), none otherwise."""

    def __init__(self) -> None:
        self.bars: dict[str, tqdm] = {}

    def __call__(self, result: ColumnRotation) -> None:
        bar = self.bars.get(result.column)
        if bar is None:
            bar = self.bars[result.column] = tqdm(
                total=result.rows,
                desc=result.column,
                unit="rows",
                file=sys.stderr,
                disable=not sys.stderr.isatty(),
                leave=False,
            )
        bar.update(result.checked - bar.n)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def _count(value: int) -> str:
    """12,345 / 12.345 / 12 345: grouped as the active language writes numbers."""
    return number_format(value, force_grouping=True)


def _figures(results: list[ColumnRotation]) -> dict[str, str]:
    return {
        "re_encrypted": _count(sum(r.re_encrypted for r in results)),
        "current": _count(sum(r.already_current for r in results)),
        "unreadable": _count(sum(r.unreadable for r in results)),
    }


def run(options, out) -> None:
    batch_size = int(options["batch_size"])
    if batch_size < 1:
        raise CommandError(_("--batch-size must be at least 1."))
    dry_run = bool(options["dry_run"])
    bars = _Bars()
    try:
        results = national_numbers_rotate(
            keys=list(settings.NATIONAL_NUMBER_ENCRYPTION_KEYS),
            batch_size=batch_size,
            dry_run=dry_run,
            progress=bars,
        )
    except UnreadableValue as exc:
        bars.close()
        raise CommandError(
            _("%(reason)s Re-encrypted before it: %(re_encrypted)s.")
            % {"reason": exc, **_figures(exc.results)}
        ) from exc
    bars.close()
    for r in results:
        line = (
            _(
                "%(column)s: %(re_encrypted)s to re-encrypt, %(current)s already current, "
                "%(unreadable)s unreadable"
            )
            if dry_run
            else _("%(column)s: %(re_encrypted)s re-encrypted, %(current)s already current")
        )
        out.write(line % {"column": r.column, **_figures([r])})
    if dry_run:
        out.write(
            _(
                "Dry run: %(re_encrypted)s to re-encrypt, %(current)s already current, "
                "%(unreadable)s unreadable with the configured keys. Nothing was changed."
            )
            % _figures(results)
        )
    else:
        out.write(
            _("%(re_encrypted)s re-encrypted, %(current)s already current.") % _figures(results)
        )
