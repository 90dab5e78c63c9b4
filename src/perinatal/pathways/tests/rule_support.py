"""Helpers for the rule tables through the services: a family registered, born, screened,
and a service recorded on a frozen day, each answering the refusal code ("" when stored)."""

from datetime import date, datetime, timedelta

import time_machine

from django.utils import timezone

from perinatal.core.refusals import RuleRefused
from perinatal.pathways import access
from perinatal.pathways.services import families
from perinatal.pathways.services.programme import programme_service_record
from perinatal.pathways.services.screening import screening_record

from .factories import child, register

REGISTERED = date(2025, 1, 6)
DUE = date(2025, 6, 1)
BIRTH = date(2025, 5, 28)
B = {"housing", "finances"}  # two inclusion criteria
A = {"housing"}


def at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


def family(user, *, registered=REGISTERED, due=DUE, postcode="1080", **kw):
    with time_machine.travel(at(registered), tick=False):
        return register(user, registered_on=registered, due_date=due, postcode=postcode, **kw)


def born(user, pregnancy, day=BIRTH):
    with time_machine.travel(at(day + timedelta(days=1)), tick=False):
        families.birth_record(
            by=user,
            pregnancy=pregnancy,
            grant=access.grant_for(user, pregnancy),
            date=day,
            place="hospital",
            children=[child()],
        )


def screen(user, pregnancy, day, positive=frozenset(B), reason="") -> str:
    """The refusal code, or "" when the screening was recorded."""
    try:
        screening_record(
            by=user,
            pregnancy=pregnancy,
            grant=access.grant_for(user, pregnancy),
            date=day,
            positive=set(positive),
            new_assessment_reason=reason,
        )
    except RuleRefused as refused:
        assert refused.message
        return refused.code
    return ""


def record(user, pregnancy, kind, day, **kw) -> str:
    """The refusal code, or "" when the service was recorded."""
    try:
        programme_service_record(
            by=user,
            pregnancy=pregnancy,
            grant=access.grant_for(user, pregnancy),
            kind=kind,
            date=day,
            **kw,
        )
    except RuleRefused as refused:
        assert refused.message
        return refused.code
    return ""
