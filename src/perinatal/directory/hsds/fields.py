"""Which HSDS fields we keep, in which model field, and how a value is checked.

`clean(kind, data)` turns one HSDS record into model values or says which field is wrong;
fields HSDS has and we do not keep (and fields HSDS does not have) are returned as ignored.
"""

import datetime
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import DecimalField, Field, Model
from django.utils.translation import gettext as _

from ..constants import ServiceStatus
from ..models import (
    Address,
    Contact,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)

STR, TEXT, INT, DEC, DATE, TIME = "str", "text", "int", "decimal", "date", "time"
LOCATION_TYPES = ("physical", "postal", "virtual")

MODELS: dict[str, type[Model]] = {
    "organization": Organization,
    "service": Service,
    "location": Location,
    "address": Address,
    "phone": Phone,
    "contact": Contact,
    "schedule": Schedule,
    "cost_option": CostOption,
    "language": ServiceLanguage,
    "taxonomy_term": TaxonomyTerm,
    "service_at_location": ServiceAtLocation,
    "service_area": ServiceArea,
}

# kind -> {HSDS field: (model field, type)}; TEXT fields are stored per language.
SPECS: dict[str, dict[str, tuple[str, str]]] = {
    "organization": {
        "name": ("name", TEXT),
        "alternate_name": ("alternate_name", TEXT),
        "description": ("description", TEXT),
        "email": ("email", STR),
        "website": ("website", STR),
        "legal_status": ("legal_status", STR),
    },
    "service": {
        "name": ("name", TEXT),
        "alternate_name": ("alternate_name", TEXT),
        "description": ("description", TEXT),
        "eligibility_description": ("eligibility_description", TEXT),
        "fees_description": ("fees_description", TEXT),
        "application_process": ("application_process", TEXT),
        "url": ("url", STR),
        "email": ("email", STR),
        "status": ("status", STR),
        "minimum_age": ("minimum_age", INT),
        "maximum_age": ("maximum_age", INT),
        "assured_date": ("last_verified", DATE),
    },
    "location": {
        "location_type": ("location_type", STR),
        "name": ("name", TEXT),
        "description": ("description", TEXT),
        "latitude": ("latitude", DEC),
        "longitude": ("longitude", DEC),
    },
    "address": {
        "address_1": ("address_1", STR),
        "address_2": ("address_2", STR),
        "city": ("city", TEXT),
        "region": ("region", STR),
        "state_province": ("state_province", STR),
        "postal_code": ("postal_code", STR),
        "country": ("country", STR),
        "address_type": ("address_type", STR),
    },
    "phone": {
        "number": ("number", STR),
        "type": ("type", STR),
        "description": ("description", STR),
    },
    "contact": {
        "name": ("name", STR),
        "title": ("title", STR),
        "department": ("department", STR),
        "email": ("email", STR),
    },
    "schedule": {
        "description": ("description", TEXT),
        "freq": ("freq", STR),
        "byday": ("byday", STR),
        "opens_at": ("opens_at", TIME),
        "closes_at": ("closes_at", TIME),
    },
    "cost_option": {
        "option": ("option", TEXT),
        "amount": ("amount", DEC),
        "currency": ("currency", STR),
        "amount_description": ("amount_description", TEXT),
        "valid_from": ("valid_from", DATE),
        "valid_to": ("valid_to", DATE),
    },
    "language": {"code": ("code", STR), "note": ("note", STR)},
    "taxonomy_term": {
        "code": ("code", STR),
        "name": ("name", TEXT),
        "description": ("description", TEXT),
        "taxonomy": ("taxonomy", STR),
    },
    "service_at_location": {"description": ("description", STR)},
    # The area is its NIS code (an attribute); its name is read only when that is missing.
    "service_area": {"name": ("", STR)},
    "attribute": {"link_type": ("", STR), "link_entity": ("", STR), "value": ("", STR)},
}

# References we follow (other `*_id` fields are checked for form, then ignored).
REFS: dict[str, tuple[str, ...]] = {
    "service": ("organization_id",),
    "location": ("organization_id",),
    "address": ("location_id",),
    "phone": ("service_id", "location_id", "organization_id", "contact_id"),
    "contact": ("service_id", "organization_id"),
    "schedule": ("service_id", "location_id"),
    "cost_option": ("service_id",),
    "language": ("service_id",),
    "taxonomy_term": ("parent_id",),
    "service_at_location": ("service_id", "location_id"),
    "service_area": ("service_id",),
    "attribute": ("link_id", "taxonomy_term_id"),
}
# Fields HSDS defines as UUIDs of other records.
UUID_FIELDS = {
    "organization_id",
    "service_id",
    "location_id",
    "parent_id",
    "link_id",
    "taxonomy_term_id",
    "taxonomy_id",
    "program_id",
    "contact_id",
    "phone_id",
    "service_at_location_id",
    "parent_organization_id",
    "resource_id",
}
REF_KIND = {
    "organization_id": "organization",
    "service_id": "service",
    "location_id": "location",
    "parent_id": "taxonomy_term",
    "contact_id": "contact",
}

