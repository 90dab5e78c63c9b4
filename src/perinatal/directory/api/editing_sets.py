"""The sets of rows an editor may give in `PATCH /api/v1/services/{id}`: phones, contacts,
addresses, opening hours and cost options.

A set given is the whole set: a row with the `id` of a stored row changes it, a row without
an `id` is added, a stored row left out is removed. Each row is checked by the same form as
on the edit page (`forms_editing`), so the API and the page accept and refuse the same
things, with the same messages, named `phones[1].number`.
"""

import datetime
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema

from django.utils import formats

from ..constants import PhoneKind, Weekday
from ..edit_set_pages import EditSets, service_sets
from ..forms_editing import RowForm

Text = str


class PhoneIn(Schema):
    id: UUID | None = Field(None, description="A stored phone's id; none: a new phone.")
    number: str = Field(
        max_length=40, description="As people write it: 02/216.79.44, +32 2 216 79 44."
    )
    type: Literal[tuple(PhoneKind.values)] = "voice"  # type: ignore[valid-type]
    description: str = Field("", max_length=200)


class ContactIn(Schema):
    id: UUID | None = None
    name: str = Field("", max_length=200)
    title: str = Field("", max_length=200)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)


class AddressIn(Schema):
    id: UUID | None = Field(None, description="A stored location's id; none: a new one.")
    address_1: str = Field(max_length=300, description="Street and number.")
    postal_code: str = Field(max_length=10)
    city_nl: str = Field("", max_length=100)
    city_fr: str = Field("", max_length=100)
    city_en: str = Field("", max_length=100)


class HoursIn(Schema):
    id: UUID | None = None
    days: list[Literal[tuple(Weekday.values)]] = []  # type: ignore[valid-type]
    opens_at: datetime.time | None = None
    closes_at: datetime.time | None = None
    description_nl: str = Field("", max_length=300)
    description_fr: str = Field("", max_length=300)
    description_en: str = Field("", max_length=300)


class CostOptionIn(Schema):
    id: UUID | None = None
    amount: Decimal | None = Field(None, ge=0, max_digits=9, decimal_places=2)
    option_nl: str = Field("", max_length=300)
    option_fr: str = Field("", max_length=300)
    option_en: str = Field("", max_length=300)


# Field of the PATCH body -> the set on the edit page.
SETS = {
    "phones": "phones",
    "contacts": "contacts",
    "addresses": "locations",
    "hours": "hours",
    "cost_options": "costs",
}


def _form_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        return formats.localize_input(value)  # the form reads numbers as the language writes
    if isinstance(value, UUID):
        return str(value)
    return value


def sets_from_patch(
    service, body: dict[str, Any]
) -> tuple[dict[str, list[dict[str, Any]]], list[tuple[str, str]]]:
    """The rows to apply for the sets given in `body`, or the errors `[(field, message)]`."""
    stored: EditSets = service_sets(service)
    rows: dict[str, list[dict[str, Any]]] = {}
    errors: list[tuple[str, str]] = []
    for name, prefix in SETS.items():
        if name not in body:
            continue
        formset = stored[prefix]
        initial = {row["id"]: row for row in formset.initial or []}
        form_class: type[RowForm] = formset.form
        given: set[str] = set()
        rows[prefix] = []
        for index, item in enumerate(body[name]):
            key = str(item["id"]) if item.get("id") else ""
            if key and key not in initial:
                errors.append((f"{name}[{index}].id", _no_such_row()))
                continue
            given.add(key)
            data = {field: _form_value(value) for field, value in item.items()}
            form = form_class(data=data, initial=dict(initial.get(key, {})))
            if not form.is_valid():
                for field, messages in form.errors.items():
                    where = f"{name}[{index}]" + ("" if field == "__all__" else f".{field}")
                    errors.extend((where, str(message)) for message in messages)
                continue
            rows[prefix].append({"id": key, "delete": False, **form.values()})
        for key in initial.keys() - given:
            empty = dict.fromkeys(form_class.FIELDS)
            rows[prefix].append({"id": key, "delete": True, **empty})
    return rows, errors


def _no_such_row() -> str:
    from django.utils.translation import gettext as _

    return _("No such row of this service: leave the id out to add one.")
