"""Writing the change log. Callers run inside their own transaction, so the change and
its log row are stored together or not at all."""

from collections.abc import Iterable, Mapping
from typing import Any, NotRequired, TypedDict, Unpack

from django.db import models, router

from .access_insert import COLUMNS, insert_rows
from .models import (
    AccessAction,
    AccessBasis,
    AccessEvent,
    AccessOutcome,
    ChangeAction,
    ChangeEvent,
    RefusalReason,
)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields` on `instance`, as JSON-friendly values."""
    return {name: _jsonable(getattr(instance, name)) for name in fields}


EMPTY = (None, "")


def _same(old: Any, new: Any) -> bool:
    # An empty text stored as NULL or as "" is the same to a reader.
    return old == new or (old in EMPTY and new in EMPTY)


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for every field whose value differs."""
    keys = list(dict.fromkeys([*before, *after]))
    return {
        k: [before.get(k), after.get(k)] for k in keys if not _same(before.get(k), after.get(k))
    }


def _actor_snapshot(actor: Any) -> dict[str, Any]:
    """Who acted, as stored on a log row: the account (if any) and copies of its name, role
    and organisation, so the row stays readable when the account changes or is removed."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    organisation = getattr(actor, "organisation", None) if is_user else None
    return {
        "actor": actor if is_user else None,
        "actor_username": actor.get_username() if is_user else "",
        "actor_role": getattr(actor, "role", "") if is_user else "",
        "actor_organisation": str(organisation) if organisation else "",
    }


def _organisation_of(actor: Any) -> tuple[Any, bool]:
    """The actor's organisation as the access log's INSERT takes it, and whether it is the
    organisation's id (read by the INSERT itself, one statement fewer than loading the
    organisation first; the name stored is the one of the moment of the access either way)
    rather than its name (when the account already holds its organisation)."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    field = actor._meta.get_field("organisation") if is_user else None
    if field is None or field.is_cached(actor) or actor.organisation_id is None:
        return _actor_snapshot(actor)["actor_organisation"], False
    return actor.organisation_id, True


def _actor_values(actor: Any, organisation: Any) -> tuple[Any, str, str, Any]:
    """actor_id, actor_username, actor_role, actor_organisation of a log row."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, "", "", organisation
    return actor.pk, actor.get_username(), getattr(actor, "role", ""), organisation


def change_record(
    *,
    actor: Any,
    action: ChangeAction | str,
    instance: models.Model,
    changes: Mapping[str, list[Any]] | None = None,
    reason: str = "",
) -> ChangeEvent:
    """Append one row to the change log for `instance`."""
    return change_record_of(
        actor=actor,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance),
        changes=changes,
        reason=reason,
    )


def change_record_of(
    *,
    actor: Any,
    action: ChangeAction | str,
    object_type: str,
    object_id: str,
    object_repr: str = "",
    changes: Mapping[str, list[Any]] | None = None,
    reason: str = "",
) -> ChangeEvent:
    """Append one row to the change log for what is not one model instance (a change over
    many rows, such as the national numbers re-encrypted under a new key)."""
    return ChangeEvent.objects.create(
        **_actor_snapshot(actor),
        action=str(action),
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:300],
        changes=dict(changes or {}),
        reason=reason,
    )


class AccessRow(TypedDict):
    """What a caller says of one access (the row adds the time and the request's id and
    address): who, what, which record of whom, why and on which basis."""

    actor: Any
    action: AccessAction | str
    record_type: str
    record_id: NotRequired[str]
    subject: NotRequired[str]
    purpose: str
    basis: AccessBasis | str
    reason: NotRequired[str]
    on_behalf_of: NotRequired[str]
    request: NotRequired[Any]
    refusal: NotRequired[RefusalReason | str]


def access_row(**row: Unpack[AccessRow]) -> tuple[dict[str, Any], bool]:
    """One access-log row's values (by `COLUMNS`), and whether its organisation is the
    actor's organisation's id (the INSERT reads the name) rather than the name itself."""
    request, refusal = row.get("request"), row.get("refusal", "")
    meta = getattr(request, "META", {}) if request is not None else {}
    organisation, by_id = _organisation_of(row["actor"])
    values = dict(
        zip(
            COLUMNS,
            (
                *_actor_values(row["actor"], organisation),
                row.get("on_behalf_of", ""),
                str(row.get("subject", "")),
                row["record_type"],
                str(row.get("record_id", "")),
                str(row["action"]),
                row["purpose"],
                str(row["basis"]),
                row.get("reason", "").strip(),
                AccessOutcome.REFUSED if refusal else AccessOutcome.GRANTED,
                str(refusal),
                getattr(request, "request_id", "") if request is not None else "",
                meta.get("REMOTE_ADDR") or None,
            ),
            strict=True,
        )
    )
    return values, by_id


def access_record(**row: Unpack[AccessRow]) -> AccessEvent:
    """Append one row to the access log (the arguments of `access_row`). Call it inside the
    transaction of the read or write it records, so that an access that happened is never
    missing from the log. With a `refusal` reason the row records a refused attempt (outcome
    `refused`): write it outside the refused request's transaction (`audit/refusals.py`), or
    it is rolled back with it."""
    values, by_id = access_row(**row)
    pk, at = insert_rows([tuple(values.values())], organisation_by_id=by_id)
    event = AccessEvent(id=pk, at=at, **values)
    event._state.adding = False
    event._state.db = router.db_for_write(AccessEvent)
    if by_id:  # the INSERT took the name: read on access, if ever
        del event.__dict__["actor_organisation"]
    return event


def access_records(
    *,
    actor: Any,
    records: Iterable[tuple[str, str]],
    action: AccessAction | str,
    record_type: str,
    purpose: str,
    basis: AccessBasis | str,
    reason: str = "",
    request: Any = None,
) -> int:
    """Append one access-log row per `(record_id, subject)` in `records`, in one statement: a
    list that shows many families logs each of them. Call it inside the read's transaction."""
    return access_records_of(
        actor=actor,
        records=((record_type, record_id, subject, basis) for record_id, subject in records),
        action=action,
        purpose=purpose,
        reason=reason,
        request=request,
    )


def access_records_of(
    *,
    actor: Any,
    records: Iterable[tuple[str, Any, Any, AccessBasis | str]],
    action: AccessAction | str,
    purpose: str,
    reason: str = "",
    request: Any = None,
) -> int:
    """Append one access-log row per `(record_type, record_id, subject, basis)` in `records`
    (a page that shows records of several kinds, each on its basis), in one statement on
    PostgreSQL. Call it inside the read's transaction."""
    meta = getattr(request, "META", {}) if request is not None else {}
    actor_values = _actor_values(actor, _actor_snapshot(actor)["actor_organisation"])
    request_id = getattr(request, "request_id", "") if request is not None else ""
    address = meta.get("REMOTE_ADDR") or None
    action, reason = str(action), reason.strip()
    rows = [
        (
            *actor_values,
            "",
            str(subject),
            record_type,
            str(record_id),
            action,
            purpose,
            str(basis),
            reason,
            AccessOutcome.GRANTED,
            "",
            request_id,
            address,
        )
        for record_type, record_id, subject, basis in records
    ]
    insert_rows(rows)
    return len(rows)
