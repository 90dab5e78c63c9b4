"""Checking an HSDS batch before anything is written (see `importer`).

`check_batch(batch, lang, summary)` turns every record into an `Item` (values cleaned by
`fields`, references resolved, our attributes applied) and raises `ImportRefused` with at most
`MAX_ERRORS` messages when anything is wrong: required fields, UUIDs, numbers, dates,
references, our attributes, a key that belongs to another entry.
"""

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from perinatal.core.municipalities import find_place

from ..areas import area_level
from ..constants import CostCategory, OrganizationKind
from ..models import Organization, Service, TaxonomyTerm
from ..phones import PhoneNumberProblem, phone_normalise
from . import vocabulary as v
from .fields import MODELS, REF_KIND, FieldError, clean, column
from .reader import Batch, ImportRefused, Record

MAX_ERRORS = 50
# Which owner a phone, contact or schedule is attached to when HSDS gives several.
OWNERS = {
    "phone": ("service_id", "location_id", "organization_id", "contact_id"),
    "contact": ("service_id", "organization_id"),
    "schedule": ("service_id", "location_id"),
}


@dataclass
class Item:
    kind: str
    id: uuid.UUID
    values: dict[str, Any]
    refs: dict[str, uuid.UUID]
    record: Record
    given: set[str] = field(default_factory=set)  # kinds of children listed in full
    phases: list[uuid.UUID] = field(default_factory=list)
    needs: list[uuid.UUID] = field(default_factory=list)
    translated: bool = False  # the record came with perinatal-translation attributes
    fallbacks: set[str] = field(default_factory=set)  # fields with no text in the main language


@dataclass
class Summary:
    files: list[str]
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    ignored_fields: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    service_ids: list[uuid.UUID] = field(default_factory=list)


def _message(record: Record, record_id: Any, field_name: str, problem: str) -> str:
    return _("%(file)s, %(where)s (id %(id)s), field “%(field)s”: %(problem)s") % {
        "file": record.file,
        "where": record.where,
        "id": record_id if record_id not in (None, "") else "-",
        "field": field_name,
        "problem": problem,
    }


def check_batch(batch: Batch, lang: str, summary: Summary) -> dict[str, dict[uuid.UUID, Item]]:
    errors: list[str] = []

    def fail(record: Record, record_id: Any, field_name: str, problem: str) -> None:
        errors.append(_message(record, record_id, field_name, problem))
        if len(errors) >= MAX_ERRORS:
            raise ImportRefused(errors)

    # 1. One record per (kind, id): the same object nested in several places is merged.
    merged: dict[tuple[str, str], tuple[Record, dict[str, Any]]] = {}
    for number, record in enumerate(batch.records):
        record_id = str(record.data.get("id") or "").lower()
        key = (record.kind, record_id or f"#{number}")
        first, target = merged.setdefault(key, (record, {}))
        first.given |= record.given
        for name, value in record.data.items():
            target.setdefault(name, value)

    # 2. Each record on its own.
    items: dict[str, dict[uuid.UUID, Item]] = defaultdict(dict)
    for record, data in merged.values():
        try:
            item_id, values, refs, ignored = clean(record.kind, data, lang)
        except FieldError as exc:
            fail(record, data.get("id"), exc.field, exc.problem)
            continue
        problem = _value_problem(record.kind, values)
        if problem:
            fail(record, data.get("id"), *problem)
            continue
        summary.ignored_fields.update(ignored)
        given = record.given | batch.tables
        items[record.kind][item_id] = Item(record.kind, item_id, values, refs, record, given)

    # 3. References: to a record of this import or to an entry already stored.
    known = {kind: set(found) for kind, found in items.items()}
    wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
    for kind_items in items.values():
        for item in kind_items.values():
            for name, ref in item.refs.items():
                if name in REF_KIND and ref not in known.get(REF_KIND[name], set()):
                    wanted[REF_KIND[name]].add(ref)
    for kind, ids in wanted.items():
        stored = MODELS[kind]._default_manager.filter(pk__in=ids).values_list("pk", flat=True)
        known.setdefault(kind, set()).update(stored)

    def resolves(name: str, ref: uuid.UUID) -> bool:
        return ref in known.get(REF_KIND[name], set())

    kinds = ("service", "address", "cost_option", "language", "service_at_location", "service_area")
    for kind in kinds:
        for item in list(items.get(kind, {}).values()):
            for name in ("organization_id", "service_id", "location_id"):
                owner_id = item.refs.get(name)
                if name not in _needed(kind):
                    continue
                if owner_id is None:
                    fail(item.record, item.id, name, _("required, but missing"))
                elif not resolves(name, owner_id):
                    fail(
                        item.record,
                        item.id,
                        name,
                        _("refers to an unknown id: %(id)s") % {"id": owner_id},
                    )
    for kind, owners in OWNERS.items():
        for item in list(items.get(kind, {}).values()):
            named = [name for name in owners if name in item.refs]
            found = [name for name in named if resolves(name, item.refs[name])]
            if not named:
                summary.skipped[
                    _("%(kind)s without a service, location or organisation") % {"kind": kind}
                ] += 1
                del items[kind][item.id]
            elif not found:
                name = named[0]
                fail(
                    item.record,
                    item.id,
                    name,
                    _("refers to an unknown id: %(id)s") % {"id": item.refs[name]},
                )
            else:
                # One owner: the others are cleared, also on an entry stored before.
                item.values.update({name: None for name in owners if name != found[0]})
                item.refs = {found[0]: item.refs[found[0]]}
    for kind, name in (("location", "organization_id"), ("taxonomy_term", "parent_id")):
        for item in items.get(kind, {}).values():
            if name in item.refs and not resolves(name, item.refs[name]):
                summary.skipped[_("links to entries not in the import or the directory")] += 1
                del item.refs[name]
    for item in list(items.get("language", {}).values()):
        if not item.values.get("code"):
            summary.skipped[_("languages without a code")] += 1
            del items["language"][item.id]

    _check_terms(items)
    _apply_attributes(items, known, lang, fail, summary)
    _areas(items, summary)
    _check_keys(items, fail)
    if errors:
        raise ImportRefused(errors)
    return items


