"""Recording a programme service or another counted entitlement, under a lock on the
pregnancy so that two simultaneous requests can never pass a limit together."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from perinatal.audit.models import AccessAction
from perinatal.core.refusals import InvalidInput, RuleRefused
from perinatal.pathways.access_log import log_access

from .. import entitlements, rules
from ..access import Grant
from ..constants import ProgrammeServiceKind as Kind
from ..models import Pregnancy, ProgrammeService
from ..providers import provider_of


@transaction.atomic
def programme_service_record(
    *,
    by: Any,
    pregnancy: Pregnancy,
    grant: Grant,
    kind: str,
    date: date,
    participants: int | None = None,
    prescribed: bool = False,
    note: str = "",
    request: Any = None,
) -> ProgrammeService:
    if kind not in Kind.values:
        raise InvalidInput({"kind": [_("Choose a service from the list.")]})
    if kind == Kind.MDO and (participants is None or participants < 2):
        raise InvalidInput({"participants": [_("A consultation has at least 2 participants.")]})
    if date < pregnancy.registered_on:
        raise InvalidInput({"date": [_("The date cannot come before the registration.")]})
    # Serialise the writes of one pregnancy: the count below stays true until the commit.
    Pregnancy.objects.select_for_update().filter(pk=pregnancy.pk).first()
    decision = entitlements.check(
        pregnancy,
        kind,
        on=date,
        provider=provider_of(by),
        participants=participants or 0,
        prescribed=prescribed,
    )
    if not decision.allowed:
        raise RuleRefused(decision)
    service = ProgrammeService.objects.create(
        pregnancy=pregnancy,
        kind=kind,
        date=date,
        period_end=rules.coordination_period_end(date, on=date)
        if kind == Kind.COORDINATION
        else None,
        participants=participants if kind == Kind.MDO else None,
        prescribed=prescribed,
        note=note.strip(),
        organisation=by.organisation,
        recorded_by=by,
    )
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=grant,
        action=AccessAction.CREATE,
        record=service,
        purpose="record a programme service",
        request=request,
    )
    return service
