"""The events of the other apps, each brought about through its own service, for the
notification tests: a referral sent and answered, kraamzorg requests answered and forwarded,
booklet orders handled, and a directory entry with a phone for the kraamzorg service."""

from typing import Any

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import make_persona
from perinatal.booklets.tests.orders_support import midwife_order, through_desk
from perinatal.directory.models import Organization, Phone, Service
from perinatal.kraamzorg.models import KraamzorgRequest
from perinatal.kraamzorg.services import requests as kraamzorg_requests
from perinatal.kraamzorg.tests.intake_support import offer_for, request_input
from perinatal.pathways import access
from perinatal.pathways.services import referrals
from perinatal.pathways.tests.factories import register

# What the family told and what must never reach an e-mail (health data, names).
SECRETS = ("Sara Testouder", "Needs follow-up", "postnatal depression", "0470 00 00 00")
SERVICE_PHONE = "+3222167944"
SERVICE_PHONE_SHOWN = "02 216 79 44"


def directory_service(organisation: Any, name: str = "Aquarelle follow-up") -> Service:
    """A directory entry answered by `organisation`, with a phone."""
    entry = Organization.objects.create(name=f"{name} (org)")
    Phone.objects.create(organization=entry, number=SERVICE_PHONE)
    organisation.directory_organization = entry
    organisation.save()
    return Service.objects.create(organization=entry, name=name)


def refer(by: Any, to: Any) -> Any:
    pregnancy = register(by)
    return referrals.referral_create(
        by=by,
        pregnancy=pregnancy,
        grant=access.grant_for(by, pregnancy),
        service=directory_service(to.organisation),
        reason="Needs follow-up: postnatal depression",
    )


def kraamzorg_offer(staff: Any):
    offer = offer_for(staff, name="Kraamzorg Zon")
    directory_service(staff.organisation, name="Kraamzorg Zon")
    return offer


def parent_request(offer: Any, by: Any = None, **overrides: Any) -> KraamzorgRequest:
    return kraamzorg_requests.request_submit(by=by, offer=offer, data=request_input(**overrides))


def refer_kraamzorg(by: Any, offer: Any) -> KraamzorgRequest:
    return kraamzorg_requests.request_refer(
        by=by,
        pregnancy=register(by),
        offer=offer,
        data=request_input(contact_email=""),
        reason="Needs follow-up: postnatal depression",
    )


def decide(staff: Any, kraamzorg_request: KraamzorgRequest, status: str) -> KraamzorgRequest:
    extra: dict[str, Any] = {}
    if status == "accepted":
        extra = {"planned_start": kraamzorg_request.due_date, "planned_hours": 24}
    if status == "refused":
        extra = {"refusal_reason": "no_capacity"}
    return kraamzorg_requests.request_decide(
        by=staff, kraamzorg_request=kraamzorg_request, status=status, **extra
    )


def forward(staff: Any, kraamzorg_request: KraamzorgRequest) -> KraamzorgRequest:
    other_staff = make_persona(Role.KRAAMZORG_SERVICE)
    other = offer_for(other_staff, name="Kraamzorg Maan")
    decide(staff, kraamzorg_request, "refused")
    return kraamzorg_requests.request_forward(
        by=staff, kraamzorg_request=kraamzorg_request, offer=other
    )


def order_through(midwife: Any, desk: Any, *steps: str, reason: str = "") -> Any:
    order = midwife_order(midwife, 10, declared_births=20)
    return through_desk(desk, order, *steps, reason=reason)
