"""The directory as Open Referral HSDS 3.0 JSON.

The `*_to_hsds` functions turn one entry into an HSDS object with its text in one language
(`lang`, Dutch by default) and, with `translations=True`, the other languages as
`perinatal-translation` attributes. The API and the files (`dump.py`) use the same
functions, so the files and the endpoints never disagree.
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Model
from django.utils import translation

from ..areas import area_name
from ..constants import CostCategory
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
    TaxonomyTerm,
)
from . import vocabulary as v

_M = TypeVar("_M", bound=Model)


def text(obj: Model, field: str, lang: str) -> str:
    """The field in `lang`, else in the first language that has it (a visible fallback)."""
    for code in (lang, *v.languages()):
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return value
    return ""


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty optional values (lists stay: an empty list says "none")."""
    return {k: val for k, val in data.items() if val not in ("", None)}


def _number(value: Decimal | int | None) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return float(value)


# Terms ---------------------------------------------------------------------------------


def term_to_hsds(term: TaxonomyTerm, *, lang: str = "nl") -> dict[str, Any]:
    name = text(term, "name", lang) or term.code
    return _compact(
        {
            "id": str(term.id),
            "code": term.code,
            "parent_id": str(term.parent_id) if term.parent_id else None,
            "taxonomy": term.taxonomy,
            "language": lang,
        }
    ) | {"name": name, "description": text(term, "description", lang)}


def virtual_term(taxonomy: str, code: str, *, lang: str = "nl") -> dict[str, Any]:
    """A term of one of our taxonomies that is not a TaxonomyTerm row."""
    with translation.override(lang):
        if taxonomy == v.COST:
            name = str(CostCategory(code).label)
        elif taxonomy == v.TRANSLATION:
            name = str(dict(settings.LANGUAGES).get(code, code))
        else:
            name = code.replace("-", " ")
    return {
        "id": v.virtual_term_id(taxonomy, code),
        "code": code,
        "name": name,
        "description": f"{taxonomy}: {code}",
        "taxonomy": taxonomy,
        "language": lang,
    }


def virtual_terms(*, lang: str = "nl") -> list[dict[str, Any]]:
    codes = {
        v.COST: list(CostCategory.values),
        v.FLAG: list(v.SERVICE_FLAGS),
        v.FIELD: sorted({code for _, code in v.EXTRA_FIELDS}),
        v.TRANSLATION: list(v.languages()),
    }
    return [virtual_term(tax, code, lang=lang) for tax, items in codes.items() for code in items]


def _attribute(
    entity: str, link_id: object, link_type: str, term: dict[str, Any], value: str | None = None
) -> dict[str, Any]:
    return _compact(
        {
            "id": v.stable_id("attribute", entity, link_id, term["id"], link_type),
            "link_id": str(link_id),
            "link_type": link_type,
            "link_entity": entity,
            "taxonomy_term_id": term["id"],
            "taxonomy_term": term,
            "value": value,
        }
    )


def _translations(obj: Model, entity: str, lang: str) -> list[dict[str, Any]]:
    """The translated fields in the other languages, as `perinatal-translation` attributes."""
    result = []
    own = virtual_term(v.TRANSLATION, lang, lang=lang)
    for field in v.TRANSLATED[entity]:
        # No text in `lang`: the main text is a fallback. Say so with an empty attribute.
        if not getattr(obj, f"{field}_{lang}", "") and text(obj, field, lang):
            result.append(_attribute(entity, obj.pk, field, own))
    for code in v.other_languages(lang):
        term = virtual_term(v.TRANSLATION, code, lang=lang)
        for field in v.TRANSLATED[entity]:
            value = getattr(obj, f"{field}_{code}", "")
            if value:
                result.append(_attribute(entity, obj.pk, field, term, value))
    return result


def _extra_fields(obj: Model, entity: str, lang: str) -> list[dict[str, Any]]:
    result = []
    for (owner, code), field in v.EXTRA_FIELDS.items():
        value = getattr(obj, field) if owner == entity else None
        if value not in (None, ""):
            term = virtual_term(v.FIELD, code, lang=lang)
            result.append(_attribute(entity, obj.pk, code, term, str(value)))
    return result


