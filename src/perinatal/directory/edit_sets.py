"""Applying an editor's sets of rows (see `forms_editing`) to the stored rows, and saying what
changed, field by field, for the change log.

Called by `services.service_edit` and `services.organization_edit` inside their transaction.
A row is `{"id": stored id or "", "delete": bool, **fields}`; a row that is not the owner's
raises `RowGone` (the transaction then stores nothing). Each `*_apply` returns
`{key: [old, new]}`, the row named by its set and the start of its id:

- `phones.3f2a9c1e.number: ["+3222167944", "+3224317700"]`, a changed field of a row;
- `phones.3f2a9c1e: [None, "+3224317700 · voice · Onthaal"]`, a row added;
- `phones.3f2a9c1e: ["+3222167944 · voice", None]`, a row removed;
- languages are named by their code: `languages.ar: [None, "ar · interprète"]`.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import models

from perinatal.audit.services import EMPTY

from .constants import Weekday
from .models import (
    Address,
    Contact,
    CostOption,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
)

Changes = dict[str, list[Any]]
Row = dict[str, Any]


class RowGone(Exception):
    """A row given to change is not (or no longer) one of the owner's."""

    def __init__(self, set_name: str, key: str) -> None:
        super().__init__(f"{set_name}: {key}")
        self.set_name = set_name


def _plain(value: Any) -> Any:
    """A value as the log shows it and as two values are compared (an empty text is None)."""
    if value in EMPTY or value == []:
        return None
    if isinstance(value, bool | int | str | list):
        return value
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral() else f"{value:.2f}"
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return str(value)


def _summary(values: Iterable[Any]) -> str:
    parts = [_plain(v) for v in values]
    return " · ".join(", ".join(p) if isinstance(p, list) else str(p) for p in parts if p)


def _key(set_name: str, obj: models.Model) -> str:
    return f"{set_name}.{str(obj.pk)[:8]}"


def _set_fields(obj: models.Model, values: Row, key: str) -> Changes:
    """Write the values that differ onto `obj` (unsaved); their changes."""
    changes: Changes = {}
    for name, new in values.items():
        old = getattr(obj, name)
        if _plain(old) != _plain(new):
            changes[f"{key}.{name}"] = [_plain(old), _plain(new)]
            setattr(obj, name, new)
    return changes


def _stored(set_name: str, rows: list[Row], stored: dict[str, Any]) -> None:
    for row in rows:
        if row["id"] and row["id"] not in stored:
            raise RowGone(set_name, row["id"])


def _by_id(objects: Iterable[models.Model]) -> dict[str, Any]:
    return {str(obj.pk): obj for obj in objects}


# --- Which stored row a form's row edits -----------------------------------------------------


def contact_phone(contact):
    """The phone a contact row edits: the contact's first (others are kept as they are)."""
    phones = sorted(contact.phones.all(), key=lambda p: (str(p.number), str(p.pk)))
    return phones[0] if phones else None


def location_address(location):
    """The address a location row edits: its first physical one (others are kept)."""
    addresses = sorted(
        location.addresses.all(), key=lambda a: (a.address_type != "physical", str(a.pk))
    )
    return addresses[0] if addresses else None


def schedule_days(schedule) -> list[str]:
    tokens = [token.strip().upper() for token in (schedule.byday or "").split(",")]
    return [day for day in Weekday.values if day in tokens]


# --- Phones ---------------------------------------------------------------------------------

PHONE_FIELDS = ("number", "type", "description")


def phones_apply(*, owner: dict[str, models.Model], rows: list[Row]) -> Changes:
    """Phones of one owner (`{"service": service}` or `{"organization": organization}`)."""
    stored = _by_id(Phone.objects.filter(**owner))
    _stored("phones", rows, stored)
    changes: Changes = {}
    for row in rows:
        values = {name: row[name] for name in PHONE_FIELDS}
        phone = stored.get(row["id"])
        if phone is None:
            if not row["delete"]:
                phone = Phone.objects.create(**owner, **values)
                changes[_key("phones", phone)] = [None, _summary(values.values())]
        elif row["delete"]:
            changes[_key("phones", phone)] = [_phone_summary(phone), None]
            phone.delete()
        else:
            changed = _set_fields(phone, values, _key("phones", phone))
            if any(key.endswith(".number") for key in changed):
                phone.needs_check = False  # an editor wrote it; the form read it
            if changed:
                phone.save()
                changes |= changed
    return changes


