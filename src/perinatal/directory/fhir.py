"""The directory as a FHIR R5 Bundle of Organization, Location and HealthcareService.

Built with the `fhir.resources` models, so what we write is what they accept. Text is in
Dutch (the default language); French and English travel in the standard translation
extension (`http://hl7.org/fhir/StructureDefinition/translation`) on `_name`, `_comment`, ….
Our own vocabularies (phases, needs, cost, flags) are code systems under `urn:perinatal:`.
"""

import json
from pathlib import Path

from fhir.resources.address import Address as FhirAddress
from fhir.resources.bundle import Bundle, BundleEntry
from fhir.resources.codeableconcept import CodeableConcept
from fhir.resources.coding import Coding
from fhir.resources.contactpoint import ContactPoint
from fhir.resources.extendedcontactdetail import ExtendedContactDetail
from fhir.resources.extension import Extension
from fhir.resources.fhirprimitiveextension import FHIRPrimitiveExtension
from fhir.resources.healthcareservice import HealthcareService, HealthcareServiceEligibility
from fhir.resources.location import Location as FhirLocation
from fhir.resources.location import LocationPosition
from fhir.resources.organization import Organization as FhirOrganization
from fhir.resources.reference import Reference

from django.db.models import Model, Prefetch

from .constants import CostCategory
from .hsds import vocabulary as v
from .hsds.export import text
from .models import Location, Organization, Service, ServiceAtLocation

TRANSLATION_URL = "http://hl7.org/fhir/StructureDefinition/translation"
SYSTEM = "urn:perinatal:"  # + phase, need, cost, flag, programme, organization-kind
LANGUAGE_SYSTEM = "urn:ietf:bcp:47"
PROGRAMME_CODE = "first-1000-days"


def _translations(
    obj: Model, field: str, *, markdown: bool = False
) -> FHIRPrimitiveExtension | None:
    """The translation extension for `field` in every language but the default one."""
    extensions = []
    for code in v.other_languages(v.default_language()):
        value = getattr(obj, f"{field}_{code}", "")
        if not value:
            continue
        content = (
            Extension(url="content", valueMarkdown=value)
            if markdown
            else Extension(url="content", valueString=value)
        )
        extensions.append(
            Extension(
                url=TRANSLATION_URL, extension=[Extension(url="lang", valueCode=code), content]
            )
        )
    return FHIRPrimitiveExtension(extension=extensions) if extensions else None


def _nl(obj: Model, field: str) -> str | None:
    return text(obj, field, v.default_language()) or None


def _concept(system: str, code: str, display: str | None = None) -> CodeableConcept:
    return CodeableConcept(
        coding=[Coding(system=f"{SYSTEM}{system}", code=code, display=display or None)],
        text=display or code,
    )


def _telecom(phones, email: str = "", url: str = "") -> list[ContactPoint]:
    points = [ContactPoint(system="phone", value=str(p.number)) for p in phones]
    if email:
        points.append(ContactPoint(system="email", value=email))
    if url:
        points.append(ContactPoint(system="url", value=url))
    return points


def _contact(phones, email: str = "", url: str = "") -> list[ExtendedContactDetail] | None:
    telecom = _telecom(phones, email, url)
    return [ExtendedContactDetail(telecom=telecom)] if telecom else None


def organization_resource(org: Organization) -> FhirOrganization:
    return FhirOrganization(
        id=str(org.id),
        active=True,
        name=_nl(org, "name"),
        _name=_translations(org, "name"),
        alias=[_nl(org, "alternate_name")] if _nl(org, "alternate_name") else None,
        description=_nl(org, "description"),
        _description=_translations(org, "description", markdown=True),
        type=[_concept("organization-kind", org.kind, str(org.get_kind_display()))],
        contact=_contact(sorted(org.phones.all(), key=lambda p: str(p.pk)), org.email, org.website),
    )


