"""Recording a screening with the catalogue in force on its date (rule `screening.once`)."""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from perinatal.audit.models import AccessAction
from perinatal.core.refusals import Decision, InvalidInput, RuleRefused
from perinatal.pathways.access_log import log_access

from .. import entitlements, rules
from ..access import Grant
from ..models import IndicatorCatalogue, Pregnancy, Screening, ScreeningAnswer
from ..providers import provider_of
from ..rules import Refusal


def catalogue_on(day: date) -> IndicatorCatalogue | None:
    """The catalogue in force on `day`: the latest valid on or before it."""
    return IndicatorCatalogue.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


@transaction.atomic
def screening_record(
    *,
    by: Any,
    pregnancy: Pregnancy,
    grant: Grant,
    date: date,
    positive: set[str],
    new_assessment_reason: str = "",
    request: Any = None,
) -> Screening:
    """`positive`: the codes of the indicators found present. The scenario follows from the
    positive inclusion criteria among them."""
    Pregnancy.objects.select_for_update().filter(pk=pregnancy.pk).first()
    if date < pregnancy.registered_on:
        raise InvalidInput({"date": [_("The screening cannot come before the registration.")]})
    # The rule first: before the programme's start no catalogue is in force either, and the
    # answer there is the rule's (outside_period), not a missing catalogue.
    decision = entitlements.check(
        pregnancy,
        "screening",
        on=date,
        provider=provider_of(by),
        new_assessment_reason=new_assessment_reason,
    )
    if not decision.allowed:
        raise RuleRefused(decision)
    catalogue = catalogue_on(date)
    if catalogue is None:
        raise InvalidInput({"date": [_("No screening catalogue is in force on this date.")]})
    indicators = {i.code: i for i in catalogue.indicators.all()}
    unknown = sorted(set(positive) - set(indicators))
    if unknown:
        raise InvalidInput(
            {"positive": [_("Unknown indicators: %(codes)s.") % {"codes": ", ".join(unknown)}]}
        )
    criteria = sum(1 for code in positive if indicators[code].is_inclusion_criterion)
    try:
        with transaction.atomic():
            screening = Screening.objects.create(
                pregnancy=pregnancy,
                catalogue=catalogue,
                date=date,
                positive_inclusion_criteria=criteria,
                scenario=rules.classify_scenario(criteria, on=date),
                new_assessment_reason=new_assessment_reason.strip(),
                organisation=by.organisation,
                recorded_by=by,
            )
    except IntegrityError as exc:  # a simultaneous first screening won
        raise RuleRefused(
            Decision(
                rule="screening.once",
                allowed=False,
                code=Refusal.ALREADY_SCREENED.value,
                remaining=0,
                message=_("This pregnancy was already screened; a new assessment needs a reason."),
            )
        ) from exc
    ScreeningAnswer.objects.bulk_create(
        ScreeningAnswer(screening=screening, indicator=indicator, positive=code in positive)
        for code, indicator in indicators.items()
    )
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=grant,
        action=AccessAction.CREATE,
        record=screening,
        purpose="record a screening",
        request=request,
    )
    return screening
