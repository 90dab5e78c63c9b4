"""Reads of the family record. A family is only ever loaded through these, scoped to the
user, and every read leaves its row in the access log (in the same transaction)."""

from typing import Any

from django.db import router, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from perinatal.accounts.roles import is_care_professional, is_hospital_professional
from perinatal.audit.lookup_limit import lookup_count
from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.audit.services import access_record
from perinatal.core import national_number
from perinatal.core.identifiers import parse_uuid
from perinatal.core.refusals import NoAccess
from perinatal.pathways.access_log import log_access, log_referral_access, row_of

from . import logged_read
from .access import Grant, grant_for
from .constants import PregnancyStatus, ProposalStatus, ReferralStatus
from .models import Child, HospitalDischarge, Pregnancy, Referral, ScreeningProposal
from .sharing import shared_team_q


def pregnancy_get(public_id: Any) -> Pregnancy:
    """The pregnancy (no access check: for the access decision itself)."""
    uid = parse_uuid(public_id)
    if uid is None:
        raise Pregnancy.DoesNotExist
    return Pregnancy.objects.select_related("mother", "partner", "lead_organisation").get(
        public_id=uid, pseudonymised_at__isnull=True
    )


def pregnancy_for_user(
    *,
    user: Any,
    public_id: Any,
    purpose: str,
    request: Any = None,
    action: AccessAction = AccessAction.READ,
    record: Any = None,
) -> tuple[Pregnancy, Grant]:
    """The pregnancy if `user` may see it, with the basis; the access is logged in the read's
    own transaction (on PostgreSQL in the read's own statement: `logged_read`).
    Raises Pregnancy.DoesNotExist or NoAccess."""
    if logged_read.supported(router.db_for_write(Pregnancy)) and is_care_professional(user):
        uid = parse_uuid(public_id)
        if uid is None:
            raise Pregnancy.DoesNotExist
        row = row_of(
            by=user,
            subject=uid,
            record=record if record is not None else Pregnancy(public_id=uid),
            action=action,
            purpose=purpose,
            request=request,
        )
        pregnancy, found = logged_read.pregnancy_read_logged(
            uid=uid, user=user, now=timezone.now(), row=row
        )
        if found is None:
            raise NoAccess
        return pregnancy, found
    with transaction.atomic():
        pregnancy = pregnancy_get(public_id)
        grant = grant_for(user, pregnancy)
        if grant is None:
            raise NoAccess
        log_access(
            by=user,
            pregnancy=pregnancy,
            grant=grant,
            action=action,
            record=record,
            purpose=purpose,
            request=request,
        )
    return pregnancy, grant


def _visible_to(user: Any) -> Q:
    org = user.organisation_id
    return (
        Q(lead_organisation_id=org)
        | shared_team_q(org)
        | Q(emergency_accesses__user=user, emergency_accesses__expires_at__gt=timezone.now())
    )


@transaction.atomic
def pregnancies_search(
    *, user: Any, text: str = "", request: Any = None, limit: int = 50
) -> list[Pregnancy]:
    """The families `user` may see, by the mother's name (or all, most recent due date first).
    The search itself is logged (never with a national number)."""
    if not is_care_professional(user):
        raise NoAccess
    found: QuerySet = Pregnancy.objects.filter(_visible_to(user), pseudonymised_at__isnull=True)
    for word in text.split():
        found = found.filter(
            Q(mother__family_name__icontains=word) | Q(mother__given_name__icontains=word)
        )
    results = list(found.select_related("mother").distinct().order_by("-due_date", "-id")[:limit])
    access_record(
        actor=user,
        action=AccessAction.SEARCH,
        record_type="pathways.pregnancy",
        purpose="find a family",
        basis=AccessBasis.CARE_TEAM,
        reason=f"name search, {len(results)} found",
        request=request,
    )
    return results


# --- By national number (no access rule: callers check who asks, and log it) ----------------