# Entities ------------------------------------------------------------------------------


def phone_to_hsds(phone: Phone) -> dict[str, Any]:
    return _compact(
        {
            "id": str(phone.id),
            "organization_id": str(phone.organization_id) if phone.organization_id else None,
            "service_id": str(phone.service_id) if phone.service_id else None,
            "location_id": str(phone.location_id) if phone.location_id else None,
            "contact_id": str(phone.contact_id) if phone.contact_id else None,
            "number": str(phone.number),
            "type": phone.type,
            "description": phone.description,
        }
    )


def contact_to_hsds(contact: Contact) -> dict[str, Any]:
    return _compact(
        {
            "id": str(contact.id),
            "organization_id": str(contact.organization_id) if contact.organization_id else None,
            "service_id": str(contact.service_id) if contact.service_id else None,
            "name": contact.name,
            "title": contact.title,
            "department": contact.department,
            "email": contact.email,
            "phones": [phone_to_hsds(p) for p in _sorted(contact.phones.all())],
        }
    )


def schedule_to_hsds(schedule: Schedule, *, lang: str, translations: bool) -> dict[str, Any]:
    return _compact(
        {
            "id": str(schedule.id),
            "service_id": str(schedule.service_id) if schedule.service_id else None,
            "location_id": str(schedule.location_id) if schedule.location_id else None,
            "freq": schedule.freq,
            "byday": schedule.byday,
            "opens_at": schedule.opens_at.isoformat() if schedule.opens_at else None,
            "closes_at": schedule.closes_at.isoformat() if schedule.closes_at else None,
            "description": text(schedule, "description", lang),
            "attributes": _translations(schedule, "schedule", lang) if translations else [],
        }
    )


def address_to_hsds(address: Address, *, lang: str, translations: bool) -> dict[str, Any]:
    return _compact(
        {
            "id": str(address.id),
            "location_id": str(address.location_id),
            "address_1": address.address_1,
            "address_2": address.address_2,
            "region": address.region,
            "country": address.country,
            "address_type": address.address_type,
            "attributes": _translations(address, "address", lang) if translations else [],
        }
    ) | {
        # Required by HSDS even when empty.
        "city": text(address, "city", lang),
        "state_province": address.state_province,
        "postal_code": address.postal_code,
    }


def location_to_hsds(location: Location, *, lang: str, translations: bool) -> dict[str, Any]:
    return _compact(
        {
            "id": str(location.id),
            "location_type": location.location_type,
            "organization_id": str(location.organization_id) if location.organization_id else None,
            "name": text(location, "name", lang),
            "description": text(location, "description", lang),
            "latitude": _number(location.latitude),
            "longitude": _number(location.longitude),
            "addresses": [
                address_to_hsds(a, lang=lang, translations=translations)
                for a in _sorted(location.addresses.all())
            ],
            "phones": [phone_to_hsds(p) for p in _sorted(location.phones.all())],
            "schedules": [
                schedule_to_hsds(s, lang=lang, translations=translations)
                for s in _sorted(location.schedules.all())
            ],
            "attributes": _translations(location, "location", lang) if translations else [],
        }
    )


def service_at_location_to_hsds(
    sal: ServiceAtLocation, *, lang: str = "nl", translations: bool = True
) -> dict[str, Any]:
    return _compact(
        {
            "id": str(sal.id),
            "service_id": str(sal.service_id),
            "location_id": str(sal.location_id),
            "description": sal.description,
            "location": location_to_hsds(sal.location, lang=lang, translations=translations),
        }
    )


def service_area_to_hsds(area: ServiceArea, *, lang: str) -> dict[str, Any]:
    """An area served: its name in `lang`, its NIS code as a `perinatal-field` attribute."""
    return _compact(
        {
            "id": str(area.id),
            "service_id": str(area.service_id),
            "name": area_name(area.nis, lang),
            "attributes": _extra_fields(area, "service_area", lang),
        }
    )