def _value_problem(kind: str, values: dict[str, Any]) -> tuple[str, str] | None:
    """(field, problem) of a value the directory refuses beyond its form: a phone number that
    is no phone number (a valid one is stored in E.164), hours that close before they open."""
    if kind == "phone" and "number" in values:
        try:
            values["number"] = phone_normalise(values["number"])
        except PhoneNumberProblem as problem:
            return "number", str(problem)
    if kind == "schedule":
        opens, closes = values.get("opens_at"), values.get("closes_at")
        if opens is not None and closes is not None and closes <= opens:
            return "closes_at", _("closes at %(closes)s, not after it opens at %(opens)s") % {
                "closes": closes.strftime("%H:%M"),
                "opens": opens.strftime("%H:%M"),
            }
    return None


def _needed(kind: str) -> tuple[str, ...]:
    return {
        "service": ("organization_id",),
        "address": ("location_id",),
        "cost_option": ("service_id",),
        "language": ("service_id",),
        "service_at_location": ("service_id", "location_id"),
        "service_area": ("service_id",),
    }[kind]


def _check_terms(items: dict[str, dict[uuid.UUID, Item]]) -> None:
    for item in items.get("taxonomy_term", {}).values():
        item.values.setdefault("code", str(item.id))
        item.values["code"] = item.values["code"][:64]
        item.values.setdefault("taxonomy", "")


def _term_lookup(items: dict[str, dict[uuid.UUID, Item]]) -> dict[uuid.UUID, tuple[str, str]]:
    """Every term id we can interpret: virtual terms, this import's terms, stored terms."""
    lookup: dict[uuid.UUID, tuple[str, str]] = {}
    codes = {
        v.COST: CostCategory.values,
        v.FLAG: list(v.SERVICE_FLAGS),
        v.FIELD: [code for _, code in v.EXTRA_FIELDS],
        v.TRANSLATION: list(v.languages()),
    }
    for taxonomy, values in codes.items():
        for code in values:
            lookup[uuid.UUID(v.virtual_term_id(taxonomy, code))] = (taxonomy, code)
    for item in items.get("taxonomy_term", {}).values():
        lookup[item.id] = (item.values["taxonomy"], item.values["code"])
    return lookup


