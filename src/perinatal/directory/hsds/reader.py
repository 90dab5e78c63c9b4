"""Reading HSDS files into flat records, each with the place it came from.

Accepts a JSON file (one object, a list, a paginated `{"contents": [...]}` envelope or the
tabular `{"services.csv": [...], ...}` layout), a CSV file, or a folder of such files.
Nested objects (a service's phones, a location's addresses, …) become records of their own
that carry the id of the object they were nested in.

Text is UTF-8 (with or without a BOM) or UTF-16 with a BOM; UTF-16 without one is refused, and
so is a value with a control character (`core/control_characters.py`), each named by file,
line or record, and field.
"""

import codecs
import csv
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from perinatal.core.control_characters import control_characters_in, shown

# At most this many values with a control character are listed, then how many more.
MAX_LISTED = 20


class ImportRefused(Exception):
    """The import is refused whole; `errors` says where and why."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Record:
    kind: str
    data: dict[str, Any]
    file: str
    where: str  # "record 3", "line 7", "record 1 › phones[0]"
    given: set[str] = field(default_factory=set)  # kinds of children it lists in full


@dataclass
class Batch:
    records: list[Record] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # things HSDS has and we do not keep
    files: list[str] = field(default_factory=list)
    tables: set[str] = field(default_factory=set)  # kinds read as whole tables (CSV)


# Table (CSV file or tabular-JSON key) -> record kind; None: valid HSDS we do not keep.
TABLES: dict[str, str | None] = {
    "organizations": "organization",
    "services": "service",
    "locations": "location",
    "service_at_location": "service_at_location",
    "service_at_locations": "service_at_location",
    "addresses": "address",
    "phones": "phone",
    "contacts": "contact",
    "schedules": "schedule",
    "languages": "language",
    "cost_options": "cost_option",
    "attributes": "attribute",
    "taxonomy_terms": "taxonomy_term",
    "programs": None,
    "funding": None,
    "service_areas": "service_area",
    "required_documents": None,
    "accessibility": None,
    "metadata": None,
    "meta_table_descriptions": None,
    "organization_identifiers": None,
    "taxonomies": None,
}

# JSON file names (without .json) that say what their objects are.
FILE_KINDS = {
    "organization": "organization",
    "service_at_location": "service_at_location",
    "service": "service",
    "location": "location",
    "taxonomy_term": "taxonomy_term",
    "taxonomy": None,
    "base": None,
}

# Nested collections: (parent kind, key) -> (child kind, the child's field for the parent id).
NESTED: dict[tuple[str, str], tuple[str, str]] = {
    ("organization", "services"): ("service", "organization_id"),
    ("organization", "locations"): ("location", "organization_id"),
    ("organization", "phones"): ("phone", "organization_id"),
    ("organization", "contacts"): ("contact", "organization_id"),
    ("service", "phones"): ("phone", "service_id"),
    ("service", "schedules"): ("schedule", "service_id"),
    ("service", "service_at_locations"): ("service_at_location", "service_id"),
    ("service", "languages"): ("language", "service_id"),
    ("service", "cost_options"): ("cost_option", "service_id"),
    ("service", "contacts"): ("contact", "service_id"),
    ("service", "service_areas"): ("service_area", "service_id"),
    ("location", "addresses"): ("address", "location_id"),
    ("location", "phones"): ("phone", "location_id"),
    ("location", "schedules"): ("schedule", "location_id"),
    ("contact", "phones"): ("phone", "contact_id"),
}
# Nested single objects: (parent kind, key) -> (child kind, the parent's field for its id).
NESTED_ONE = {
    ("service", "organization"): ("organization", "organization_id"),
    ("service_at_location", "location"): ("location", "location_id"),
    ("service_at_location", "service"): ("service", "service_id"),
}
# Lists and objects HSDS nests that we do not keep (counted, not an error).
NOT_KEPT = {
    "funding",
    "programs",
    "program",
    "required_documents",
    "accessibility",
    "metadata",
    "organization_identifiers",
    "taxonomy_detail",
    "languages",  # of a phone or a location: we keep the languages of a service
    "contacts",  # of a location or a service-at-location
    "phones",  # of a service-at-location
    "schedules",  # of a service-at-location
}


def read(path: Path) -> Batch:
    batch = Batch()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".json", ".csv"))
        files = [p for p in files if p.name != "datapackage.json"]
        if not files:
            raise ImportRefused([_("%(path)s: no .json or .csv files found.") % {"path": path}])
    elif path.is_file():
        files = [path]
    else:
        raise ImportRefused([_("%(path)s: no such file or folder.") % {"path": path}])
    for file in files:
        batch.files.append(file.name)
        if file.suffix.lower() == ".csv":
            _read_csv(file, batch)
        else:
            _read_json(file, batch)
    _refuse_control_characters(batch)
    return batch


def _text(file: Path) -> str:
    """The file's text: UTF-16 with a byte order mark, else UTF-8 (a BOM is dropped)."""
    data = file.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if len(data) >= 2 and (data[0] == 0) != (data[1] == 0):
        raise ImportRefused(
            [
                _("%(file)s: UTF-16 without a byte order mark: save it as UTF-8.")
                % {"file": shown(file.name)}
            ]
        )
    return data.decode("utf-8-sig")