def _phone_summary(phone: Phone) -> str:
    return _summary([str(phone.number), phone.type, phone.description])


# --- Contacts -------------------------------------------------------------------------------

CONTACT_FIELDS = ("name", "title", "email")


def contacts_apply(*, owner: dict[str, models.Model], rows: list[Row]) -> Changes:
    """Contacts of one owner, each with one phone the row edits."""
    stored = _by_id(Contact.objects.filter(**owner).prefetch_related("phones"))
    _stored("contacts", rows, stored)
    changes: Changes = {}
    for row in rows:
        values = {name: row[name] for name in CONTACT_FIELDS}
        contact = stored.get(row["id"])
        if contact is None:
            if not row["delete"]:
                contact = Contact.objects.create(**owner, **values)
                if row["phone"]:
                    Phone.objects.create(contact=contact, number=row["phone"])
                summary = _summary([*values.values(), row["phone"]])
                changes[_key("contacts", contact)] = [None, summary]
            continue
        key = _key("contacts", contact)
        phone = contact_phone(contact)
        if row["delete"]:
            summary = _summary(
                [*(getattr(contact, n) for n in CONTACT_FIELDS), phone and phone.number]
            )
            changes[key] = [summary, None]
            contact.delete()
            continue
        changed = _set_fields(contact, values, key)
        if changed:
            contact.save()
        old_number = str(phone.number) if phone else ""
        if _plain(old_number) != _plain(row["phone"]):
            changed[f"{key}.phone"] = [_plain(old_number), _plain(row["phone"])]
            if phone is None:
                Phone.objects.create(contact=contact, number=row["phone"])
            elif not row["phone"]:
                phone.delete()
            else:
                phone.number, phone.needs_check = row["phone"], False
                phone.save()
        changes |= changed
    return changes


# --- Locations and their address ------------------------------------------------------------

ADDRESS_FIELDS = ("address_1", "postal_code", "city_nl", "city_fr", "city_en")


def locations_apply(*, service: Service, rows: list[Row]) -> Changes:
    """The service's locations, each with the one address its row edits. A new row is a new
    location of the service's organisation; a removed row unlinks the location from the
    service, and deletes it when no other service is there."""
    links = ServiceAtLocation.objects.filter(service=service).select_related("location")
    stored = _by_id(link.location for link in links)
    _stored("locations", rows, stored)
    changes: Changes = {}
    for row in rows:
        values = {name: row[name] for name in ADDRESS_FIELDS}
        location = stored.get(row["id"])
        if location is None:
            if not row["delete"]:
                location = Location.objects.create(organization=service.organization)
                Address.objects.create(location=location, **values)
                ServiceAtLocation.objects.create(service=service, location=location)
                changes[_key("locations", location)] = [None, _summary(values.values())]
            continue
        key = _key("locations", location)
        address = location_address(location)
        if row["delete"]:
            old = [getattr(address, n) for n in ADDRESS_FIELDS] if address else [str(location)]
            changes[key] = [_summary(old), None]
            ServiceAtLocation.objects.filter(service=service, location=location).delete()
            if not location.service_at_locations.exists():
                location.delete()
            continue
        if address is None:
            if any(values.values()):
                Address.objects.create(location=location, **values)
                changes[f"{key}.address"] = [None, _summary(values.values())]
            continue
        changed = _set_fields(address, values, key)
        if changed:
            address.save()
            changes |= changed
    return changes


# --- Opening hours --------------------------------------------------------------------------

SCHEDULE_FIELDS = ("opens_at", "closes_at", "description_nl", "description_fr", "description_en")


def _week(days: list[str]) -> str:
    return ",".join(day for day in Weekday.values if day in days)


