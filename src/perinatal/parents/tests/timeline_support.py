"""A family with something of every kind on its record, for the tests of "My first 1000 days":
contacts (an internal note and a shared one), a screening, programme services, a referral to a
directory service with a phone, a Kindboekje, a parent's booklet order, a kraamzorg request, a
care team whose organisation has a directory entry with its contacts."""

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import make_persona
from perinatal.booklets.constants import Channel, OrderKind, OrderStatus
from perinatal.booklets.models import Booklet, BookletOrder
from perinatal.directory.models import Phone
from perinatal.directory.tests.factories import OrganizationFactory, ServiceFactory
from perinatal.kraamzorg.constants import RequestStatus
from perinatal.kraamzorg.tests.care_support import make_request
from perinatal.kraamzorg.tests.intake_support import offer_for
from perinatal.pathways.access import Grant
from perinatal.pathways.constants import ContactKind, ProgrammeServiceKind, ReferralStatus
from perinatal.pathways.models import (
    Contact,
    IndicatorCatalogue,
    ProgrammeService,
    Referral,
    Screening,
)
from perinatal.pathways.rules import Scenario
from perinatal.pathways.services import families
from perinatal.pathways.tests.factories import child, register

from .factories import linked_parent

INTERNAL = "Moeder lijkt erg moe, opvolgen (intern)"
SHARED = "Denk aan de vitamine D voor de baby."


def a_family(*, today: date, born: date | None = None, due: date | None = None, **overrides: Any):
    """A family registered by a Kind en Gezin nurse whose team has a directory entry."""
    nurse = make_persona(Role.KG_PROFESSIONAL)
    entry = OrganizationFactory(
        email="team@kindengezin.test", website="https://www.kindengezin.be/"
    )
    Phone.objects.create(organization=entry, number="+3225331212")
    nurse.organisation.directory_organization = entry
    nurse.organisation.save(update_fields=["directory_organization"])
    pregnancy = register(
        nurse,
        registered_on=today - timedelta(days=120),
        due_date=due or today + timedelta(days=60),
        **overrides,
    )
    if born is not None:
        families.birth_record(
            by=nurse,
            pregnancy=pregnancy,
            grant=Grant("care_team"),
            date=born,
            place="hospital",
            place_name="UZ Brussel",
            children=[child(given_name="Noor")],
        )
    return pregnancy, nurse


def fill(pregnancy, nurse, *, today: date, once: bool = True) -> dict[str, Any]:
    """Something of every kind on the record (`once=False`: again, without what a family has
    only once, the screening and the Kindboekje)."""
    organisation = pregnancy.lead_organisation
    day = today - timedelta(days=30)
    Contact.objects.create(
        pregnancy=pregnancy,
        date=day,
        kind=ContactKind.START_CONVERSATION,
        note=INTERNAL,
        organisation=organisation,
    )
    Contact.objects.create(
        pregnancy=pregnancy,
        date=day + timedelta(days=1),
        kind=ContactKind.HOME_VISIT,
        note=SHARED,
        share_with_family=True,
        organisation=organisation,
    )
    catalogue, _ = IndicatorCatalogue.objects.get_or_create(
        version="t", defaults={"valid_from": date(2020, 1, 1), "sources": "t"}
    )
    if once:
        Screening.objects.create(
            pregnancy=pregnancy,
            catalogue=catalogue,
            date=day,
            positive_inclusion_criteria=1,
            scenario=Scenario.A,
            organisation=organisation,
        )
    for n in range(2):
        ProgrammeService.objects.create(
            pregnancy=pregnancy,
            kind=ProgrammeServiceKind.PHYSIOTHERAPY,
            date=day + timedelta(days=n),
            organisation=organisation,
            note="intern: rugpijn",
        )
    ProgrammeService.objects.create(
        pregnancy=pregnancy,
        kind=ProgrammeServiceKind.PPA,
        date=day,
        organisation=organisation,
    )
    service = ServiceFactory(email="onthaal@dienst.test")
    Phone.objects.create(service=service, number="+3224101010")
    Referral.objects.create(
        pregnancy=pregnancy,
        service=service,
        reason="Geheime reden van de verwijzing",
        status=ReferralStatus.TO_CONTACT,
        from_organisation=organisation,
    )
    if once:
        Booklet.objects.create(
            pregnancy=pregnancy,
            child_order=1,
            handed_out_on=day,
            channel=Channel.KG_START_CONVERSATION,
            organisation=organisation,
            area_nis=pregnancy.area_nis,
        )
    BookletOrder.objects.create(
        kind=OrderKind.PARENT,
        status=OrderStatus.SHIPPED,
        ordered_by=linked_parent(pregnancy),
        kindboekjes=1,
        subject_hash=uuid.uuid4().hex * 2,
        pregnancy=pregnancy,
        ship_to_name="A",
        ship_to_street="Straat 1",
        ship_to_postcode="1080",
        ship_to_municipality="Molenbeek",
        area_nis=pregnancy.area_nis,
    )
    offer = offer_for(name="Kraamzorg Zonnig")
    request = make_request(
        offer,
        pregnancy=pregnancy,
        status=RequestStatus.WAITING,
        submitted_at=timezone.make_aware(datetime.combine(day, datetime.min.time())),
        referral_reason="",
    )
    return {"service": service, "offer": offer, "request": request}
