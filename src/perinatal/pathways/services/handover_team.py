"""Bringing the organisation a hand-over is addressed to into the family's care team (as an
accepted referral does): it then sees the record as the rest of the team does, while the
family consents (`pathways/access.py`)."""

from typing import Any

from django.db import IntegrityError, transaction

from perinatal.accounts.models import Organisation

from ..models import CareTeamMember, Pregnancy
from ..sharing import last_choice


def team_join(*, pregnancy: Pregnancy, organisation: Organisation, by: Any, task: str) -> bool:
    """Add `organisation` to the team unless it is in it already; True if it was added. A
    simultaneous join ends in the team's unique constraint and counts as already in."""
    if organisation.pk == pregnancy.lead_organisation_id:
        return False
    if pregnancy.team.filter(organisation=organisation, ended_at__isnull=True).exists():
        return False
    try:
        with transaction.atomic():
            CareTeamMember.objects.create(
                pregnancy=pregnancy,
                organisation=organisation,
                added_by=by,
                task=task[:200],
                sharing=last_choice(pregnancy, organisation.pk),
            )
    except IntegrityError:
        return False
    return True
