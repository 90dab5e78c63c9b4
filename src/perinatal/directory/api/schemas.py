"""Ninja schemas for the HSDS 3.0 objects the API returns, so the OpenAPI document shows them.

The objects themselves are built by `perinatal.directory.hsds.export`; these schemas only
describe (and check) them. Optional fields are left out of responses when empty.
"""

from typing import Annotated, Literal

from ninja import Field, Schema

from perinatal.api.pagination import Page, page_query
from perinatal.api.schemas import InvalidInputProblem

from ..constants import Need, Phase


class TaxonomyTermOut(Schema):
    id: str
    code: str | None = None
    name: str
    description: str
    parent_id: str | None = None
    taxonomy: str | None = None
    language: str | None = None


class AttributeOut(Schema):
    id: str
    link_id: str | None = None
    link_type: str | None = None
    link_entity: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_term: TaxonomyTermOut | None = None
    value: str | None = None


class PhoneOut(Schema):
    id: str
    organization_id: str | None = None
    service_id: str | None = None
    location_id: str | None = None
    contact_id: str | None = None
    number: str = Field(description="E.164 (+3222167944), or a Belgian short number (1733).")
    type: str | None = None
    description: str | None = None


class ContactOut(Schema):
    id: str
    organization_id: str | None = None
    service_id: str | None = None
    name: str | None = None
    title: str | None = None
    department: str | None = None
    email: str | None = None
    phones: list[PhoneOut] = []


class ScheduleOut(Schema):
    id: str
    service_id: str | None = None
    location_id: str | None = None
    freq: str | None = None
    byday: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    description: str | None = None
    attributes: list[AttributeOut] = []


class AddressOut(Schema):
    id: str
    location_id: str | None = None
    address_1: str
    address_2: str | None = None
    city: str
    region: str | None = None
    state_province: str
    postal_code: str
    country: str
    address_type: str
    attributes: list[AttributeOut] = []


class LocationOut(Schema):
    id: str
    location_type: str
    organization_id: str | None = None
    name: str | None = None
    description: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    addresses: list[AddressOut] = []
    phones: list[PhoneOut] = []
    schedules: list[ScheduleOut] = []
    attributes: list[AttributeOut] = []


class ServiceAtLocationOut(Schema):
    id: str
    service_id: str | None = None
    location_id: str | None = None
    description: str | None = None
    location: LocationOut | None = None


class LanguageOut(Schema):
    id: str
    service_id: str | None = None
    code: str | None = None
    note: str | None = None


class CostOptionOut(Schema):
    id: str
    service_id: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    option: str | None = None
    currency: str | None = None
    amount: float | None = None
    amount_description: str | None = None
    attributes: list[AttributeOut] = []


class ServiceAreaOut(Schema):
    """An HSDS 3.0 `service_area`: a region, province or municipality by its NIS code."""

    id: str
    service_id: str | None = None
    name: str | None = None
    description: str | None = None
    uri: str | None = None
    attributes: list[AttributeOut] = []


class ServiceOut(Schema):
    """An HSDS 3.0 `service`; phases, needs, cost and flags are in `attributes`."""

    id: str
    organization_id: str | None = None
    name: str
    alternate_name: str | None = None
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: str
    application_process: str | None = None
    fees_description: str | None = None
    eligibility_description: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    assured_date: str | None = None
    phones: list[PhoneOut] = []
    schedules: list[ScheduleOut] = []
    service_areas: list[ServiceAreaOut] = []
    service_at_locations: list[ServiceAtLocationOut] = []
    languages: list[LanguageOut] = []
    cost_options: list[CostOptionOut] = []
    contacts: list[ContactOut] = []
    attributes: list[AttributeOut] = []


class OrganizationOut(Schema):
    """An HSDS 3.0 `organization`."""

    id: str
    name: str
    alternate_name: str | None = None
    description: str
    email: str | None = None
    website: str | None = None
    legal_status: str | None = None
    phones: list[PhoneOut] = []
    contacts: list[ContactOut] = []
    locations: list[LocationOut] = []
    attributes: list[AttributeOut] = []


class ServicePage(Page[ServiceOut]):
    """Services, best first, a page at a time."""

    did_you_mean: str | None = Field(
        None,
        description="The question with its typos corrected, when the search used corrections "
        "(absent otherwise): offer it as a link.",
    )
    total_estimated: bool | None = Field(
        None,
        description="True when `total_items` (and `total_pages`) are an estimate (absent otherwise): a word found in "
        "most of the directory ranks its best candidates and estimates how many match, and a "
        "place without words that more than 2,000 services serve estimates their number. "
        "Show it as “about N”.",
    )


class OrganizationPage(Page[OrganizationOut]):
    """Organisations, a page at a time."""


class TaxonomyTermPage(Page[TaxonomyTermOut]):
    """Taxonomy terms, a page at a time."""


class DirectoryInvalidInputProblem(InvalidInputProblem):
    """A correction that cannot be made; `field` is the first error's field (deprecated: read
    `errors`)."""

    field: str | None = Field(None, json_schema_extra={"deprecated": True})


Lang = Literal["nl", "fr", "en"]


class LangParams(Schema):
    lang: Lang = Field("nl", description="Language of the text: nl, fr or en.")


# The parameters `lang`, `page`, `per_page`, then the filters: pydantic lists the bases'
# fields first, the last base's before the others.
class ServiceFilters(page_query(), LangParams):  # type: ignore[misc]
    q: str = Field("", description="Words to search for in the chosen language.")
    phase: list[Phase] = Field([], description="Phases of the first 1000 days (any of them).")
    need: list[Need] = Field([], description="Needs (any of them).")
    language: list[Annotated[str, Field(pattern=r"^[A-Za-z]{2,3}$")]] = Field(
        [], description="Languages the service is offered in, ISO 639-1 (any of them)."
    )
    low_cost: bool = Field(False, description="Only free services or a social tariff.")
    programme: bool = Field(False, description="Only services in the first-1000-days programme.")
    place: str = Field(
        "",
        max_length=100,
        description=(
            "A Belgian postcode or municipality (Dutch or French name, any case or accents): "
            "the services that serve it, those located there first, then those whose areas "
            "name it, then those serving its province or region. An unknown place is refused "
            "(422)."
        ),
    )
    postcode: str = Field(
        "",
        max_length=10,
        description="Deprecated: read as `place`.",
        json_schema_extra={"deprecated": True},
    )
    municipality: str = Field(
        "",
        max_length=100,
        description="Deprecated: read as `place`.",
        json_schema_extra={"deprecated": True},
    )
