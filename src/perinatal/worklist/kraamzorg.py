"""The home page of a kraamzorg service's intake staff: the requests to answer, the families
in care (each linking to its care page, where visits are recorded and the dossier closed),
the families with no visit recorded this week, and last month's statements to send. The
requests come from `kraamzorg.selectors.intake_queue` (the service's own, one index range);
each request named is added to `shown` on the basis `referral`, under its family when it is
linked to one (as `kraamzorg.access.log_request_access` writes it)."""

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Sum
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from perinatal.audit.models import AccessBasis
from perinatal.kraamzorg.constants import RequestStatus
from perinatal.kraamzorg.models import KraamzorgRequest, Visit
from perinatal.kraamzorg.selectors import intake_queue

from . import rules
from .access_log import FamiliesShown
from .items import Item, day, month

REQUEST = "kraamzorg.kraamzorgrequest"


def _shown(shown: FamiliesShown, found: KraamzorgRequest) -> None:
    pregnancy = found.pregnancy
    subject = pregnancy.public_id if pregnancy is not None else found.public_id
    shown.add(
        basis=AccessBasis.REFERRAL, record_type=REQUEST, record_id=found.public_id, subject=subject
    )


def _name(found: KraamzorgRequest) -> str:
    return found.contact_name or _("(no name)")


def _expected(found: KraamzorgRequest) -> str:
    expected = found.expected_date
    if expected is None:
        return ""
    if found.birth_date:
        return _("born on %(date)s") % {"date": day(expected)}
    return _("expected on %(date)s") % {"date": day(expected)}


def requests_to_answer(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """Requests submitted or on the waiting list, the earliest expected date first."""
    statuses = (RequestStatus.SUBMITTED, RequestStatus.WAITING)
    items = []
    for found in intake_queue(by=user, statuses=statuses)[: rules.items_per_kind(on)]:
        _shown(shown, found)
        text = (
            _("Asked on %(date)s, %(expected)s: answer the request.")
            if found.status == RequestStatus.SUBMITTED
            else _("On the waiting list since %(date)s, %(expected)s.")
        )
        asked = found.decided_at if found.status == RequestStatus.WAITING else found.submitted_at
        items.append(
            Item(
                _name(found),
                text % {"date": day(asked.date()), "expected": _expected(found)},
                reverse("kraamzorg:intake_request", args=[found.public_id]),
                late=found.expected_date is not None and found.expected_date < on,
            )
        )
    return items


def _week(on: date) -> tuple[date, date]:
    monday = on - timedelta(days=on.weekday())
    return monday, monday + timedelta(days=6)


def families_in_care(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """Accepted requests: the families in care, the earliest planned start first."""
    items = []
    found_all = intake_queue(by=user, statuses=(RequestStatus.ACCEPTED,))
    for found in found_all[: rules.items_per_kind(on)]:
        _shown(shown, found)
        why = (
            _("In care since %(date)s: record the visits, close the dossier at the end.")
            % {"date": day(found.planned_start)}
            if found.planned_start
            else _("Accepted: record the visits, close the dossier at the end.")
        )
        items.append(Item(_name(found), why, reverse("kraamzorg:care", args=[found.public_id])))
    return items


def visits_this_week(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """Families in care whose care has started and who have no visit recorded this week."""
    monday, sunday = _week(on)
    visited = Visit.objects.filter(request=OuterRef("pk"), date__range=(monday, sunday))
    found_all = (
        intake_queue(by=user, statuses=(RequestStatus.ACCEPTED,))
        .filter(planned_start__lte=on)
        .filter(~Exists(visited))
    )
    items = []
    for found in found_all[: rules.items_per_kind(on)]:
        _shown(shown, found)
        items.append(
            Item(
                _name(found),
                _("No visit recorded in the week of %(monday)s to %(sunday)s.")
                % {"monday": day(monday), "sunday": day(sunday)},
                reverse("kraamzorg:care", args=[found.public_id]),
            )
        )
    return items


def statements_to_send(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """The families with visits last month: their monthly statement (page and PDF)."""
    last_month_end = on.replace(day=1) - timedelta(days=1)
    first = last_month_end.replace(day=1)
    with_visits = (
        Visit.objects.filter(
            request__in=intake_queue(
                by=user, statuses=(RequestStatus.ACCEPTED, RequestStatus.CLOSED)
            ).order_by(),
            date__range=(first, last_month_end),
        )
        .values("request_id")
        .annotate(visits=Count("id"), hours=Sum("hours"))
        .order_by("request_id")[: rules.items_per_kind(on)]
    )
    rows = {row["request_id"]: row for row in with_visits}
    requests = KraamzorgRequest.objects.select_related("pregnancy").in_bulk(list(rows))
    items = []
    for request_id, row in rows.items():
        found = requests[request_id]
        _shown(shown, found)
        items.append(
            Item(
                _name(found),
                _("%(month)s: %(visits)s visits, %(hours)s hours. Send the monthly statement.")
                % {
                    "month": month(first),
                    "visits": row["visits"],
                    "hours": formats.localize(row["hours"]),
                },
                reverse("kraamzorg:statement", args=[found.public_id, first.year, first.month]),
            )
        )
    return items