def pregnancy_of_mother_by_hash(digest: str, *, include_ended: bool) -> Pregnancy | None:
    """The mother's latest pregnancy on the platform by the keyed hash of her national number:
    the latest due date, then the latest registered. A pseudonymised record is never found;
    one that ended without a birth only with `include_ended` (a pregnancy whose child is born
    is always the family's)."""
    pregnancies = Pregnancy.objects.filter(
        mother__national_number_hash=digest, pseudonymised_at__isnull=True
    )
    if not include_ended:
        pregnancies = pregnancies.exclude(status=PregnancyStatus.ENDED)
    return pregnancies.order_by("-due_date", "-id").first()


def pregnancy_of_mother(number: str, *, include_ended: bool) -> Pregnancy | None:
    """`pregnancy_of_mother_by_hash` for a national number (ValidationError if not valid)."""
    return pregnancy_of_mother_by_hash(
        national_number.lookup_hash(number), include_ended=include_ended
    )


def child_by_number_hash(digest: str) -> Child | None:
    """The child whose own national number has this keyed hash (not pseudonymised), with its
    birth and pregnancy."""
    return (
        Child.objects.filter(
            national_number_hash=digest, birth__pregnancy__pseudonymised_at__isnull=True
        )
        .select_related("birth__pregnancy")
        .first()
    )


def child_by_number(number: str) -> Child | None:
    """`child_by_number_hash` for a national number (ValidationError if not valid)."""
    return child_by_number_hash(national_number.lookup_hash(number))


def pregnancy_find_by_national_number(
    *, user: Any, number: str, request: Any = None
) -> tuple[Pregnancy | None, bool]:
    """The mother's ongoing or latest pregnancy by her national number: (pregnancy, whether
    `user` may see it). Raises ValidationError for a number that is not valid, TooManyLookups
    over the user's lookup rate (counted, and its refusal logged, before the transaction)."""
    if not is_care_professional(user):
        raise NoAccess
    lookup_count(
        user=user,
        request=request,
        record_type="pathways.pregnancy",
        purpose="find a family by national number",
    )
    with transaction.atomic():
        return _find_by_national_number(user=user, number=number, request=request)


def _find_by_national_number(
    *, user: Any, number: str, request: Any
) -> tuple[Pregnancy | None, bool]:
    pregnancy = pregnancy_of_mother(number, include_ended=True)
    grant = grant_for(user, pregnancy) if pregnancy is not None else None
    visible = grant is not None
    access_record(
        actor=user,
        action=AccessAction.SEARCH,
        record_type="pathways.pregnancy",
        record_id=str(pregnancy.public_id) if pregnancy else "",
        subject=str(pregnancy.public_id) if pregnancy else "",
        purpose="find a family by national number",
        # The true basis (decision 0033): the record's for whom may see it, else a lookup.
        basis=grant.basis if grant is not None else AccessBasis.LOOKUP,
        reason="found" if pregnancy else "not found",
        request=request,
    )
    return pregnancy, visible


@transaction.atomic
def referrals_received(
    *, user: Any, request: Any = None, open_only: bool = False
) -> list[Referral]:
    """The referrals addressed to the user's organisation (their reading is logged per
    family)."""
    if not is_care_professional(user):
        raise NoAccess
    found = Referral.objects.filter(to_organisation_id=user.organisation_id)
    if open_only:
        found = found.filter(status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED])
    referrals = list(
        found.select_related(
            "pregnancy", "pregnancy__mother", "service", "from_organisation"
        ).order_by("-created_at")[:200]
    )
    for referral in referrals:
        log_referral_access(
            by=user,
            referral=referral,
            action=AccessAction.READ,
            purpose="referrals received",
            request=request,
        )
    return referrals


@transaction.atomic
def referral_for_recipient(*, user: Any, public_id: Any, request: Any = None) -> Referral:
    uid = parse_uuid(public_id)
    if uid is None or not is_care_professional(user):
        raise Referral.DoesNotExist
    referral = Referral.objects.select_related("pregnancy", "pregnancy__mother", "service").get(
        public_id=uid, to_organisation_id=user.organisation_id
    )
    log_referral_access(
        by=user,
        referral=referral,
        action=AccessAction.READ,
        purpose="read a referral",
        request=request,
    )
    return referral


# --- Hand-overs: hospital discharges and screening proposals ---------------------------------
# The organisation a hand-over is addressed to sees it (not the record) on the basis of the
# hand-over, as a referral's recipient does; each row it is shown is logged.


