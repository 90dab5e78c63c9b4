"""The one read of "My first 1000 days" for a family a parent is linked to.

The view loads the family with `selectors.own_family_get` (the link checked, the read logged
once on the basis "own record"); `my_first_1000_days(pregnancy, today=…)` then reads
everything the page shows of that family only, each list in one query with what it displays,
so the page costs the same number of queries however long the record grows
(`tests/test_timeline_page.py` holds the bound). Decision 0036.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from perinatal.booklets.constants import OrderKind
from perinatal.booklets.models import Booklet, BookletOrder
from perinatal.kraamzorg.constants import RequestStatus
from perinatal.kraamzorg.models import KraamzorgRequest
from perinatal.pathways.constants import REFERRAL_OPEN, PregnancyStatus
from perinatal.pathways.models import Birth, Pregnancy

from . import timeline, wording
from .reach import Reach, phones_of, reach_organisation, reach_service


@dataclass(frozen=True)
class TeamMember:
    organisation: str
    kind: str  # the kind of organisation, in words
    person: str  # the named professional and their profession, if any
    reach: Reach


@dataclass(frozen=True)
class ReferralShown:
    service: Any  # the directory service (its name is translated content)
    organisation: Any
    sent_on: date
    status: str
    open: bool
    reach: Reach


@dataclass(frozen=True)
class KraamzorgShown:
    service: str
    asked_on: date
    status: str
    reference: str
    planned_start: date | None
    reach: Reach


@dataclass(frozen=True)
class OrderShown:
    ordered_on: date
    status: str
    child_order: int


@dataclass(frozen=True)
class MyFamily:
    pregnancy: Pregnancy
    birth_date: date | None
    ended: bool  # the pregnancy ended without a birth: nothing about a baby to come
    agency: str
    happened: list[timeline.Happened]
    coming: list[timeline.Coming]
    entitlements: list[timeline.Entitlement]
    team: list[TeamMember]
    referrals: list[ReferralShown]
    kraamzorg: list[KraamzorgShown]
    orders: list[OrderShown]


def _person(professional: Any) -> str:
    if professional is None:
        return ""
    name = professional.get_full_name() or ""
    profession = professional.get_profession_display() if professional.profession else ""
    return ", ".join(part for part in (name, profession) if part)


def my_first_1000_days(pregnancy: Pregnancy, *, today: date | None = None) -> MyFamily:
    """Everything the parents' page shows of `pregnancy` (already checked and logged)."""
    today = today or timezone.localdate()
    birth = Birth.objects.filter(pregnancy=pregnancy).first()
    children = list(birth.children.all()) if birth is not None else []
    contacts = list(pregnancy.contacts.select_related("organisation"))
    screenings = list(pregnancy.screenings.select_related("organisation"))
    services = list(pregnancy.programme_services.select_related("organisation"))
    referrals = list(
        pregnancy.referrals.select_related("service__organization", "from_organisation")
    )
    team = list(
        pregnancy.team.filter(ended_at__isnull=True).select_related(
            "organisation__directory_organization", "professional"
        )
    )
    booklets = list(Booklet.objects.filter(pregnancy=pregnancy).order_by("handed_out_on", "id"))
    orders = list(
        BookletOrder.objects.filter(pregnancy=pregnancy, kind=OrderKind.PARENT).order_by(
            "-submitted_at"
        )
    )
    requests = list(
        KraamzorgRequest.objects.filter(pregnancy=pregnancy)
        .select_related("offer__service__organisation__directory_organization")
        .order_by("-submitted_at")
    )
    entries = [m.organisation.directory_organization for m in team]
    entries += [
        k.offer.service.organisation.directory_organization
        for k in requests
        if k.offer.service.organisation is not None
    ]
    phones = phones_of(
        organisations=[e.pk for e in entries if e is not None]
        + [r.service.organization_id for r in referrals],
        services=[r.service_id for r in referrals],
    )
    scenario = timeline.scenario_of(screenings, today)
    agency = timeline.agency_of(
        lead_kind=pregnancy.lead_organisation.kind,
        team_kinds=[m.organisation.kind for m in team],
        area_nis=pregnancy.area_nis,
        languages=pregnancy.languages,
    )
    birth_date = birth.date if birth is not None else None
    ended = pregnancy.status == PregnancyStatus.ENDED
    return MyFamily(
        pregnancy=pregnancy,
        birth_date=birth_date,
        ended=ended,
        agency=agency,
        happened=timeline.happened(
            pregnancy=pregnancy,
            birth=birth,
            children=children,
            contacts=contacts,
            screenings=screenings,
            services=services,
            referrals=referrals,
            booklets=booklets,
            kraamzorg_requests=requests,
            today=today,
        ),
        coming=[]
        if ended
        else timeline.coming(
            due_date=pregnancy.due_date,
            birth_date=birth_date,
            screened=bool(screenings),
            kraamzorg_asked=bool(requests),
            agency=agency,
            today=today,
        ),
        entitlements=timeline.entitlements(
            services, scenario=scenario, today=today, born=birth is not None
        ),
        team=[
            TeamMember(
                organisation=m.organisation.name,
                kind=m.organisation.get_kind_display(),
                person=_person(m.professional),
                reach=reach_organisation(m.organisation.directory_organization, phones),
            )
            for m in team
        ],
        referrals=[
            ReferralShown(
                service=r.service,
                organisation=r.service.organization,
                sent_on=timezone.localdate(r.created_at),
                status=str(wording.REFERRAL_STATUS[r.status]),
                open=r.status in REFERRAL_OPEN,
                reach=reach_service(r.service, phones),
            )
            for r in referrals
        ],
        kraamzorg=[
            KraamzorgShown(
                service=k.offer.service.name,
                asked_on=timezone.localdate(k.submitted_at),
                status=str(wording.KRAAMZORG_STATUS[k.status]),
                reference=k.reference,
                planned_start=k.planned_start if k.status == RequestStatus.ACCEPTED else None,
                reach=reach_organisation(
                    k.offer.service.organisation.directory_organization
                    if k.offer.service.organisation is not None
                    else None,
                    phones,
                ),
            )
            for k in requests
        ],
        orders=[
            OrderShown(
                ordered_on=timezone.localdate(o.submitted_at),
                status=str(wording.ORDER_STATUS[o.status]),
                child_order=o.child_order,
            )
            for o in orders
        ],
    )