REQUIRED: dict[str, tuple[str, ...]] = {
    "organization": ("id", "name"),
    "service": ("id", "name", "status"),
    "location": ("id", "location_type"),
    "address": ("id", "address_1", "city", "postal_code"),
    "phone": ("id", "number"),
    "contact": ("id",),
    "schedule": ("id",),
    "cost_option": ("id",),
    "language": ("id",),
    "taxonomy_term": ("id", "name"),
    "service_at_location": ("id", "service_id", "location_id"),
    "service_area": ("id",),
    "attribute": ("id",),
}
ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("service", "status"): tuple(ServiceStatus.values),
    ("location", "location_type"): LOCATION_TYPES,
    ("address", "address_type"): LOCATION_TYPES,
}


class FieldError(ValueError):
    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field
        self.problem = problem


def parse_uuid(field: str, value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (ValueError, AttributeError, TypeError) as exc:
        raise FieldError(field, _("not a valid UUID: %(value)r") % {"value": value}) from exc


def column(model: type[Model], name: str) -> "Field[Any, Any]":
    """The model field `name` of `model`: the mappings name columns, never reverse relations."""
    field = model._meta.get_field(name)
    if not isinstance(field, Field):
        raise TypeError(f"{model.__name__}.{name} is not a column")
    return field


def _value(kind: str, field: str, model_field: str, kind_of_value: str, raw: Any) -> Any:
    if isinstance(raw, dict | list):
        raise FieldError(field, _("expected a single value, found a list or object"))
    if kind_of_value in (STR, TEXT):
        value = (
            raw if isinstance(raw, str) else str(raw).lower() if isinstance(raw, bool) else str(raw)
        )
        allowed = ENUMS.get((kind, field))
        if allowed and value not in allowed:
            raise FieldError(
                field, _("must be one of %(allowed)s") % {"allowed": ", ".join(allowed)}
            )
        model = MODELS.get(kind)
        limit = column(model, model_field).max_length if model and model_field else None
        if limit and len(value) > limit:
            raise FieldError(field, _("longer than %(limit)d characters") % {"limit": limit})
        return value
    if kind_of_value == INT:
        number = _number(field, raw)
        if number != number.to_integral_value() or not 0 <= number <= 32767:
            raise FieldError(
                field, _("not a whole number from 0 to 32767: %(value)r") % {"value": raw}
            )
        return int(number)
    if kind_of_value == DEC:
        number = _number(field, raw)
        db_field = column(MODELS[kind], model_field)
        if not isinstance(db_field, DecimalField):  # SPECS marks only decimal columns DEC
            raise TypeError(f"{kind}.{model_field} is not a decimal column")
        places = Decimal(1).scaleb(-db_field.decimal_places)
        number = number.quantize(places)
        if len(number.as_tuple().digits) > db_field.max_digits:
            raise FieldError(field, _("number too large: %(value)r") % {"value": raw})
        return number
    if kind_of_value == DATE:
        try:
            return datetime.date.fromisoformat(str(raw)[:10])
        except ValueError as exc:
            raise FieldError(
                field, _("not a date (YYYY-MM-DD): %(value)r") % {"value": raw}
            ) from exc
    if kind_of_value == TIME:
        try:
            return datetime.time.fromisoformat(str(raw))
        except ValueError as exc:
            raise FieldError(field, _("not a time (HH:MM:SS): %(value)r") % {"value": raw}) from exc
    raise AssertionError(kind_of_value)


def _number(field: str, raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise FieldError(field, _("not a number: %(value)r") % {"value": raw})
    try:
        number = Decimal(str(raw).strip())
    except InvalidOperation as exc:
        raise FieldError(field, _("not a number: %(value)r") % {"value": raw}) from exc
    if not number.is_finite():
        raise FieldError(field, _("not a number: %(value)r") % {"value": raw})
    return number


def clean(
    kind: str, data: dict[str, Any], lang: str
) -> tuple[uuid.UUID, dict[str, Any], dict[str, uuid.UUID], list[str]]:
    """(id, model values, references, ignored field names) of one record.

    Raises FieldError for a missing required field or a value of the wrong form.
    """
    for name in REQUIRED[kind]:
        if data.get(name) in (None, ""):
            raise FieldError(name, _("required, but missing"))
    record_id = parse_uuid("id", data["id"])  # REQUIRED lists "id" for every kind
    values: dict[str, Any] = {}
    refs: dict[str, uuid.UUID] = {}
    ignored: list[str] = []
    spec = SPECS[kind]
    for field, raw in data.items():
        if field == "id":
            continue
        if field in UUID_FIELDS:
            if raw in (None, ""):
                continue
            parsed = parse_uuid(field, raw)
            if field in REFS.get(kind, ()):
                refs[field] = parsed
            else:
                ignored.append(field)
        elif field in spec:
            model_field, kind_of_value = spec[field]
            if raw is None:
                continue
            value = _value(kind, field, model_field, kind_of_value, raw)
            if kind_of_value == TEXT:
                values[f"{model_field}_{lang}"] = value
            else:
                values[model_field or field] = value
        else:
            ignored.append(field)
    return record_id, values, refs, ignored
