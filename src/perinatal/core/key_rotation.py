"""Re-encrypting the stored copies of national numbers under the newest key, to retire an old
one (`perinatal keys rotate`, docs/deploy.md "Keys: backup and rotation").

Every column holding a ciphertext of `national_number.encrypt()` is registered in
`encrypted_columns` by the app that owns it, from its `AppConfig.ready()`. `rotate()` walks
each column in primary-key order, in batches, each batch its own transaction with its rows
locked: a value that the newest key (the first of NATIONAL_NUMBER_ENCRYPTION_KEYS) decrypts on
its own is already current and left alone; any other is re-encrypted with
`MultiFernet.rotate`. So a rerun, or a run after a crash, touches only the rows not yet under
the newest key. A value that no configured key decrypts stops the run with `UnreadableValue`
(its batch rolled back; the batches before it stay done, readable with the newest key). One
JSON log line per batch (logger `perinatal.keys`); never a number or a key.
"""

import logging
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction

from .national_number_keys import encryption_key_problems, fingerprint
from .registry import Registry

logger = logging.getLogger("perinatal.keys")

BATCH_SIZE = 500


@dataclass(frozen=True)
class EncryptedColumn:
    """A model field holding `national_number.encrypt()` ciphertexts ("" when none)."""

    model: str  # "app_label.ModelName"
    field: str

    @property
    def label(self) -> str:
        return f"{self.model.lower()}.{self.field}"

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)


encrypted_columns: Registry[EncryptedColumn] = Registry("encrypted national-number columns")


@dataclass
class ColumnRotation:
    """What a run did to one column; `unreadable` is counted by a dry run only."""

    column: str
    rows: int = 0
    re_encrypted: int = 0
    already_current: int = 0
    unreadable: int = 0

    @property
    def checked(self) -> int:
        return self.re_encrypted + self.already_current + self.unreadable


class UnreadableValue(Exception):
    """A stored value that no configured key decrypts: its key is missing from the list."""

    def __init__(self, column: str, pk: object, key_count: int, results: list[ColumnRotation]):
        self.column, self.pk, self.results = column, pk, results
        super().__init__(
            f"{column}, row {pk}: no key of NATIONAL_NUMBER_ENCRYPTION_KEYS ({key_count} "
            "configured) decrypts it: the key that encrypted it is missing. Add that key back "
            "after the newest one and run again; nothing in this batch was changed, and the "
            "rows re-encrypted before it are readable with the newest key."
        )


Progress = Callable[[ColumnRotation], None]


def _fernets(keys: Sequence[str]) -> tuple[Fernet, MultiFernet]:
    problems = encryption_key_problems(keys)
    if problems:
        raise ImproperlyConfigured(" ".join(problems))
    every = [Fernet(key) for key in keys]
    return every[0], MultiFernet(every)


def _rows(column: EncryptedColumn) -> "models.QuerySet[models.Model]":
    manager = column.model_class()._base_manager
    return manager.filter(**{f"{column.field}__isnull": False}).exclude(**{column.field: ""})


def _batch(
    column: EncryptedColumn,
    after: object,
    size: int,
    *,
    lock: bool,
) -> list[tuple[object, str]]:
    rows = _rows(column).order_by("pk")
    if lock:
        rows = rows.select_for_update()
    if after is not None:
        rows = rows.filter(pk__gt=after)
    return list(rows.values_list("pk", column.field)[:size])


def _rotate_column(
    column: EncryptedColumn,
    newest: Fernet,
    every: MultiFernet,
    *,
    key_count: int,
    batch_size: int,
    dry_run: bool,
    done: list[ColumnRotation],
    progress: Progress | None,
) -> ColumnRotation:
    result = ColumnRotation(column=column.label, rows=_rows(column).count())
    model = column.model_class()
    after: object = None
    number = 0
    while True:
        # Each batch its own transaction, its rows locked (a dry run writes nothing: none).
        with nullcontext() if dry_run else transaction.atomic(durable=True):
            batch = _batch(column, after, batch_size, lock=not dry_run)
            if not batch:
                break
            changed: list[models.Model] = []
            current = unreadable = 0
            for pk, value in batch:
                token = value.encode()
                try:
                    newest.decrypt(token)
                    current += 1
                    continue
                except InvalidToken:
                    pass
                try:
                    rotated = every.rotate(token).decode()
                except InvalidToken as exc:
                    if not dry_run:
                        raise UnreadableValue(column.label, pk, key_count, [*done, result]) from exc
                    unreadable += 1
                    continue
                row = model(pk=pk)
                setattr(row, column.field, rotated)
                changed.append(row)
            if changed and not dry_run:
                model._base_manager.bulk_update(changed, [column.field])
        number += 1
        after = batch[-1][0]
        result.re_encrypted += len(changed)
        result.already_current += current
        result.unreadable += unreadable
        logger.info(
            "national numbers: batch checked",
            extra={
                "column": column.label,
                "batch": number,
                "rows_in_batch": len(batch),
                "re_encrypted": len(changed),
                "already_current": current,
                "unreadable": unreadable,
                "checked": result.checked,
                "total": result.rows,
                "dry_run": dry_run,
            },
        )
        if progress is not None:
            progress(result)
    return result


def rotate(
    *,
    keys: Sequence[str],
    batch_size: int = BATCH_SIZE,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> list[ColumnRotation]:
    """Re-encrypt every registered column's values under `keys[0]` (see the module's
    docstring); with `dry_run`, only count (and count the unreadable values instead of
    stopping at the first). `progress(result)` is called after each batch."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    newest, every = _fernets(keys)
    logger.info(
        "national numbers: rotation started",
        extra={"newest_key": fingerprint(keys[0]), "keys": len(keys), "dry_run": dry_run},
    )
    done: list[ColumnRotation] = []
    for column in encrypted_columns:
        done.append(
            _rotate_column(
                column,
                newest,
                every,
                key_count=len(keys),
                batch_size=batch_size,
                dry_run=dry_run,
                done=done,
                progress=progress,
            )
        )
    logger.info(
        "national numbers: rotation finished",
        extra={
            "re_encrypted": sum(r.re_encrypted for r in done),
            "already_current": sum(r.already_current for r in done),
            "unreadable": sum(r.unreadable for r in done),
            "dry_run": dry_run,
        },
    )
    return done
