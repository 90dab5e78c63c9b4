"""Re-encrypting the stored national numbers under the newest key (`perinatal keys rotate`):
the core's engine over every registered column (core/key_rotation.py; the family record
registers `Person` and `Child` in pathways/apps.py), and one row in the change log for the
run — written also when the run stops at an unreadable value, for the batches it finished."""

from collections.abc import Sequence

from django.db import transaction

from perinatal.audit.models import ChangeAction, ChangeEvent
from perinatal.audit.services import change_record_of
from perinatal.core import key_rotation
from perinatal.core.key_rotation import ColumnRotation, UnreadableValue
from perinatal.core.national_number_keys import fingerprint

CHANGE_LOG_TYPE = "core.national_number_keys"


def national_numbers_rotate(
    *,
    keys: Sequence[str],
    batch_size: int = key_rotation.BATCH_SIZE,
    dry_run: bool = False,
    progress: key_rotation.Progress | None = None,
) -> list[ColumnRotation]:
    """Re-encrypt every stored national number under `keys[0]`; with `dry_run`, only count.
    Raises `UnreadableValue` when a value's key is missing from `keys`."""
    try:
        results = key_rotation.rotate(
            keys=keys, batch_size=batch_size, dry_run=dry_run, progress=progress
        )
    except UnreadableValue as exc:
        if not dry_run:
            _record(exc.results, newest_key=keys[0], complete=False)
        raise
    if not dry_run:
        _record(results, newest_key=keys[0], complete=True)
    return results


@transaction.atomic(durable=True)
def _record(
    results: list[ColumnRotation], *, newest_key: str, complete: bool
) -> ChangeEvent | None:
    """One change-log row for a run that re-encrypted anything (a run that found everything
    current changed nothing, and leaves no row)."""
    re_encrypted = sum(r.re_encrypted for r in results)
    if not re_encrypted:
        return None
    current = sum(r.already_current for r in results)
    columns = "; ".join(
        f"{r.column}: {r.re_encrypted} re-encrypted, {r.already_current} already current"
        for r in results
    )
    ending = "" if complete else " Stopped at a value no configured key decrypts."
    return change_record_of(
        actor=None,
        action=ChangeAction.UPDATE,
        object_type=CHANGE_LOG_TYPE,
        object_id=fingerprint(newest_key),
        object_repr="national numbers re-encrypted under the newest key",
        changes={
            "newest_key": [None, fingerprint(newest_key)],
            "re_encrypted": [None, re_encrypted],
            "already_current": [None, current],
        },
        reason=f"perinatal keys rotate ({columns}).{ending}",
    )