def _apply_attributes(items, known, lang, fail, summary) -> None:  # noqa: C901
    """Turn attributes of our taxonomies into field values, phases, needs and translations."""
    attributes = items.pop("attribute", {})
    lookup = _term_lookup(items)
    missing = {
        a.refs["taxonomy_term_id"] for a in attributes.values() if "taxonomy_term_id" in a.refs
    }
    missing -= set(lookup)
    for term in TaxonomyTerm.objects.filter(pk__in=missing):
        lookup[term.pk] = (term.taxonomy, term.code)
    for attr in attributes.values():
        term_id = attr.refs.get("taxonomy_term_id")
        if term_id is None:
            summary.skipped[_("attributes without a taxonomy term")] += 1
            continue
        if term_id not in lookup:
            fail(
                attr.record,
                attr.id,
                "taxonomy_term_id",
                _("refers to an unknown id: %(id)s") % {"id": term_id},
            )
            continue
        taxonomy, code = lookup[term_id]
        if taxonomy not in v.OUR_TAXONOMIES:
            summary.skipped[_("attributes of other taxonomies")] += 1
            continue
        entity = attr.values.get("link_entity", "")
        link_type = attr.values.get("link_type", "")
        value = attr.values.get("value", "")
        target = items.get(entity, {}).get(attr.refs.get("link_id"))
        if target is None:
            fail(
                attr.record,
                attr.id,
                "link_id",
                _("refers to no %(entity)s in this import: %(id)s")
                % {"entity": entity or "-", "id": attr.refs.get("link_id")},
            )
            continue
        if taxonomy in (v.PHASE, v.NEED) and entity == "service":
            (target.phases if taxonomy == v.PHASE else target.needs).append(term_id)
        elif taxonomy == v.COST and entity == "service" and code in CostCategory.values:
            target.values["cost_category"] = code
        elif taxonomy == v.FLAG and entity == "service" and code in v.SERVICE_FLAGS:
            if value not in ("true", "false"):
                fail(attr.record, attr.id, "value", _("must be “true” or “false”"))
                continue
            target.values[v.SERVICE_FLAGS[code]] = value == "true"
        elif taxonomy == v.FIELD and (entity, code) in v.EXTRA_FIELDS:
            name = v.EXTRA_FIELDS[(entity, code)]
            problem = _extra_field_problem(name, value)
            if problem:
                fail(attr.record, attr.id, "value", problem)
                continue
            target.values[name] = int(value) if name == "source_page" else value
        elif taxonomy == v.TRANSLATION and link_type in v.TRANSLATED.get(entity, ()):
            if code == lang:  # the main text was a fallback: this language has none
                target.fallbacks.add(link_type)
            elif code in v.languages():
                target.values[f"{link_type}_{code}"] = value
                target.translated = True
        else:
            summary.skipped[_("attributes not understood")] += 1
    # A record is the whole truth about its entry: what it does not say is reset.
    for item in items.get("service", {}).values():
        item.values.setdefault("cost_category", CostCategory.VARIES)
        item.values.setdefault("programme_1000_days", False)
        item.values.setdefault("prescription_required", None)
        item.values.setdefault("referral_required", None)
        for name in ("source", "verified_by"):
            item.values.setdefault(name, "")
        item.values.setdefault("source_page", None)


def _areas(items: dict[str, dict[uuid.UUID, Item]], summary: Summary) -> None:
    """A service area is its NIS code; without one, a name that is exactly one municipality
    (Dutch or French) will do. Each code once per service."""
    seen: set[tuple[Any, str]] = set()
    for item in list(items.get("service_area", {}).values()):
        name = item.values.pop("name", "")
        if not item.values.get("nis"):
            found = find_place(name) if name else ()
            if len(found) == 1:
                item.values["nis"] = found[0].nis
        nis = item.values.get("nis")
        key = (item.refs.get("service_id"), nis or "")
        if not nis or key in seen:
            summary.skipped[_("service areas that name no known place, or twice")] += 1
            del items["service_area"][item.id]
            continue
        seen.add(key)
        item.values["level"] = area_level(nis)


def _extra_field_problem(name: str, value: str) -> str:
    if name == "nis" and area_level(value) is None:
        return _("not the NIS code of a Belgian region, province or municipality: %(value)r") % {
            "value": value
        }
    if name == "source_page" and not (value.isdigit() and int(value) <= 32767):
        return _("not a whole number from 0 to 32767: %(value)r") % {"value": value}
    if name == "kind" and value not in OrganizationKind.values:
        return _("must be one of %(allowed)s") % {"allowed": ", ".join(OrganizationKind.values)}
    if name == "key" and (
        len(value) > 100 or not value.replace("-", "").replace("_", "").isalnum()
    ):
        return _("not a valid key: %(value)r") % {"value": value}
    if name in ("source", "verified_by"):
        limit = column(Service, name).max_length
        if limit is not None and len(value) > limit:
            return _("longer than %(limit)d characters") % {"limit": limit}
    return ""


def _check_keys(items, fail) -> None:
    for kind, model in (("organization", Organization), ("service", Service)):
        keyed = {i.values["key"]: i for i in items.get(kind, {}).values() if i.values.get("key")}
        clashes = model.objects.filter(key__in=keyed).exclude(pk__in=[i.id for i in keyed.values()])
        for key in clashes.values_list("key", flat=True):
            item = keyed[key]
            fail(
                item.record,
                item.id,
                "attributes",
                _("the key %(key)s belongs to another entry") % {"key": key},
            )
