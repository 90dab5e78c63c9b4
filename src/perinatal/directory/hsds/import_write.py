"""Writing a checked HSDS batch to the directory (see `importer`), inside its transaction.

`write_items(items, lang, summary, reason=…)` creates or updates every entry in `WRITE_ORDER`
(a referenced entry before the one that refers to it), with a change-log row per created,
updated or deleted entry, then removes the children (`CHILDREN`) of an imported entry that the
batch no longer lists.
"""

import uuid
from typing import Any

from django.db.models import Model

from perinatal.audit.models import ChangeAction
from perinatal.audit.services import change_record, diff, snapshot

from ..models import TaxonomyTerm
from . import vocabulary as v
from .fields import MODELS, SPECS, TEXT, column
from .import_check import Item, Summary

WRITE_ORDER = (
    "taxonomy_term",
    "organization",
    "location",
    "address",
    "service",
    "service_area",
    "service_at_location",
    "contact",
    "phone",
    "schedule",
    "cost_option",
    "language",
)
# Children replaced as a whole when their owner is imported: (kind, owner kind, owner field).
CHILDREN = (
    ("address", "location", "location_id"),
    ("phone", "service", "service_id"),
    ("phone", "location", "location_id"),
    ("phone", "organization", "organization_id"),
    ("phone", "contact", "contact_id"),
    ("contact", "service", "service_id"),
    ("contact", "organization", "organization_id"),
    ("schedule", "service", "service_id"),
    ("schedule", "location", "location_id"),
    ("cost_option", "service", "service_id"),
    ("language", "service", "service_id"),
    ("service_area", "service", "service_id"),
    ("service_at_location", "service", "service_id"),
)
# Children found by what they are rather than by id: (kind) -> their identifying fields.
NATURAL_KEYS = {"language": ("service_id", "code"), "service_area": ("service_id", "nis")}


def write_items(items, lang: str, summary: Summary, *, reason: str) -> None:
    term_pks: dict[uuid.UUID, uuid.UUID] = {}
    for kind in WRITE_ORDER:
        for item in items.get(kind, {}).values():
            if kind == "taxonomy_term" and item.values["taxonomy"] in v.VIRTUAL_TAXONOMIES:
                continue
            values = dict(item.values)
            values.update({name: ref for name, ref in item.refs.items() if name != "parent_id"})
            if kind in v.TRANSLATED and not item.translated:
                pass  # keep the other languages as they are
            elif kind in v.TRANSLATED:
                for field_name in v.TRANSLATED[kind]:
                    for code in v.other_languages(lang):
                        values.setdefault(f"{field_name}_{code}", "")
            for field_name, default in _defaults(kind, lang).items():
                values.setdefault(field_name, default)
            for field_name in item.fallbacks:
                values[f"{field_name}_{lang}"] = ""
            obj = _save(kind, item.id, values, summary, reason, extra=_m2m(item, term_pks))
            if kind == "taxonomy_term":
                term_pks[item.id] = obj.pk
            if kind == "service":
                summary.service_ids.append(obj.pk)
    for item in items.get("taxonomy_term", {}).values():
        parent = item.refs.get("parent_id")
        if item.id in term_pks and parent:
            TaxonomyTerm.objects.filter(pk=term_pks[item.id]).update(
                parent_id=term_pks.get(parent, parent)
            )
    _remove_stale_children(items, summary, reason)


def _defaults(kind: str, lang: str) -> dict[str, Any]:
    """What a field an HSDS record leaves out becomes: absent means empty (or our default)."""
    model = MODELS[kind]
    result = {}
    for model_field, kind_of_value in SPECS[kind].values():
        if not model_field:
            continue  # read, but not a column (a service area's name)
        if kind_of_value == TEXT:
            result[f"{model_field}_{lang}"] = ""
        else:
            result[model_field] = column(model, model_field).get_default()
    return result


def _m2m(item: Item, term_pks: dict[uuid.UUID, uuid.UUID]) -> dict[str, list[uuid.UUID]] | None:
    if item.kind != "service":
        return None
    return {
        "phases": [term_pks.get(t, t) for t in item.phases],
        "needs": [term_pks.get(t, t) for t in item.needs],
    }


def _find(kind: str, pk: uuid.UUID, values: dict[str, Any]) -> Model | None:
    model = MODELS[kind]
    if kind in NATURAL_KEYS:
        return model._default_manager.filter(
            **{name: values[name] for name in NATURAL_KEYS[kind]}
        ).first()
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None and kind == "taxonomy_term":
        obj = model._default_manager.filter(
            taxonomy=values["taxonomy"], code=values["code"]
        ).first()
    return obj


def _save(kind, pk, values, summary, reason, *, extra=None) -> Model:
    model = MODELS[kind]
    obj = _find(kind, pk, values)
    names = list(values)
    before = snapshot(obj, names) if obj else {}
    for name, value in before.items():
        if value is None and values[name] == "":
            values[name] = None  # an empty text stored as NULL is no change
    if obj is None:
        obj = model(**values) if kind == "language" else model(pk=pk, **values)
    else:
        for name, value in values.items():
            setattr(obj, name, value)
    changes = diff(before, snapshot(obj, names)) if before else {}
    m2m_changes = {}
    if extra:
        for name, pks in extra.items():
            old = (
                sorted(str(p) for p in getattr(obj, name).values_list("pk", flat=True))
                if before
                else []
            )
            new = sorted(str(p) for p in pks)
            if old != new:
                m2m_changes[name] = [old, new]
    if before and not changes and not m2m_changes:
        summary.unchanged[kind] += 1
        return obj
    obj.save()
    for name, pks in (extra or {}).items():
        if name in m2m_changes:
            getattr(obj, name).set(pks)
    if before:
        summary.updated[kind] += 1
        change_record(
            actor=None,
            action=ChangeAction.UPDATE,
            instance=obj,
            changes=changes | m2m_changes,
            reason=reason,
        )
    else:
        summary.created[kind] += 1
        created = {k: [None, val] for k, val in snapshot(obj, names).items()} | m2m_changes
        change_record(
            actor=None, action=ChangeAction.CREATE, instance=obj, changes=created, reason=reason
        )
    return obj


def _remove_stale_children(items, summary: Summary, reason: str) -> None:
    for kind, owner_kind, owner_field in CHILDREN:
        owners = [pk for pk, item in items.get(owner_kind, {}).items() if kind in item.given]
        if not owners:
            continue
        doomed: list[Model]
        if kind in NATURAL_KEYS:
            fields = NATURAL_KEYS[kind]
            keep = {
                tuple(i.refs.get(f) or i.values.get(f) for f in fields)
                for i in items.get(kind, {}).values()
            }
            rows = MODELS[kind]._default_manager.filter(**{f"{owner_field}__in": owners})
            doomed = [o for o in rows if tuple(getattr(o, f) for f in fields) not in keep]
        else:
            stale = MODELS[kind]._default_manager.filter(**{f"{owner_field}__in": owners})
            doomed = list(stale.exclude(pk__in=list(items.get(kind, {}))))
        for obj in doomed:
            change_record(actor=None, action=ChangeAction.DELETE, instance=obj, reason=reason)
            obj.delete()
            summary.deleted[kind] += 1
