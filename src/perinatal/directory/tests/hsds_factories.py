"""A small directory with every part the HSDS and FHIR exports carry, in two languages."""

import datetime
from decimal import Decimal

from perinatal.directory.constants import CostCategory, OrganizationKind
from perinatal.directory.models import (
    Address,
    Contact,
    CostOption,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)

from .factories import OrganizationFactory, ServiceFactory


def rich_directory() -> list[Service]:
    """Two organisations, three services, two locations, with all the facts we keep."""
    org = OrganizationFactory(
        key="kind-en-gezin",
        kind=OrganizationKind.PUBLIC_AGENCY,
        name_nl="Kind en Gezin",
        name_fr="Kind en Gezin (ONE)",
        email="info@example.be",
        website="https://www.example.be",
    )
    Phone.objects.create(organization=org, number="+32 2 533 12 11")
    Contact.objects.create(organization=org, department="Onthaal", email="onthaal@example.be")
    consult = ServiceFactory(
        organization=org,
        key="prenatale-consultatie",
        name_nl="Prenatale consultatie",
        name_fr="Consultation prénatale",
        name_en="Prenatal consultation",
        description_nl="Gratis opvolging van je zwangerschap.",
        description_fr="Suivi gratuit de votre grossesse.",
        eligibility_description_nl="Voor alle zwangere vrouwen.",
        eligibility_description_fr="Pour toutes les femmes enceintes.",
        fees_description_nl="Gratis",
        fees_description_fr="Gratuit",
        cost_category=CostCategory.FREE,
        programme_1000_days=True,
        prescription_required=False,
        referral_required=True,
        last_verified=datetime.date(2025, 3, 1),
        verified_by="redactie",
        source="Focus 2024",
        source_page=12,
        minimum_age=14,
        url="https://www.example.be/consult",
        phases=["prenatal", "birth"],
        needs=["medical_follow_up", "no_insurance"],
        spoken=["nl", "fr", "ar"],
        address=("Deltastraat 65", "1190", "Vorst", "Forest"),
        areas=["04000", "02000"],  # the Brussels-Capital Region and Flanders
    )
    Phone.objects.create(service=consult, number="+32 2 533 12 12", description="Afspraken")
    desk = Contact.objects.create(service=consult, name="Onthaal consultatie", email="c@example.be")
    Phone.objects.create(contact=desk, number="0471 84 29 93", type="cell")
    Schedule.objects.create(
        service=consult,
        description_nl="Dinsdag en donderdag",
        description_fr="Mardi et jeudi",
        freq="WEEKLY",
        byday="TU,TH",
        opens_at=datetime.time(9, 0),
        closes_at=datetime.time(12, 30),
    )
    CostOption.objects.create(
        service=consult,
        option_nl="Sociaal tarief",
        option_fr="Tarif social",
        amount=Decimal("4.50"),
        amount_description_nl="per consultatie",
        amount_description_fr="par consultation",
    )
    location = consult.service_at_locations.get().location
    location.name_fr = "Consultation Forest"
    location.latitude = Decimal("50.810000")
    location.longitude = Decimal("4.318000")
    location.save()
    Phone.objects.create(location=location, number="+32 2 533 12 13")

    other = OrganizationFactory(name_nl="Vroedvrouwenpraktijk", name_fr="Cabinet de sages-femmes")
    grief = ServiceFactory(
        organization=other,
        name_nl="Perinatale rouw",
        name_fr="Deuil périnatal",
        cost_category=CostCategory.PAYING,
        phases=["specific_situations"],
        needs=["perinatal_grief"],
        spoken=["nl"],
        areas=["21012", "21011"],  # Sint-Jans-Molenbeek and Koekelberg
    )
    shared = Location.objects.create(organization=other, name_nl="Praktijk", name_fr="Cabinet")
    Address.objects.create(
        location=shared,
        address_1="Rue Haute 1",
        postal_code="1000",
        city_nl="Brussel",
        city_fr="Bruxelles",
    )
    ServiceAtLocation.objects.create(service=grief, location=shared)
    home = ServiceFactory(organization=other, name_nl="Thuisbevalling", name_fr="Accouchement")
    ServiceAtLocation.objects.create(service=home, location=shared, description="Aan huis")
    return [consult, grief, home]
