"""A family's whole record on request (`family_export`), with who accessed it
(`access_rows`): what the family may be given (GDPR articles 15 and 20). Other apps add their
part of the record through `pathways.extensions` (the Kindboekje, kraamzorg). National numbers
appear masked at most; the export is itself in the access log."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from perinatal.audit.models import AccessAction
from perinatal.audit.selectors import accesses_to_subject
from perinatal.core import national_number
from perinatal.core.dates import iso
from perinatal.core.refusals import NoAccess
from perinatal.pathways.access_log import log_access
from perinatal.pathways.extensions import record_extensions

from .. import handover_record
from ..access import Grant
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
)

EXPORT_FORMAT = "perinatal.family-export/1"


# Other apps (booklets, kraamzorg) add their part of the record with this.
def _masked(person: Person | Child) -> str | None:
    """At most the masked number (`85.07.30-***.**`); never the number itself."""
    if not person.national_number_encrypted:
        return None
    try:
        return national_number.masked(national_number.decrypt(person.national_number_encrypted))
    except ValueError:  # a key no longer configured, or not a valid number
        return "**.**.**-***.**"


def _person(person: Person | None) -> dict[str, Any] | None:
    if person is None:
        return None
    return {
        "id": str(person.public_id),
        "given_name": person.given_name,
        "family_name": person.family_name,
        "birth_date": iso(person.birth_date),
        "national_number": _masked(person),
        "no_national_number": person.no_national_number or None,
        "languages": list(person.languages),
    }


def _birth(pregnancy: Pregnancy) -> dict[str, Any] | None:
    birth = Birth.objects.filter(pregnancy=pregnancy).first()
    if birth is None:
        return None
    return {
        "date": iso(birth.date),
        "place": birth.place,
        "place_label": str(birth.get_place_display()),
        "place_name": birth.place_name,
        "children": [
            {
                "id": str(child.public_id),
                "birth_order": child.birth_order,
                "given_name": child.given_name,
                "family_name": child.family_name,
                "birth_date": iso(child.birth_date),
                "sex": child.sex,
                "national_number": _masked(child),
                "nicu_admission": child.nicu_admission,
                "nicu_days": child.nicu_days,
            }
            for child in birth.children.order_by("birth_order")
        ],
    }


def _screenings(pregnancy: Pregnancy) -> list[dict[str, Any]]:
    screenings = (
        Screening.objects.filter(pregnancy=pregnancy)
        .select_related("catalogue", "organisation")
        .prefetch_related("answers__indicator")
    )
    return [
        {
            "id": str(s.public_id),
            "date": iso(s.date),
            "catalogue": s.catalogue.version,
            "scenario": s.scenario,
            "scenario_label": str(s.get_scenario_display()),
            "positive_inclusion_criteria": s.positive_inclusion_criteria,
            "new_assessment_reason": s.new_assessment_reason,
            "organisation": str(s.organisation),
            "answers": [
                {
                    "indicator": a.indicator.code,
                    "label": a.indicator.label,
                    "inclusion_criterion": a.indicator.is_inclusion_criterion,
                    "present": a.positive,
                }
                for a in sorted(s.answers.all(), key=lambda a: a.indicator.position)
            ],
        }
        for s in screenings
    ]


def _records(pregnancy: Pregnancy) -> dict[str, Any]:
    return {
        "contacts": [
            {
                "id": str(c.public_id),
                "date": iso(c.date),
                "kind": c.kind,
                "kind_label": str(c.get_kind_display()),
                "note": c.note,
                # decision 0036: without it the note is the team's internal note
                "note_shared_with_family": c.share_with_family,
                "organisation": str(c.organisation),
            }
            for c in Contact.objects.filter(pregnancy=pregnancy).select_related("organisation")
        ],
        "screenings": _screenings(pregnancy),
        "programme_services": [
            {
                "id": str(p.public_id),
                "kind": p.kind,
                "kind_label": str(p.get_kind_display()),
                "date": iso(p.date),
                "period_end": iso(p.period_end),
                "participants": p.participants,
                "prescribed": p.prescribed,
                "note": p.note,
                "organisation": str(p.organisation),
            }
            for p in ProgrammeService.objects.filter(pregnancy=pregnancy).select_related(
                "organisation"
            )
        ],
        "referrals": [
            {
                "id": str(r.public_id),
                "service": str(r.service),
                "to_organisation": str(r.to_organisation) if r.to_organisation else None,
                "from_organisation": str(r.from_organisation),
                "reason": r.reason,
                "status": r.status,
                "status_label": str(r.get_status_display()),
                "answer": r.answer_note,
                "sent_at": iso(r.created_at),
                "answered_at": iso(r.answered_at),
            }
            for r in Referral.objects.filter(pregnancy=pregnancy)
            .select_related("service", "to_organisation", "from_organisation")
            .order_by("created_at", "id")
        ],
        "care_team": [
            {
                "organisation": str(m.organisation),
                "professional": m.professional.get_full_name() or m.professional.get_username()
                if m.professional
                else None,
                "task": m.task,
                "shared_by_family_choice": m.sharing,
                "added_at": iso(m.added_at),
                "ended_at": iso(m.ended_at),
            }
            for m in CareTeamMember.objects.filter(pregnancy=pregnancy).select_related(
                "organisation", "professional"
            )
        ],
        "consents": [
            {
                "given": c.given,
                "organisation": str(c.organisation) if c.organisation else None,
                "note": c.note,
                "recorded_at": iso(c.recorded_at),
            }
            for c in Consent.objects.filter(pregnancy=pregnancy)
            .select_related("organisation")
            .order_by("recorded_at", "id")
        ],
        "emergency_accesses": [
            {
                "by": e.user.get_username(),
                "reason": e.reason,
                "granted_at": iso(e.granted_at),
                "until": iso(e.expires_at),
            }
            for e in EmergencyAccess.objects.filter(pregnancy=pregnancy)
            .select_related("user")
            .order_by("granted_at", "id")
        ],
    }


def access_rows(pregnancy: Pregnancy) -> list[dict[str, Any]]:
    """Who looked at or changed the record, newest first: what a family may be given."""
    return [
        {
            "at": iso(e.at),
            "user": e.actor_username,
            "role": e.actor_role,
            "organisation": e.actor_organisation,
            "on_behalf_of": e.on_behalf_of,
            "action": e.action,
            "record_type": e.record_type,
            "purpose": e.purpose,
            "basis": e.basis,
            "reason": e.reason,
        }
        for e in accesses_to_subject(str(pregnancy.public_id))
    ]


@transaction.atomic
def family_export(
    *, by: Any, pregnancy: Pregnancy, grant: Grant | None, request: Any = None
) -> dict[str, Any]:
    """The family's whole record as JSON-friendly data, with the list of who accessed it
    (this export included). National numbers appear masked at most. Writes one access-log
    row (action EXPORT) on the basis of `grant`."""
    if grant is None:
        raise NoAccess
    if pregnancy.pseudonymised_at is not None:
        raise Pregnancy.DoesNotExist
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=grant,
        action=AccessAction.EXPORT,
        purpose="export the family record",
        request=request,
    )
    return family_record(pregnancy)


def family_record(pregnancy: Pregnancy) -> dict[str, Any]:
    """The family's whole record as JSON-friendly data (the shape of `family_export`), with
    who accessed it, without writing the access log: for a caller that logged the export
    itself on its own basis (the parents' own download, `parents/my_data.py`)."""
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "exported_at": iso(timezone.now()),
        "pregnancy": {
            "id": str(pregnancy.public_id),
            "due_date": iso(pregnancy.due_date),
            "registered_on": iso(pregnancy.registered_on),
            "status": pregnancy.status,
            "postcode": pregnancy.postcode,
            "municipality": pregnancy.municipality,
            "area_nis": pregnancy.area_nis,
            "languages": list(pregnancy.languages),
            "registered_by": str(pregnancy.lead_organisation),
            "consent_to_share": pregnancy.consent_to_share,
        },
        "mother": _person(pregnancy.mother),
        "partner": _person(pregnancy.partner),
        "birth": _birth(pregnancy),
        **_records(pregnancy),
        **handover_record.export_section(pregnancy),
    }
    for extension in record_extensions:
        if extension.export is not None:
            data.update(extension.export(pregnancy))
    data["accesses"] = access_rows(pregnancy)
    return data