def location_resource(location: Location) -> FhirLocation:
    address = min(location.addresses.all(), key=lambda a: str(a.pk), default=None)
    position = None
    if location.latitude is not None and location.longitude is not None:
        position = LocationPosition(latitude=location.latitude, longitude=location.longitude)
    return FhirLocation(
        id=str(location.id),
        status="active",
        mode="instance",
        name=_nl(location, "name"),
        _name=_translations(location, "name"),
        description=_nl(location, "description"),
        _description=_translations(location, "description", markdown=True),
        address=FhirAddress(
            use="work",
            type="physical" if address.address_type == "physical" else "postal",
            line=[line for line in (address.address_1, address.address_2) if line],
            city=_nl(address, "city"),
            _city=_translations(address, "city"),
            postalCode=address.postal_code or None,
            country=address.country or None,
        )
        if address
        else None,
        position=position,
        managingOrganization=Reference(reference=f"Organization/{location.organization_id}")
        if location.organization_id
        else None,
        contact=_contact(sorted(location.phones.all(), key=lambda p: str(p.pk))),
    )


def service_resource(service: Service) -> HealthcareService:
    characteristic = [
        _concept("cost", service.cost_category, str(CostCategory(service.cost_category).label))
    ]
    for code, field in v.SERVICE_FLAGS.items():
        if code != "programme-1000-days" and getattr(service, field) is True:
            characteristic.append(_concept("flag", code))
    eligibility = None
    if _nl(service, "eligibility_description"):
        eligibility = [
            HealthcareServiceEligibility(
                comment=_nl(service, "eligibility_description"),
                _comment=_translations(service, "eligibility_description", markdown=True),
            )
        ]
    return HealthcareService(
        id=str(service.id),
        active=service.status == "active",
        providedBy=Reference(reference=f"Organization/{service.organization_id}"),
        name=_nl(service, "name"),
        _name=_translations(service, "name"),
        comment=_nl(service, "description"),
        _comment=_translations(service, "description", markdown=True),
        extraDetails=_nl(service, "fees_description"),
        _extraDetails=_translations(service, "fees_description", markdown=True),
        category=[_concept("phase", t.code, _nl(t, "name")) for t in service.phases.all()] or None,
        type=[_concept("need", t.code, _nl(t, "name")) for t in service.needs.all()] or None,
        characteristic=characteristic,
        eligibility=eligibility,
        program=[_concept("programme", PROGRAMME_CODE, "Eerste 1000 dagen")]
        if service.programme_1000_days
        else None,
        communication=[
            CodeableConcept(coding=[Coding(system=LANGUAGE_SYSTEM, code=lang.code)])
            for lang in sorted(service.languages.all(), key=lambda x: x.code)
        ]
        or None,
        location=[
            Reference(reference=f"Location/{sal.location_id}")
            for sal in sorted(service.service_at_locations.all(), key=lambda s: str(s.pk))
        ]
        or None,
        contact=_contact(
            sorted(service.phones.all(), key=lambda p: str(p.pk)), service.email, service.url
        ),
    )


def directory_bundle() -> Bundle:
    """All organisations, locations and services as one `collection` Bundle."""
    organizations = Organization.objects.prefetch_related("phones").order_by("id")
    locations = Location.objects.prefetch_related("addresses", "phones").order_by("id")
    at_locations = Prefetch(
        "service_at_locations",
        queryset=ServiceAtLocation.objects.only("id", "service_id", "location_id"),
    )
    services = Service.objects.prefetch_related(
        "phases", "needs", "languages", "phones", at_locations
    ).order_by("id")
    resources = (
        [organization_resource(o) for o in organizations]
        + [location_resource(loc) for loc in locations]
        + [service_resource(s) for s in services]
    )
    return Bundle(
        type="collection",
        entry=[BundleEntry(fullUrl=f"urn:uuid:{r.id}", resource=r) for r in resources],
    )


def export_fhir(path: Path) -> dict[str, int]:
    """Write the Bundle as JSON to `path`; return the number of resources per type."""
    bundle = directory_bundle()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.loads(bundle.model_dump_json(exclude_none=True))
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for entry in bundle.entry or []:
        if entry.resource is None:  # directory_bundle() gives every entry its resource
            raise ValueError(f"Bundle entry {entry.fullUrl} has no resource")
        name = entry.resource.get_resource_type()
        counts[name] = counts.get(name, 0) + 1
    return counts