def schedules_apply(*, service: Service, rows: list[Row]) -> Changes:
    """Opening hours of the service: days of the week (HSDS `byday`, weekly), hours, a note."""
    stored = _by_id(Schedule.objects.filter(service=service))
    _stored("hours", rows, stored)
    changes: Changes = {}
    for row in rows:
        values = {name: row[name] for name in SCHEDULE_FIELDS}
        schedule = stored.get(row["id"])
        if schedule is None:
            if not row["delete"]:
                byday = _week(row["days"])
                schedule = Schedule.objects.create(
                    service=service, byday=byday, freq="WEEKLY" if byday else "", **values
                )
                summary = _summary([byday, *values.values()])
                changes[_key("hours", schedule)] = [None, summary]
            continue
        key = _key("hours", schedule)
        if row["delete"]:
            old = [schedule.byday, *(getattr(schedule, n) for n in SCHEDULE_FIELDS)]
            changes[key] = [_summary(old), None]
            schedule.delete()
            continue
        changed = _set_fields(schedule, values, key)
        # Only the days the form shows are compared: other BYDAY parts an import brought stay.
        if schedule_days(schedule) != [d for d in Weekday.values if d in row["days"]]:
            byday = _week(row["days"])
            changed[f"{key}.byday"] = [_plain(schedule.byday), _plain(byday)]
            schedule.byday, schedule.freq = byday, "WEEKLY" if byday else ""
        if changed:
            schedule.save()
            changes |= changed
    return changes


# --- Languages spoken -----------------------------------------------------------------------


def languages_apply(*, service: Service, rows: list[Row]) -> Changes:
    """Languages the service is offered in, each with a note; named by code in the log."""
    stored = _by_id(ServiceLanguage.objects.filter(service=service))
    _stored("languages", rows, stored)
    before = {lang.code: lang.note for lang in stored.values()}
    after = dict(before)
    for row in rows:
        old = stored.get(row["id"])
        if old is not None:
            after.pop(old.code, None)
    for row in rows:
        if not row["delete"]:
            after[row["code"]] = row["note"]
    changes: Changes = {}
    for code in sorted(before.keys() | after.keys()):
        if code not in after:
            changes[f"languages.{code}"] = [_summary([code, before[code]]), None]
        elif code not in before:
            changes[f"languages.{code}"] = [None, _summary([code, after[code]])]
        elif _plain(before[code]) != _plain(after[code]):
            changes[f"languages.{code}.note"] = [_plain(before[code]), _plain(after[code])]
    if changes:
        ServiceLanguage.objects.filter(service=service).exclude(code__in=after).delete()
        for lang in ServiceLanguage.objects.filter(service=service):
            if lang.note != after[lang.code]:
                lang.note = after[lang.code]
                lang.save(update_fields=["note"])
        ServiceLanguage.objects.bulk_create(
            [
                ServiceLanguage(service=service, code=code, note=note)
                for code, note in after.items()
                if code not in before
            ]
        )
    return changes


# --- Cost options ---------------------------------------------------------------------------

COST_FIELDS = ("amount", "option_nl", "option_fr", "option_en")


def cost_options_apply(*, service: Service, rows: list[Row]) -> Changes:
    stored = _by_id(CostOption.objects.filter(service=service))
    _stored("cost_options", rows, stored)
    changes: Changes = {}
    for row in rows:
        values = {name: row[name] for name in COST_FIELDS}
        option = stored.get(row["id"])
        if option is None:
            if not row["delete"]:
                option = CostOption.objects.create(service=service, **values)
                changes[_key("cost_options", option)] = [None, _summary(values.values())]
            continue
        key = _key("cost_options", option)
        if row["delete"]:
            changes[key] = [_summary(getattr(option, n) for n in COST_FIELDS), None]
            option.delete()
            continue
        changed = _set_fields(option, values, key)
        if changed:
            option.save()
            changes |= changed
    return changes


def service_sets_apply(*, service: Service, sets: dict[str, list[Row]]) -> Changes:
    """Every set of the service's page (keys as `edit_set_pages.service_sets` names them)."""
    changes: Changes = {}
    changes |= phones_apply(owner={"service": service}, rows=sets.get("phones", []))
    changes |= contacts_apply(owner={"service": service}, rows=sets.get("contacts", []))
    changes |= locations_apply(service=service, rows=sets.get("locations", []))
    changes |= schedules_apply(service=service, rows=sets.get("hours", []))
    changes |= languages_apply(service=service, rows=sets.get("spoken", []))
    changes |= cost_options_apply(service=service, rows=sets.get("costs", []))
    return changes