def cost_option_to_hsds(option: CostOption, *, lang: str, translations: bool) -> dict[str, Any]:
    return _compact(
        {
            "id": str(option.id),
            "service_id": str(option.service_id),
            "valid_from": option.valid_from.isoformat() if option.valid_from else None,
            "valid_to": option.valid_to.isoformat() if option.valid_to else None,
            "option": text(option, "option", lang),
            "currency": option.currency,
            "amount": _number(option.amount),
            "amount_description": text(option, "amount_description", lang),
            "attributes": _translations(option, "cost_option", lang) if translations else [],
        }
    )


def _service_attributes(service: Service, lang: str, translations: bool) -> list[dict]:
    attrs = [
        _attribute("service", service.id, "phase", term_to_hsds(t, lang=lang))
        for t in service.phases.all()
    ]
    attrs += [
        _attribute("service", service.id, "need", term_to_hsds(t, lang=lang))
        for t in service.needs.all()
    ]
    attrs.append(
        _attribute(
            "service", service.id, "cost", virtual_term(v.COST, service.cost_category, lang=lang)
        )
    )
    for code, field in v.SERVICE_FLAGS.items():
        value = getattr(service, field)
        if value is not None:
            term = virtual_term(v.FLAG, code, lang=lang)
            attrs.append(_attribute("service", service.id, code, term, str(value).lower()))
    attrs += _extra_fields(service, "service", lang)
    if translations:
        attrs += _translations(service, "service", lang)
    return attrs


def service_to_hsds(
    service: Service, *, lang: str = "nl", translations: bool = True
) -> dict[str, Any]:
    """One service as an HSDS `service` object (compiled/service.json)."""
    return _compact(
        {
            "id": str(service.id),
            "organization_id": str(service.organization_id),
            "name": text(service, "name", lang),
            "alternate_name": text(service, "alternate_name", lang),
            "description": text(service, "description", lang),
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "application_process": text(service, "application_process", lang),
            "fees_description": text(service, "fees_description", lang),
            "eligibility_description": text(service, "eligibility_description", lang),
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": service.last_verified.isoformat() if service.last_verified else None,
            "phones": [phone_to_hsds(p) for p in _sorted(service.phones.all())],
            "schedules": [
                schedule_to_hsds(s, lang=lang, translations=translations)
                for s in _sorted(service.schedules.all())
            ],
            "service_areas": [
                service_area_to_hsds(a, lang=lang)
                for a in sorted(service.areas.all(), key=lambda a: a.nis)
            ],
            "service_at_locations": [
                service_at_location_to_hsds(sal, lang=lang, translations=translations)
                for sal in _sorted(service.service_at_locations.all())
            ],
            "languages": [
                _compact(
                    {
                        "id": v.stable_id("language", service.id, language.code),
                        "service_id": str(service.id),
                        "code": language.code,
                        "note": language.note,
                    }
                )
                for language in sorted(service.languages.all(), key=lambda x: x.code)
            ],
            "cost_options": [
                cost_option_to_hsds(o, lang=lang, translations=translations)
                for o in _sorted(service.cost_options.all())
            ],
            "contacts": [contact_to_hsds(c) for c in _sorted(service.contacts.all())],
            "attributes": _service_attributes(service, lang, translations),
        }
    )


def organization_to_hsds(
    organization: Organization, *, lang: str = "nl", translations: bool = True
) -> dict[str, Any]:
    """One organisation as an HSDS `organization` object (compiled/organization.json)."""
    attrs = _extra_fields(organization, "organization", lang)
    if translations:
        attrs += _translations(organization, "organization", lang)
    return _compact(
        {
            "id": str(organization.id),
            "name": text(organization, "name", lang),
            "alternate_name": text(organization, "alternate_name", lang),
            "email": organization.email,
            "website": organization.website,
            "legal_status": organization.legal_status,
            "phones": [phone_to_hsds(p) for p in _sorted(organization.phones.all())],
            "contacts": [contact_to_hsds(c) for c in _sorted(organization.contacts.all())],
            "locations": [
                location_to_hsds(loc, lang=lang, translations=translations)
                for loc in _sorted(organization.locations.all())
            ],
            "attributes": attrs,
        }
    ) | {"description": text(organization, "description", lang)}


def _sorted(objects: Iterable[_M]) -> list[_M]:
    """A stable order (by id), so two exports of the same data are byte for byte equal."""
    return sorted(objects, key=lambda o: str(o.pk))
