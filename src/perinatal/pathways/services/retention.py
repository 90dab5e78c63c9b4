"""Retention of the family record: a family's whole record on request (`family_export`, in
family_export.py, re-exported here), and pseudonymisation once the first 1000 days ended more
than `FAMILY_RETENTION_YEARS` ago (`purge`). See docs/decisions/0006-family-record-access.md.

What pseudonymisation clears and what it keeps:
- cleared: names; national-number hash and encrypted copy; the partner (unlinked, and the
  partner's own identity when no living pathway shares it); every note and free text of the
  record (contacts, programme services, consents, care-team tasks, the birth place's name,
  referral reasons and answers, reasons for a new assessment, emergency-access reasons,
  screening proposals' notes and reasons for declining);
- reduced: dates of birth of the mother and the children keep their year only (stored as
  1 January of that year);
- kept for statistics: postcode, municipality and area, languages, the coded reason for
  having no national number, every date of the pathway (due date, birth, contacts, services,
  screenings), scenarios, counts and statuses.
A person also in a pathway that is neither pseudonymised nor expired keeps her identity.
Fields that must not be empty by a database constraint (referral and emergency-access reasons,
the reason for a new assessment) get `PSEUDONYMISED` instead. The access log is insert-only
and holds pseudonymous ids only: it stays as it is.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from perinatal.audit.models import AccessAction, AccessBasis, ChangeAction
from perinatal.audit.services import access_record, change_record
from perinatal.core.dates import add_months
from perinatal.pathways.extensions import record_extensions

from ..models import (
    Birth,
    CareTeamMember,
    Child,
    Consent,
    Contact,
    EmergencyAccess,
    Person,
    Pregnancy,
    ProgrammeService,
    Referral,
    Screening,
    ScreeningProposal,
)
from ..parameters import all_parameters, parameter
from .family_export import (  # noqa: F401 - the export is part of retention's interface
    EXPORT_FORMAT,
    access_rows,
    family_export,
)

logger = logging.getLogger(__name__)

PSEUDONYMISED = "[pseudonymised]"

# --- Pseudonymisation ---------------------------------------------------------------------


def retention_years() -> int:
    return int(settings.FAMILY_RETENTION_YEARS)


def first_1000_days_last_day(due_date: date) -> date:
    """The last day of the first 1000 days (as on the timeline): estimated conception + length
    − 1, conception = due date − `pregnancy.conception_before_due_days`."""
    conception = due_date - timedelta(
        days=parameter("pregnancy.conception_before_due_days", on=due_date)
    )
    return conception + timedelta(days=parameter("first_1000_days.length_days", on=conception) - 1)


def _segments(name: str) -> list[tuple[date | None, date | None, int]]:
    """A dated parameter as [from, until) ranges; the first value also reaches back."""
    values = all_parameters()[name].values
    return [
        (
            None if i == 0 else v.valid_from,
            values[i + 1].valid_from if i + 1 < len(values) else None,
            int(v.value),
        )
        for i, v in enumerate(values)
    ]


def _later(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def _earlier(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def expired_q(cutoff: date) -> Q:
    """Pregnancies whose first 1000 days ended before `cutoff`, as a filter on the due date:
    last day = due − C + L − 1 < cutoff ⇔ due < cutoff + C − L + 1, for each range of the
    dated parameters C (read on the due date) and L (read on the conception)."""
    condition = Q(pk__in=[])
    for c_from, c_until, before_due in _segments("pregnancy.conception_before_due_days"):
        for l_from, l_until, length in _segments("first_1000_days.length_days"):
            # L is read on the conception date: translate its range to due dates.
            shift = timedelta(days=before_due)
            low = _later(c_from, l_from + shift if l_from else None)
            high = _earlier(c_until, l_until + shift if l_until else None)
            high = _earlier(high, cutoff + timedelta(days=before_due - length + 1))
            if low is not None and high is not None and low >= high:
                continue
            part = Q(due_date__lt=high)
            if low is not None:
                part &= Q(due_date__gte=low)
            condition |= part
    return condition


@dataclass
class Purged:
    """One pregnancy pseudonymised (or that would be, in a dry run)."""

    public_id: str
    due_date: date
    first_1000_days_ended: date
    persons: int = 0  # mother and partner pseudonymised
    persons_kept: int = 0  # still in a living pathway: identity kept
    partner_unlinked: bool = False
    children: int = 0
    texts: int = 0  # rows whose notes or free texts were cleared
    cleared: dict[str, int] = field(default_factory=dict)


def _cutoff(now: datetime | None) -> date:
    today = timezone.localdate(now) if now is not None else timezone.localdate()
    return add_months(today, -12 * retention_years())


def expired_pregnancies(*, now: datetime | None = None):
    """Pregnancies not yet pseudonymised whose first 1000 days ended more than the retention
    period ago (a query: nothing is loaded)."""
    return Pregnancy.objects.filter(expired_q(_cutoff(now)), pseudonymised_at__isnull=True)


def _year_only(day: date | None) -> date | None:
    return date(day.year, 1, 1) if day is not None else None


def _shared(person: Person, pregnancy: Pregnancy, expired: Q) -> bool:
    """Whether `person` is also in a pathway that is neither pseudonymised nor expired."""
    return (
        Pregnancy.objects.filter(Q(mother=person) | Q(partner=person))
        .exclude(pk=pregnancy.pk)
        .filter(pseudonymised_at__isnull=True)
        .exclude(expired)
        .exists()
    )


def _clear_identity(person: Person | Child) -> None:
    person.given_name = ""
    person.family_name = ""
    person.birth_date = _year_only(person.birth_date)
    person.national_number_hash = None
    person.national_number_encrypted = ""
    person.save(
        update_fields=[
            "given_name",
            "family_name",
            "birth_date",
            "national_number_hash",
            "national_number_encrypted",
        ]
    )


def _clear_texts(pregnancy: Pregnancy, *, dry_run: bool) -> dict[str, int]:
    """Clear the free texts of the record; how many rows per kind."""
    jobs = [
        ("contacts", Contact.objects.filter(pregnancy=pregnancy).exclude(note=""), {"note": ""}),
        (
            "programme_services",
            ProgrammeService.objects.filter(pregnancy=pregnancy).exclude(note=""),
            {"note": ""},
        ),
        ("consents", Consent.objects.filter(pregnancy=pregnancy).exclude(note=""), {"note": ""}),
        (
            "care_team",
            CareTeamMember.objects.filter(pregnancy=pregnancy).exclude(task=""),
            {"task": ""},
        ),
        (
            "birth",
            Birth.objects.filter(pregnancy=pregnancy).exclude(place_name=""),
            {"place_name": ""},
        ),
        (
            "screenings",
            Screening.objects.filter(pregnancy=pregnancy)
            .exclude(new_assessment_reason="")
            .exclude(new_assessment_reason=PSEUDONYMISED),
            {"new_assessment_reason": PSEUDONYMISED},
        ),
        (
            "referrals",
            Referral.objects.filter(pregnancy=pregnancy).exclude(
                reason=PSEUDONYMISED, answer_note=""
            ),
            {"reason": PSEUDONYMISED, "answer_note": ""},
        ),
        (
            "screening_proposals",
            ScreeningProposal.objects.filter(pregnancy=pregnancy).exclude(note=""),
            {"note": ""},
        ),
        (
            "screening_proposal_answers",
            ScreeningProposal.objects.filter(pregnancy=pregnancy)
            .exclude(answer_reason="")
            .exclude(answer_reason=PSEUDONYMISED),
            {"answer_reason": PSEUDONYMISED},
        ),
        (
            "emergency_accesses",
            EmergencyAccess.objects.filter(pregnancy=pregnancy).exclude(reason=PSEUDONYMISED),
            {"reason": PSEUDONYMISED},
        ),
    ]
    counts = {}
    for name, rows, values in jobs:
        counts[name] = rows.count() if dry_run else rows.update(**values)
    if not dry_run:
        for extension in record_extensions:
            if extension.pseudonymise is not None:
                counts[extension.pseudonymise.__module__] = extension.pseudonymise(pregnancy)
    return counts


def _pseudonymise(pregnancy_id: int, *, now: datetime, expired: Q, dry_run: bool) -> Purged | None:
    pregnancy = (
        Pregnancy.objects.select_for_update()
        .filter(pk=pregnancy_id, pseudonymised_at__isnull=True)
        .first()
    )
    if pregnancy is None:  # pseudonymised meanwhile
        return None
    result = Purged(
        public_id=str(pregnancy.public_id),
        due_date=pregnancy.due_date,
        first_1000_days_ended=first_1000_days_last_day(pregnancy.due_date),
    )
    mother = pregnancy.mother
    if _shared(mother, pregnancy, expired):
        result.persons_kept += 1
    else:
        result.persons += 1
        if not dry_run:
            _clear_identity(mother)
    partner = pregnancy.partner
    if partner is not None:
        result.partner_unlinked = True
        if _shared(partner, pregnancy, expired):
            result.persons_kept += 1
        else:
            result.persons += 1
        if not dry_run:
            pregnancy.partner = None
            pregnancy.save(update_fields=["partner", "updated_at"])
            others = Pregnancy.objects.filter(Q(mother=partner) | Q(partner=partner))
            if not others.exists():
                partner.delete()  # nobody's partner any more: nothing to keep
            elif not _shared(partner, pregnancy, expired):
                _clear_identity(partner)
    children = Child.objects.filter(birth__pregnancy=pregnancy)
    result.children = children.count()
    if not dry_run:
        for child in children:
            _clear_identity(child)
    result.cleared = _clear_texts(pregnancy, dry_run=dry_run)
    result.texts = sum(result.cleared.values())
    if dry_run:
        return result
    pregnancy.pseudonymised_at = now
    pregnancy.save(update_fields=["pseudonymised_at", "updated_at"])
    reason = (
        f"retention: the first 1000 days ended on {result.first_1000_days_ended.isoformat()}, "
        f"more than {retention_years()} years ago; persons pseudonymised {result.persons}, "
        f"kept {result.persons_kept}, children {result.children}, texts cleared {result.texts}"
    )
    change_record(
        actor=None,
        action=ChangeAction.UPDATE,
        instance=pregnancy,
        changes={"pseudonymised_at": [None, now.isoformat()]},
        reason=reason,
    )
    access_record(
        actor=None,
        action=AccessAction.UPDATE,
        record_type=pregnancy._meta.label_lower,
        record_id=str(pregnancy.public_id),
        subject=str(pregnancy.public_id),
        purpose="pseudonymise after the retention period",
        basis=AccessBasis.RETENTION,
        on_behalf_of="perinatal families purge",
    )
    return result


def purge(*, now: datetime | None = None, dry_run: bool = False) -> list[Purged]:
    """Pseudonymise every pregnancy whose first 1000 days ended more than
    `FAMILY_RETENTION_YEARS` ago, each in its own transaction. With `dry_run`, only say what
    would be done."""
    now = now or timezone.now()
    expired = expired_q(_cutoff(now))
    ids = list(
        Pregnancy.objects.filter(expired, pseudonymised_at__isnull=True)
        .order_by("due_date", "id")
        .values_list("id", flat=True)
    )
    results = []
    for pregnancy_id in ids:
        with transaction.atomic():
            result = _pseudonymise(pregnancy_id, now=now, expired=expired, dry_run=dry_run)
        if result is not None:
            results.append(result)
            logger.info(
                "family record %s",
                "would be pseudonymised" if dry_run else "pseudonymised",
                extra={"pregnancy": result.public_id},
            )
    return results
