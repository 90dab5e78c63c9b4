"""Who the family record tells, and what (docs/decisions/0030-notifications.md).

- A referral received: the members of the organisation it is addressed to (a service on the
  platform), linked to the page where they answer it.
- A referral answered (accepted, declined, completed): who sent it, linked to the family page
  (which checks and logs the access).
- A hospital discharge whose transfer is past its deadline (`handover_rules`, 24 hours): the
  hospital's members, once, linked to the page where the transfer is recorded.
- A screening window about to close (`rules.screening_window_end`: the 7th day after birth)
  for a family without a screening: the care professionals of the organisations in its care
  team, once, on the day before the last day (or on the last day), linked to the form.
The family's own news (a referral made or answered) goes to `family_news`, whose listeners
(the parents' space) tell the linked parents (decision 0038).
The messages hold no name and nothing about the family's health: the service's name at most.
Registered from `PathwaysConfig.ready()`; `services/referrals.py` calls the two tellers
inside its transaction, the late deadlines are found by the notifications' periodic task."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from perinatal.accounts.roles import CARE_ROLES
from perinatal.core.parameters import NotInForce
from perinatal.notifications.deadlines import DeadlineSource, Late, deadline_sources
from perinatal.notifications.kinds import Kind, register_kind
from perinatal.notifications.services import notify

from .family_news import REFERRAL_ANSWERED, REFERRAL_MADE, FamilyNews, tell_family
from .models import Birth, CareTeamMember, HospitalDischarge, Referral
from .rules import screening_window_end

RECEIVED, ANSWERED, DISCHARGE_LATE, SCREENING_CLOSING = (
    "referral_received",
    "referral_answered",
    "discharge_transfer_late",
    "screening_window_closing",
)
# A transfer later than this is no longer looked for (it stays on the hospital's list).
LOOK_BACK = timedelta(days=30)


def _members(organisation_id: int | None) -> Iterable:
    if organisation_id is None:
        return []
    return get_user_model().objects.filter(organisation_id=organisation_id, is_active=True)


def referral_received(referral: Referral) -> None:
    told = notify(
        recipients=_members(referral.to_organisation_id),
        kind=RECEIVED,
        about=referral,
        link=("pathways:referral_answer", [referral.public_id]),
        params={"service": str(referral.service)},
    )
    _tell_family(referral, REFERRAL_MADE, told)


def referral_answered(referral: Referral) -> None:
    told = notify(
        recipients=[referral.referred_by],
        kind=ANSWERED,
        about=referral,
        link=("pathways:pregnancy", [referral.pregnancy.public_id]),
        params={"service": str(referral.service)},
    )
    _tell_family(referral, REFERRAL_ANSWERED, told)


def _tell_family(referral: Referral, event: str, told: list) -> None:
    """The family's own news (its linked parents hear it through `family_news`)."""
    tell_family(
        FamilyNews(
            event,
            referral.pregnancy_id,
            referral,
            params={"service": str(referral.service)},
            told=frozenset(n.recipient_id for n in told),
        )
    )


def late_discharges(now: datetime) -> Iterable[Late]:
    late = HospitalDischarge.objects.filter(
        transferred_at__isnull=True, deadline_at__lt=now, deadline_at__gte=now - LOOK_BACK
    ).only("pk", "public_id", "hospital_id")
    for discharge in late:
        yield Late(
            about=discharge,
            recipients=_members(discharge.hospital_id),
            link=("pathways:discharge_transfer", [discharge.public_id]),
        )


def _care_team(pregnancy_id: int) -> Iterable:
    return get_user_model().objects.filter(
        is_active=True,
        role__in=CARE_ROLES,
        organisation__in=CareTeamMember.objects.filter(
            pregnancy_id=pregnancy_id, ended_at__isnull=True
        ).values("organisation"),
    )


def closing_screenings(now: datetime) -> Iterable[Late]:
    """Births whose screening window ends today or tomorrow, with no screening recorded."""
    today = timezone.localdate(now)
    try:
        days = (screening_window_end(today, on=today) - today).days
    except NotInForce:
        return
    births = (
        Birth.objects.filter(
            date__range=(today - timedelta(days=days), today - timedelta(days=days - 1)),
            pregnancy__pseudonymised_at__isnull=True,
            pregnancy__screenings__isnull=True,
        )
        .select_related("pregnancy")
        .only("pk", "pregnancy__id", "pregnancy__public_id")
    )
    for birth in births:
        yield Late(
            about=birth,
            recipients=_care_team(birth.pregnancy.pk),
            link=("pathways:screening_new", [birth.pregnancy.public_id]),
        )


def register() -> None:
    register_kind(
        Kind(
            RECEIVED,
            gettext_lazy("Referral received"),
            gettext_noop("Your organisation received a referral to %(service)s."),
            subject=gettext_lazy("A referral for your organisation"),
            email_text=gettext_lazy("Your organisation received a referral on the platform."),
        )
    )
    register_kind(
        Kind(
            ANSWERED,
            gettext_lazy("Referral answered"),
            gettext_noop("Your referral to %(service)s has an answer."),
            subject=gettext_lazy("Your referral has an answer"),
            email_text=gettext_lazy("A referral you sent on the platform has an answer."),
        )
    )
    register_kind(
        Kind(
            DISCHARGE_LATE,
            gettext_lazy("Discharge transfer late"),
            gettext_noop("A discharge transfer is past its deadline: record the transfer."),
            subject=gettext_lazy("A deadline is past"),
            email_text=gettext_lazy("A deadline on the platform is past; the platform says which."),
        )
    )
    register_kind(
        Kind(
            SCREENING_CLOSING,
            gettext_lazy("Screening window closing"),
            gettext_noop(
                "A family in your care has no screening and its window closes on the 7th day "
                "after birth: record the screening in time."
            ),
            subject=gettext_lazy("A deadline is close"),
            email_text=gettext_lazy(
                "A deadline on the platform is close; the platform says which."
            ),
        )
    )
    deadline_sources.register("discharge-transfer", DeadlineSource(DISCHARGE_LATE, late_discharges))
    deadline_sources.register(
        "screening-window", DeadlineSource(SCREENING_CLOSING, closing_screenings)
    )
