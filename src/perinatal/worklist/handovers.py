"""The home page's sections on what passes between organisations around a family: referrals
to answer and referrals sent that are still open, hospital discharges received (with the
24-hour transfer of seed 002, note 4) and a hospital's discharges still to transfer. The
organisation a referral or discharge is addressed to sees it (not the record) on the basis
`referral`, as `pathways.selectors` logs it."""

from datetime import date, datetime, time
from typing import Any

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perinatal.audit.models import AccessBasis
from perinatal.pathways.constants import (
    LATE_STATES,
    REFERRAL_OPEN,
    ReferralStatus,
    TransferState,
)
from perinatal.pathways.handover_rules import transfer_state
from perinatal.pathways.models import HospitalDischarge, Referral

from . import rules
from .access_log import FamiliesShown
from .families import basis_of, cared_for, family_url, name_of
from .items import Item, day, moment

OPEN_REFERRALS = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)
SENT_SENTENCES = {
    ReferralStatus.SENT: gettext_lazy("Sent to %(service)s on %(date)s; no answer yet."),
    ReferralStatus.ACCEPTED: gettext_lazy(
        "Sent to %(service)s on %(date)s; accepted, not completed yet."
    ),
    ReferralStatus.TO_CONTACT: gettext_lazy(
        "Referred to %(service)s on %(date)s, which is not on the platform: contact the "
        "service and record what it said."
    ),
    ReferralStatus.CONTACTED: gettext_lazy(
        "Referred to %(service)s on %(date)s; contacted, record its answer."
    ),
    ReferralStatus.UNREACHABLE: gettext_lazy(
        "Referred to %(service)s on %(date)s; the service could not be reached: try again "
        "or refer the family elsewhere."
    ),
}


def _record(shown: FamiliesShown, basis: AccessBasis, record: Any) -> None:
    shown.add(
        basis=basis,
        record_type=record._meta.label_lower,
        record_id=record.public_id,
        subject=record.pregnancy.public_id,
    )


def referrals_to_answer(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """Referrals addressed to the user's organisation that wait for an answer (sent) or for
    their completion (accepted), the oldest first."""
    found = (
        Referral.objects.filter(
            to_organisation_id=user.organisation_id,
            status__in=OPEN_REFERRALS,
            pregnancy__pseudonymised_at__isnull=True,
        )
        .select_related("pregnancy__mother", "service", "from_organisation")
        .order_by("created_at", "id")[: rules.items_per_kind(on)]
    )
    items = []
    for referral in found:
        _record(shown, AccessBasis.REFERRAL, referral)
        received = day(timezone.localtime(referral.created_at).date())
        text = (
            _("Referred by %(from)s on %(date)s: accept or decline it.")
            if referral.status == ReferralStatus.SENT
            else _("Accepted; referred by %(from)s on %(date)s: record when it is completed.")
        )
        items.append(
            Item(
                f"{name_of(referral.pregnancy)} · {referral.service}",
                text % {"from": referral.from_organisation, "date": received},
                reverse("pathways:referral_answer", args=[referral.public_id]),
            )
        )
    return items


def referrals_sent_open(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """Referrals the user's organisation sent for families it cares for that are not closed
    (no answer yet, or accepted and not completed), the oldest first."""
    found = (
        cared_for(Referral.objects.all(), user, "pregnancy__")
        .filter(
            from_organisation_id=user.organisation_id,
            status__in=REFERRAL_OPEN,  # off the platform too, until its outcome (0031)
        )
        .select_related("pregnancy__mother", "service")
        .order_by("created_at", "id")[: rules.items_per_kind(on)]
    )
    items = []
    for referral in found:
        _record(shown, basis_of(user, referral.pregnancy), referral)
        sent = day(timezone.localtime(referral.created_at).date())
        text = SENT_SENTENCES[ReferralStatus(referral.status)]
        # Nobody on the platform answers a referral without a recipient: its own page says
        # how to reach the service and takes the outcome.
        link = (
            family_url(referral.pregnancy, "referrals")
            if referral.to_organisation_id
            else reverse(
                "pathways:referral", args=[referral.pregnancy.public_id, referral.public_id]
            )
        )
        items.append(
            Item(
                name_of(referral.pregnancy),
                text % {"service": referral.service, "date": sent},
                link,
            )
        )
    return items


def _state_sentence(discharge: HospitalDischarge, now: datetime) -> tuple[str, bool]:
    state = transfer_state(
        deadline=discharge.deadline_at, transferred_at=discharge.transferred_at, now=now
    )
    values = {
        "hospital": discharge.hospital,
        "to": discharge.to_organisation,
        "discharged": moment(discharge.discharged_at),
        "deadline": moment(discharge.deadline_at) if discharge.deadline_at else "",
    }
    if state == TransferState.AWAITING:
        text = _("Discharged on %(discharged)s; the transfer is due by %(deadline)s.")
    elif state == TransferState.LATE:
        text = _("Discharged on %(discharged)s; not transferred by %(deadline)s: late.")
    elif state == TransferState.NO_DEADLINE:
        text = _("Discharged on %(discharged)s; no transfer deadline was in force that day.")
    elif state == TransferState.TRANSFERRED_LATE:
        text = _("Discharged on %(discharged)s; transferred after %(deadline)s: late.")
    else:
        text = _("Discharged on %(discharged)s; transferred in time.")
    return str(text % values), state in LATE_STATES


def discharges_received(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """Discharges transferred to the user's organisation in the recent days, the latest
    first, with where their 24-hour transfer stands."""
    since = timezone.make_aware(datetime.combine(rules.recent_since(on), time.min))
    found = (
        HospitalDischarge.objects.filter(
            to_organisation_id=user.organisation_id,
            discharged_at__gte=since,
            pregnancy__pseudonymised_at__isnull=True,
        )
        .select_related("pregnancy__mother", "hospital", "to_organisation")
        .order_by("-discharged_at", "-id")[: rules.items_per_kind(on)]
    )
    now, items = timezone.now(), []
    for discharge in found:
        _record(shown, AccessBasis.REFERRAL, discharge)
        why, late = _state_sentence(discharge, now)
        items.append(
            Item(
                f"{name_of(discharge.pregnancy)} · {discharge.hospital}",
                why,
                reverse("pathways:discharges_received"),
                late=late,
            )
        )
    return items


def discharges_to_transfer(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """The hospital's discharges whose transfer is not recorded yet, the deadline first."""
    found = (
        cared_for(HospitalDischarge.objects.all(), user, "pregnancy__")
        .filter(hospital_id=user.organisation_id, transferred_at__isnull=True)
        .select_related("pregnancy__mother", "hospital", "to_organisation")
        .order_by(F("deadline_at").asc(nulls_last=True), "id")[: rules.items_per_kind(on)]
    )
    now, items = timezone.now(), []
    for discharge in found:
        _record(shown, basis_of(user, discharge.pregnancy), discharge)
        why, late = _state_sentence(discharge, now)
        items.append(
            Item(
                f"{name_of(discharge.pregnancy)} → {discharge.to_organisation}",
                why,
                reverse("pathways:discharge_transfer", args=[discharge.public_id]),
                late=late,
            )
        )
    return items