def _refuse_control_characters(batch: Batch) -> None:
    """Refuse the import when a value holds a control character: file, place, field."""
    errors = [
        _("%(file)s, %(where)s: %(message)s")
        % {"file": shown(record.file), "where": record.where, "message": message}
        for record in batch.records
        for _field, message in control_characters_in(record.data)
    ]
    if errors:
        more = len(errors) - MAX_LISTED
        if more > 0:
            errors = [*errors[:MAX_LISTED], _("… and %(count)d more.") % {"count": more}]
        raise ImportRefused(errors)


def _read_csv(file: Path, batch: Batch) -> None:
    table = file.stem
    if table not in TABLES:
        raise ImportRefused([_("%(file)s: not an HSDS table.") % {"file": file.name}])
    kind = TABLES[table]
    if kind:
        batch.tables.add(kind)
    try:
        with io.StringIO(_text(file), newline="") as handle:
            reader = csv.DictReader(handle)
            for row in reader:
                if kind is None:
                    batch.skipped[table] += 1
                    continue
                data = {k: v for k, v in row.items() if k is not None and v not in ("", None)}
                batch.records.append(
                    Record(kind, data, file.name, _("line %(line)d") % {"line": reader.line_num})
                )
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ImportRefused(
            [
                _("%(file)s: not a readable CSV file: %(reason)s")
                % {"file": file.name, "reason": exc}
            ]
        ) from exc


def _read_json(file: Path, batch: Batch) -> None:
    try:
        payload = json.loads(_text(file))
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            [
                _("%(file)s: not valid JSON at line %(line)d, column %(column)d: %(reason)s")
                % {"file": file.name, "line": exc.lineno, "column": exc.colno, "reason": exc.msg}
            ]
        ) from exc
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            [_("%(file)s: not UTF-8 text: %(reason)s") % {"file": file.name, "reason": exc}]
        ) from exc
    hint = _kind_from_name(file.stem)
    if isinstance(payload, dict) and any(str(k).endswith(".csv") for k in payload):
        for key, rows in payload.items():
            table = str(key).removesuffix(".csv")
            kind = TABLES.get(table)
            if kind:
                batch.tables.add(kind)
            for index, row in enumerate(rows if isinstance(rows, list) else []):
                if kind is None or not isinstance(row, dict):
                    batch.skipped[table] += 1
                    continue
                where = _("%(table)s record %(index)d") % {"table": key, "index": index + 1}
                batch.records.append(Record(kind, dict(row), file.name, where))
        return
    if isinstance(payload, dict) and isinstance(payload.get("contents"), list):
        items = payload["contents"]
    elif isinstance(payload, list):
        items = payload
    else:
        items = [payload]
    for index, item in enumerate(items):
        where = _("record %(index)d") % {"index": index + 1}
        if not isinstance(item, dict):
            raise ImportRefused(
                [_("%(file)s, %(where)s: not a JSON object.") % {"file": file.name, "where": where}]
            )
        kind = hint if hint != "" else _kind_from_shape(item)
        if kind is None:
            batch.skipped[file.stem] += 1
            continue
        _flatten(kind, item, file.name, where, batch)


def _kind_from_name(stem: str) -> str | None:
    """The record kind a file name announces; "" when the name says nothing."""
    name = stem.lower().removesuffix("_list").removesuffix("_full").removesuffix("s")
    return FILE_KINDS.get(name, "")


def _kind_from_shape(item: dict[str, Any]) -> str | None:
    keys = set(item)
    if keys & {"openapi_url", "profile"}:
        return None
    if "location_type" in keys:
        return "location"
    if "status" in keys:
        return "service"
    if {"service_id", "location_id"} <= keys or {"service", "location"} & keys:
        return "service_at_location"
    if keys & {"taxonomy", "term_uri", "parent_id", "code", "taxonomy_id"}:
        return "taxonomy_term"
    if keys & {"uri", "version"} and not keys - {"id", "name", "description", "uri", "version"}:
        return None
    return "organization"


def _flatten(kind: str, item: dict[str, Any], file: str, where: str, batch: Batch) -> None:
    """Add `item` and everything nested in it as records."""
    data: dict[str, Any] = {}
    given: set[str] = set()
    for key, value in item.items():
        if (kind, key) in NESTED and isinstance(value, list):
            child_kind, parent_field = NESTED[(kind, key)]
            given.add(child_kind)
            for index, child in enumerate(value):
                if not isinstance(child, dict):
                    continue
                child = dict(child)
                if parent_field and "id" in item:
                    child.setdefault(parent_field, item["id"])
                _flatten(child_kind, child, file, f"{where} › {key}[{index}]", batch)
        elif (kind, key) in NESTED_ONE and isinstance(value, dict):
            child_kind, own_field = NESTED_ONE[(kind, key)]
            if "id" in value:
                data.setdefault(own_field, value["id"])
            _flatten(child_kind, dict(value), file, f"{where} › {key}", batch)
        elif key == "attributes" and isinstance(value, list):
            for index, attr in enumerate(value):
                if not isinstance(attr, dict):
                    continue
                attr = dict(attr)
                attr.setdefault("link_id", item.get("id"))
                attr.setdefault("link_entity", kind)
                term = attr.get("taxonomy_term")
                if isinstance(term, dict):
                    attr.setdefault("taxonomy_term_id", term.get("id"))
                    _flatten("taxonomy_term", dict(term), file, f"{where} › {key}[{index}]", batch)
                attr.pop("taxonomy_term", None)
                batch.records.append(Record("attribute", attr, file, f"{where} › {key}[{index}]"))
        elif key in NOT_KEPT and isinstance(value, list | dict):
            batch.skipped[key] += len(value) if isinstance(value, list) else 1
        else:
            data[key] = value
    batch.records.append(Record(kind, data, file, where, given))
