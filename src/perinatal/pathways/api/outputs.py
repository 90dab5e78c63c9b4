"""The records as the API shows them (plain dicts, described by `schemas.py`). A national
number is only ever shown masked."""

from dataclasses import asdict
from datetime import date
from typing import Any

from perinatal.core import national_number
from perinatal.core.geography import area_by_code

from .. import entitlements
from ..models import Birth, Child, Person, Pregnancy, ProgrammeService, Referral, Screening
from ..timeline_entry import Entry


def masked_number(person: Person | Child) -> str | None:
    if not person.national_number_encrypted:
        return None
    try:
        return national_number.masked(national_number.decrypt(person.national_number_encrypted))
    except ValueError:  # a copy the configured keys cannot read
        return None


def person_out(person: Person | None) -> dict[str, Any] | None:
    if person is None:
        return None
    return {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "birth_date": person.birth_date,
        "national_number_masked": masked_number(person),
        "no_national_number": person.no_national_number,
        "languages": list(person.languages),
    }


def pregnancy_summary_out(pregnancy: Pregnancy) -> dict[str, Any]:
    return {
        "id": pregnancy.public_id,
        "mother": pregnancy.mother.full_name,
        "due_date": pregnancy.due_date,
        "status": pregnancy.status,
        "municipality": pregnancy.municipality,
    }


def pregnancy_out(pregnancy: Pregnancy) -> dict[str, Any]:
    area = area_by_code(pregnancy.area_nis)
    return {
        "id": pregnancy.public_id,
        "mother": person_out(pregnancy.mother),
        "partner": person_out(pregnancy.partner),
        "postcode": pregnancy.postcode,
        "municipality": pregnancy.municipality,
        "area": {"nis": area.nis, "name": area.name, "region": area.region} if area else None,
        "languages": list(pregnancy.languages),
        "due_date": pregnancy.due_date,
        "registered_on": pregnancy.registered_on,
        "status": pregnancy.status,
        "status_label": pregnancy.get_status_display(),
        "lead_organisation": str(pregnancy.lead_organisation),
        "consent_to_share": pregnancy.consent_to_share,
    }


def birth_out(birth: Birth) -> dict[str, Any]:
    return {
        "date": birth.date,
        "place": birth.place,
        "place_label": birth.get_place_display(),
        "place_name": birth.place_name,
        "children": [
            {
                "id": child.public_id,
                "birth_order": child.birth_order,
                "given_name": child.given_name,
                "family_name": child.family_name,
                "sex": child.sex,
                "national_number_masked": masked_number(child),
                "nicu_admission": child.nicu_admission,
                "nicu_days": child.nicu_days,
            }
            for child in birth.children.all()
        ],
    }


def pregnancy_detail_out(pregnancy: Pregnancy, *, today: date) -> dict[str, Any]:
    scenario = entitlements.scenario_on(pregnancy, today)
    birth = Birth.objects.filter(pregnancy=pregnancy).prefetch_related("children").first()
    team = pregnancy.team.filter(ended_at__isnull=True).select_related("organisation")
    return pregnancy_out(pregnancy) | {
        "scenario": {"code": scenario.value, "label": str(scenario.label)},
        "birth": birth_out(birth) if birth else None,
        "entitlements": [asdict(line) for line in entitlements.overview(pregnancy, on=today)],
        "care_team": [
            {"organisation": str(m.organisation), "task": m.task, "since": m.added_at} for m in team
        ],
    }


def timeline_out(entries: list[Entry]) -> list[dict[str, Any]]:
    return [asdict(entry) for entry in entries]


def screening_out(screening: Screening) -> dict[str, Any]:
    return {
        "id": screening.public_id,
        "date": screening.date,
        "scenario": screening.scenario,
        "scenario_label": screening.get_scenario_display(),
        "positive_inclusion_criteria": screening.positive_inclusion_criteria,
        "positive": sorted(a.indicator.code for a in screening.answers.all() if a.positive),
        "catalogue_version": screening.catalogue.version,
        "new_assessment_reason": screening.new_assessment_reason,
        "organisation": str(screening.organisation),
    }


def screenings_of(pregnancy: Pregnancy) -> list[Screening]:
    return list(
        pregnancy.screenings.select_related("catalogue", "organisation").prefetch_related(
            "answers__indicator"
        )
    )


def programme_service_out(service: ProgrammeService) -> dict[str, Any]:
    return {
        "id": service.public_id,
        "kind": service.kind,
        "label": service.get_kind_display(),
        "date": service.date,
        "period_end": service.period_end,
        "participants": service.participants,
        "prescribed": service.prescribed,
        "note": service.note,
        "organisation": str(service.organisation),
    }


def referral_out(referral: Referral) -> dict[str, Any]:
    return {
        "id": referral.public_id,
        "pregnancy_id": referral.pregnancy.public_id,
        "service": {"id": referral.service_id, "name": str(referral.service)},
        "to_organisation": str(referral.to_organisation) if referral.to_organisation else None,
        "reason": referral.reason,
        "status": referral.status,
        "status_label": referral.get_status_display(),
        "answer_note": referral.answer_note,
        "from_organisation": str(referral.from_organisation),
        "created_at": referral.created_at,
        "answered_at": referral.answered_at,
    }


def received_referral_out(referral: Referral) -> dict[str, Any]:
    pregnancy = referral.pregnancy
    return referral_out(referral) | {
        "family": {
            "mother": pregnancy.mother.full_name,
            "due_date": pregnancy.due_date,
            "municipality": pregnancy.municipality,
            "languages": list(pregnancy.languages),
        }
    }