def _log_handover(*, user: Any, record: Any, purpose: str, request: Any) -> None:
    log_access(
        by=user,
        pregnancy=record.pregnancy,
        grant=Grant(AccessBasis.REFERRAL),
        action=AccessAction.READ,
        record=record,
        purpose=purpose,
        request=request,
    )


@transaction.atomic
def discharges_received(
    *, user: Any, request: Any = None, late_only: bool = False, now: Any = None
) -> list[HospitalDischarge]:
    """The discharges transferred to the user's organisation, the latest first; `late_only`:
    those whose transfer is late (done late, or not done by the deadline)."""
    if not is_care_professional(user):
        raise NoAccess
    found = HospitalDischarge.objects.filter(
        to_organisation_id=user.organisation_id, pregnancy__pseudonymised_at__isnull=True
    )
    if late_only:
        found = found.filter(
            Q(transferred_at__gt=F("deadline_at"))
            | Q(transferred_at__isnull=True, deadline_at__lt=now or timezone.now())
        )
    discharges = list(
        found.select_related("pregnancy", "pregnancy__mother", "hospital", "to_organisation")[:200]
    )
    for discharge in discharges:
        _log_handover(
            user=user, record=discharge, purpose="hospital discharges received", request=request
        )
    return discharges


@transaction.atomic
def discharge_for_hospital(*, user: Any, public_id: Any, request: Any = None) -> HospitalDischarge:
    """A discharge recorded by the user's hospital (DoesNotExist for anyone else)."""
    uid = parse_uuid(public_id)
    if uid is None or not is_hospital_professional(user):
        raise HospitalDischarge.DoesNotExist
    discharge = HospitalDischarge.objects.select_related(
        "pregnancy", "pregnancy__mother", "to_organisation"
    ).get(public_id=uid, hospital_id=user.organisation_id, pregnancy__pseudonymised_at__isnull=True)
    log_access(
        by=user,
        pregnancy=discharge.pregnancy,
        grant=grant_for(user, discharge.pregnancy) or Grant(AccessBasis.REFERRAL),
        action=AccessAction.READ,
        record=discharge,
        purpose="read a hospital discharge",
        request=request,
    )
    return discharge


@transaction.atomic
def screening_proposals_received(
    *, user: Any, request: Any = None, open_only: bool = False
) -> list[ScreeningProposal]:
    """The screenings proposed to the user's organisation, the latest first."""
    if not is_care_professional(user):
        raise NoAccess
    found = ScreeningProposal.objects.filter(
        to_organisation_id=user.organisation_id, pregnancy__pseudonymised_at__isnull=True
    )
    if open_only:
        found = found.filter(status=ProposalStatus.PROPOSED)
    proposals = list(
        found.select_related("pregnancy", "pregnancy__mother", "from_organisation")[:200]
    )
    for proposal in proposals:
        _log_handover(
            user=user, record=proposal, purpose="screening proposals received", request=request
        )
    return proposals


@transaction.atomic
def screening_proposal_for_recipient(
    *, user: Any, public_id: Any, request: Any = None
) -> ScreeningProposal:
    """A screening proposed to the user's organisation (DoesNotExist for anyone else)."""
    uid = parse_uuid(public_id)
    if uid is None or not is_care_professional(user):
        raise ScreeningProposal.DoesNotExist
    proposal = ScreeningProposal.objects.select_related(
        "pregnancy", "pregnancy__mother", "from_organisation", "contact"
    ).get(
        public_id=uid,
        to_organisation_id=user.organisation_id,
        pregnancy__pseudonymised_at__isnull=True,
    )
    _log_handover(user=user, record=proposal, purpose="read a screening proposal", request=request)
    return proposal


def pregnancies_visible_among(*, user: Any, pregnancy_ids: list[int]) -> set[int]:
    """Which of these pregnancies `user` may open (to link a list's rows to the family page;
    opening it is logged then, by `pregnancy_for_user`)."""
    if not is_care_professional(user) or not pregnancy_ids:
        return set()
    return set(
        Pregnancy.objects.filter(
            _visible_to(user), pk__in=pregnancy_ids, pseudonymised_at__isnull=True
        ).values_list("pk", flat=True)
    )
