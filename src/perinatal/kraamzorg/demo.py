"""Kraamzorg demo data for `perinatal demo seed`: the demo kraamzorg service takes requests,
and a few requests show every side of the intake.

- The demo kraamzorg organisation's recognised service (`monitoring.Service`): the one linked
  to it (the monitoring demo links its first demo service, see monitoring/demo.py), or the
  monitoring demo's first service when loaded and still unlinked, else a service of its own
  (`DEMO-KZ-BXL`: not under the monitoring demo's prefix, so that its submissions still load).
- Its `KraamzorgOffer`: Brussels (area 04000), capacity 40 families, Dutch, French, English.
- Once (when the offer has no request yet), through the services: the demo midwife refers the
  demo family, marked vulnerable with a reason; the demo parent asks and is put on the waiting
  list; a family asks on the public form and is accepted, planned and visited once; the demo
  OCMW/CPAS refers a family it meets without its record (seed 003).
- A demo maternity-care assistant of the service (`demo-kraamverzorgende`), whom the intake
  assigns when it accepts a family on the platform (docs/decisions/0028-care-network.md).
"""

from datetime import timedelta

from django.utils import timezone

from perinatal.accounts.constants import OrganisationKind, Role
from perinatal.accounts.demo import (
    DEMO_ORGANISATION_NAMES,
    DEMO_USERNAMES,
    DemoLogin,
    demo_professional,
    demo_seeds,
)
from perinatal.accounts.models import Organisation, User
from perinatal.monitoring.constants import Sector
from perinatal.monitoring.models import Service
from perinatal.pathways.demo import DEMO_FAMILY_NAME

from .constants import Help, RequestStatus
from .models import KraamzorgOffer

DEMO_SERVICE_ID = "DEMO-KZ-BXL"
DEMO_ASSISTANT = "demo-kraamverzorgende"
DEMO_AREAS = ["04000"]  # the Brussels-Capital Region
DEMO_CAPACITY = 40
DEMO_LANGUAGES = ["nl", "fr", "en"]
VULNERABILITY_REASON = (
    "Isolated young mother without a network in Brussels; she thinks help is unaffordable."
)


def demo_service(organisation: Organisation) -> Service:
    """The recognised service the demo kraamzorg organisation answers for."""
    from perinatal.monitoring.demo import service_id

    linked = Service.objects.filter(organisation=organisation).first()
    if linked is not None:
        return linked
    first = Service.objects.filter(service_id=service_id(1), organisation__isnull=True).first()
    if first is not None:
        first.organisation = organisation
        first.save(update_fields=["organisation"])
        return first
    return Service.objects.create(
        service_id=DEMO_SERVICE_ID,
        name=organisation.name,
        sector=Sector.PRIVATE,
        organisation=organisation,
    )


def demo_offer() -> KraamzorgOffer:
    organisation = Organisation.objects.get(
        name=DEMO_ORGANISATION_NAMES[OrganisationKind.KRAAMZORG_SERVICE]
    )
    offer, _created = KraamzorgOffer.objects.get_or_create(
        service=demo_service(organisation),
        defaults={
            "areas": DEMO_AREAS,
            "postcodes": [],
            "capacity": DEMO_CAPACITY,
            "languages": DEMO_LANGUAGES,
        },
    )
    return offer


def _demo_requests(offer: KraamzorgOffer) -> None:
    from perinatal.pathways.models import Pregnancy

    from .services.care import visit_record
    from .services.requests import RequestInput, request_decide, request_refer, request_submit

    today = timezone.localdate()
    user = {role: User.objects.get(username=DEMO_USERNAMES[role]) for role in DEMO_USERNAMES}
    staff = user[Role.KRAAMZORG_SERVICE]
    family = Pregnancy.objects.filter(
        mother__family_name=DEMO_FAMILY_NAME,
        lead_organisation=user[Role.INDEPENDENT_MIDWIFE].organisation,
    ).first()
    if family is not None:
        request_refer(
            by=user[Role.INDEPENDENT_MIDWIFE],
            pregnancy=family,
            offer=offer,
            data=RequestInput(
                due_date=family.due_date,
                birth_date=None,
                postcode=family.postcode,
                municipality=family.municipality,
                adults=1,
                children=0,
                income_band="A",
                languages=["fr", "ar"],
                help_wanted=[Help.BABY_CARE, Help.MOTHER_CARE, Help.EMOTIONAL],
            ),
            reason="First child; the mother asks for help with breastfeeding and baby care.",
            vulnerability_reason=VULNERABILITY_REASON,
        )
    asked = request_submit(
        by=user[Role.PARENT],
        offer=offer,
        data=RequestInput(
            due_date=today + timedelta(days=75),
            birth_date=None,
            postcode="1000",
            municipality="Brussel",
            adults=2,
            children=1,
            income_band="C",
            languages=["nl"],
            help_wanted=[Help.BABY_CARE, Help.HOUSEHOLD],
        ),
    )
    request_decide(by=staff, kraamzorg_request=asked, status=RequestStatus.WAITING)
    public = request_submit(
        by=None,
        offer=offer,
        data=RequestInput(
            due_date=today - timedelta(days=6),
            birth_date=today - timedelta(days=3),
            postcode="1030",
            municipality="Schaerbeek",
            adults=2,
            children=0,
            income_band="B",
            languages=["fr", "en"],
            help_wanted=[Help.BABY_CARE, Help.MOTHER_CARE],
            contact_name="Demo Famille",
            contact_email="demo-famille@demo.perinatal.invalid",
        ),
    )
    accepted = request_decide(
        by=staff,
        kraamzorg_request=public,
        status=RequestStatus.ACCEPTED,
        planned_start=today,
        planned_hours=36,
    )
    visit_record(by=staff, kraamzorg_request=accepted, date=today, hours="4.5", carer="Demo Sofie")
    _demo_ocmw_referral(offer, user[Role.OCMW])


def _demo_ocmw_referral(offer: KraamzorgOffer, ocmw: User) -> None:
    from .services.referral import request_refer_family
    from .services.requests import RequestInput

    request_refer_family(
        by=ocmw,
        offer=offer,
        data=RequestInput(
            due_date=timezone.localdate() + timedelta(days=60),
            birth_date=None,
            postcode="1070",
            municipality="Anderlecht",
            adults=1,
            children=2,
            income_band="A",
            languages=["fr", "ro"],
            help_wanted=[Help.BABY_CARE, Help.HOUSEHOLD, Help.EMOTIONAL],
            contact_name="Demo Maman",
            contact_phone="0470 00 00 00",
        ),
        reason="Third child; the mother asks for help at home after the birth.",
        vulnerability_reason="Single mother with a living wage from the OCMW/CPAS.",
    )


def demo_assistant() -> DemoLogin:
    """The demo service's maternity-care assistant (a user of the service)."""
    organisation = Organisation.objects.get(
        name=DEMO_ORGANISATION_NAMES[OrganisationKind.KRAAMZORG_SERVICE]
    )
    user = demo_professional(
        username=DEMO_ASSISTANT, role=Role.KRAAMZORG_SERVICE, organisation=organisation
    )
    return DemoLogin(
        username=user.username,
        role=str(Role.KRAAMZORG_SERVICE.label),
        organisation=organisation.name,
        two_factor=True,
    )


def kraamzorg_demo_seed() -> list[DemoLogin]:
    """The demo service's offer, its maternity-care assistant and, once, its demo requests."""
    offer = demo_offer()
    assistant = demo_assistant()
    if not offer.requests.exists():
        _demo_requests(offer)
    return [assistant]


demo_seeds.register("kraamzorg", kraamzorg_demo_seed)
