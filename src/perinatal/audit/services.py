"""Writing the change log. Callers run inside their own transaction, so the change and
its log row are stored together or not at all."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce

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


def _organisation_in_insert(actor: Any) -> Any:
    """The name of the actor's organisation as the single row's INSERT takes it: the name
    when the account already holds its organisation, else a subquery inside the INSERT
    (one statement fewer than loading the organisation first; the name is the one stored
    at the moment of the access either way)."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    field = actor._meta.get_field("organisation") if is_user else None
    if field is None or field.is_cached(actor) or actor.organisation_id is None:
        return _actor_snapshot(actor)["actor_organisation"]
    names = field.related_model.objects.filter(pk=actor.organisation_id).values("name")[:1]
    return Coalesce(Subquery(names), Value(""))


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


def access_record(
    *,
    actor: Any,
    action: AccessAction | str,
    record_type: str,
    record_id: str = "",
    subject: str = "",
    purpose: str,
    basis: AccessBasis | str,
    reason: str = "",
    on_behalf_of: str = "",
    request: Any = None,
    refusal: RefusalReason | str = "",
) -> AccessEvent:
    """Append one row to the access log. Call it inside the transaction of the read or
    write it records, so that an access that happened is never missing from the log. With a
    `refusal` reason the row records a refused attempt (outcome `refused`): write it outside
    the refused request's transaction (`audit/refusals.py`), or it is rolled back with it."""
    meta = getattr(request, "META", {}) if request is not None else {}
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    organisation = _organisation_in_insert(actor)
    event = AccessEvent.objects.create(
        actor=actor if is_user else None,
        actor_username=actor.get_username() if is_user else "",
        actor_role=getattr(actor, "role", "") if is_user else "",
        actor_organisation=organisation,
        on_behalf_of=on_behalf_of,
        subject=str(subject),
        record_type=record_type,
        record_id=str(record_id),
        action=str(action),
        purpose=purpose,
        basis=str(basis),
        reason=reason.strip(),
        outcome=AccessOutcome.REFUSED if refusal else AccessOutcome.GRANTED,
        refusal=str(refusal),
        request_id=getattr(request, "request_id", "") if request is not None else "",
        client_address=meta.get("REMOTE_ADDR") or None,
    )
    if not isinstance(organisation, str):  # taken by the INSERT: read on access, if ever
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
    meta = getattr(request, "META", {}) if request is not None else {}
    common = {
        **_actor_snapshot(actor),
        "record_type": record_type,
        "action": str(action),
        "purpose": purpose,
        "basis": str(basis),
        "reason": reason.strip(),
        "request_id": getattr(request, "request_id", "") if request is not None else "",
        "client_address": meta.get("REMOTE_ADDR") or None,
    }
    rows = [
        AccessEvent(record_id=str(record_id), subject=str(subject), **common)
        for record_id, subject in records
    ]
    AccessEvent.objects.bulk_create(rows)
    return len(rows)
