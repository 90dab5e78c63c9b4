"""The sets of rows an edit page shows (the service's, the organisation's): which row forms,
filled from the stored rows in a stable order (`EditSets`, `service_sets`,
`organization_sets`). The row forms themselves are in `forms_editing`."""

from collections.abc import Iterable, Iterator
from typing import Any

from .constants import Weekday
from .edit_sets import contact_phone, location_address, schedule_days
from .forms_editing import (
    LANG_LABELS,
    MAX_ROWS,
    ContactSet,
    CostOptionSet,
    LanguageSet,
    LocationSet,
    PhoneSet,
    RowSet,
    ScheduleSet,
)
from .phones import phone_for_editing


def _phone_initial(phone) -> dict[str, Any]:
    stored = str(phone.number)
    return {
        "id": str(phone.pk),
        "number": phone_for_editing(stored),
        "stored_number": stored,
        "needs_check": phone.needs_check,
        "type": phone.type,
        "description": phone.description,
    }


def _texts(obj, name: str) -> dict[str, str]:
    return {f"{name}_{lang}": getattr(obj, f"{name}_{lang}") or "" for lang in LANG_LABELS}


def _contact_initial(contact) -> dict[str, Any]:
    phone = contact_phone(contact)
    stored = str(phone.number) if phone else ""
    return {
        "id": str(contact.pk),
        "name": contact.name,
        "title": contact.title,
        "email": contact.email,
        "phone": phone_for_editing(stored),
        "stored_phone": stored,
        "needs_check": bool(phone and phone.needs_check),
    }


def _location_initial(location) -> dict[str, Any]:
    address = location_address(location)
    # Other services at the same place: a changed address is theirs too.
    shared_with = location.service_at_locations.count() - 1
    if address is None:
        return {"id": str(location.pk), "has_address": False, "shared_with": shared_with}
    return {
        "id": str(location.pk),
        "has_address": True,
        "shared_with": shared_with,
        "address_1": address.address_1,
        "postal_code": address.postal_code,
        **_texts(address, "city"),
    }


def _schedule_initial(schedule) -> dict[str, Any]:
    return {
        "id": str(schedule.pk),
        "days": schedule_days(schedule),
        "opens_at": schedule.opens_at,
        "closes_at": schedule.closes_at,
        **_texts(schedule, "description"),
    }


def _cost_option_initial(option) -> dict[str, Any]:
    return {"id": str(option.pk), "amount": option.amount, **_texts(option, "option")}


class EditSets:
    """The sets of one owner's page, bound to a POST or showing the stored rows."""

    def __init__(self, sets: dict[str, tuple[type[RowSet], list[dict]]], data=None) -> None:
        self.adding = ""
        if data is not None and data.get("add") in sets:
            self.adding = data["add"]
            data = data.copy()
            total = f"{self.adding}-TOTAL_FORMS"
            try:
                shown = int(data.get(total) or 0)
            except ValueError:
                shown = 0  # the formset names the broken management form itself
            data[total] = str(min(shown + 1, MAX_ROWS))
        self.formsets: dict[str, RowSet] = {
            prefix: formset(
                data, initial=initial, prefix=prefix, known=[row["id"] for row in initial]
            )
            for prefix, (formset, initial) in sets.items()
        }

    def __iter__(self) -> Iterator[RowSet]:
        return iter(self.formsets.values())

    def __getitem__(self, prefix: str) -> RowSet:
        return self.formsets[prefix]

    def is_valid(self) -> bool:
        valid = [formset.is_valid() for formset in self.formsets.values()]  # each one's errors
        return all(valid)

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        return {prefix: formset.rows() for prefix, formset in self.formsets.items()}


def service_sets(service, data=None) -> EditSets:
    """The sets of a service's edit page (the service loaded with its details)."""
    locations = [sal.location for sal in service.service_at_locations.all()]
    return EditSets(
        {
            "phones": (PhoneSet, [_phone_initial(p) for p in _ordered(service.phones.all())]),
            "contacts": (
                ContactSet,
                [_contact_initial(c) for c in _ordered(service.contacts.all())],
            ),
            "locations": (LocationSet, [_location_initial(loc) for loc in _ordered(locations)]),
            "hours": (
                ScheduleSet,
                [_schedule_initial(s) for s in sorted(service.schedules.all(), key=_week_order)],
            ),
            "spoken": (
                LanguageSet,
                [
                    {"id": str(lang.pk), "code": lang.code, "note": lang.note}
                    for lang in sorted(service.languages.all(), key=lambda x: x.code)
                ],
            ),
            "costs": (
                CostOptionSet,
                [_cost_option_initial(o) for o in _ordered(service.cost_options.all())],
            ),
        },
        data,
    )


def organization_sets(organization, data=None) -> EditSets:
    phones = organization.phones.all()
    return EditSets({"phones": (PhoneSet, [_phone_initial(p) for p in _ordered(phones)])}, data)


def _ordered(rows: Iterable) -> list:
    """Rows by id: the same order from page to page."""
    return sorted(rows, key=lambda row: str(row.pk))


def _week_order(schedule) -> tuple:
    days = schedule_days(schedule)
    first = Weekday.values.index(days[0]) if days else len(Weekday.values)
    return (first, schedule.opens_at is None, schedule.opens_at, str(schedule.pk))
