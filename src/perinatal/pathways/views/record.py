"""What the family page shows, gathered for a pregnancy the user was already allowed to see.

Each list is loaded once with what it displays (organisations, services, the indicators
found), so the page costs the same few queries however long the record grows.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.audit.models import AccessBasis
from perinatal.core import national_number
from perinatal.core.geography import area_by_code

from .. import entitlements, timeline
from ..access import Grant
from ..constants import NoNationalNumber
from ..constants import ProgrammeServiceKind as Kind
from ..discharge_rows import discharge_rows
from ..forms import language_choices
from ..models import (
    Person,
    Pregnancy,
    ProgrammeService,
    Referral,
    Screening,
    ScreeningAnswer,
)
from ..sharing import family_consents, with_sharing


def masked_number(person: Person | None) -> str:
    """`85.07.30-***.**`, or why there is no number."""
    if person is None:
        return ""
    if person.national_number_encrypted:
        try:
            return national_number.masked(national_number.decrypt(person.national_number_encrypted))
        except ValueError:
            return _("stored, but cannot be read with the current keys")
    if person.no_national_number:
        return str(NoNationalNumber(person.no_national_number).label)
    return "—"


@dataclass(frozen=True)
class Coordination:
    until: date
    renewals_left: int


def _coordination(services: list, lines: list[entitlements.Line]) -> Coordination | None:
    periods = [s for s in services if s.kind == Kind.COORDINATION and s.period_end]
    if not periods:
        return None
    line = next(line for line in lines if line.kind == Kind.COORDINATION)
    return Coordination(until=max(s.period_end for s in periods), renewals_left=line.remaining or 0)


def page_context(pregnancy: Pregnancy, grant: Grant, *, today: date) -> dict[str, Any]:
    # Loaded once with what the page shows; the timeline reads the same prefetched lists.
    prefetch_related_objects(
        [pregnancy],
        "birth__children",
        Prefetch(
            "screenings",
            queryset=Screening.objects.select_related("organisation").prefetch_related(
                Prefetch(
                    "answers",
                    queryset=ScreeningAnswer.objects.filter(positive=True)
                    .select_related("indicator")
                    .order_by("indicator__position"),
                    to_attr="positive_answers",
                )
            ),
        ),
        Prefetch(
            "programme_services",
            queryset=ProgrammeService.objects.select_related("organisation"),
        ),
        Prefetch(
            "referrals",
            queryset=Referral.objects.select_related(
                "service__organization", "from_organisation", "to_organisation"
            ),
        ),
    )
    try:
        birth = pregnancy.birth
    except Pregnancy.birth.RelatedObjectDoesNotExist:
        birth = None
    screenings = list(pregnancy.screenings.all())
    services = list(pregnancy.programme_services.all())
    referrals = list(pregnancy.referrals.all())
    team = list(pregnancy.team.select_related("organisation", "professional"))
    consents = family_consents(pregnancy)
    lines = entitlements.overview(pregnancy, on=today)
    area = area_by_code(pregnancy.area_nis)
    names = dict(language_choices())
    return {
        "pregnancy": pregnancy,
        "grant": grant,
        "basis": AccessBasis(grant.basis).label,
        "mother": pregnancy.mother,
        "mother_number": masked_number(pregnancy.mother),
        "partner": pregnancy.partner,
        "family_languages": [names.get(code, code) for code in pregnancy.languages],
        "area": area.name if area else pregnancy.area_nis,
        "birth": birth,
        "children": list(birth.children.all()) if birth else [],
        "timeline": timeline.timeline(pregnancy, today=today),
        "entitlements": lines,
        "scenario": entitlements.scenario_on(pregnancy, today),
        "screenings": screenings,
        "services": services,
        "coordination": _coordination(services, lines),
        "referrals": referrals,
        "team": with_sharing(pregnancy, [m for m in team if m.ended_at is None], consents),
        "team_ended": [m for m in team if m.ended_at is not None],
        # the latest consent for the whole team (not one organisation's, decision 0037)
        "consent": next((c for c in reversed(consents) if c.organisation_id is None), None),
        "discharges": discharge_rows(
            pregnancy.discharges.select_related("hospital", "to_organisation"), now=timezone.now()
        ),
        "proposals": list(
            pregnancy.screening_proposals.select_related("from_organisation", "to_organisation")
        ),
        "today": today,
    }
