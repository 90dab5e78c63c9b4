"""The home pages of the roles that never see a family: the directory editors' desk, the
analysts' dashboard on the latest year with data, the Kindboekje order desk, and the
administrators' failed background jobs, locked accounts and emergency accesses to review.
Also the requesters' own open kraamzorg requests (a parent, an actor who only refers). None
of these name a family: nothing here is written to the access log, except a parent's or
referrer's own requests, which `shown` records like the request pages do."""

from datetime import date, datetime, time, timedelta
from typing import Any

from axes.models import AccessAttempt

from django.conf import settings
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.audit.models import AccessBasis
from perinatal.booklets.constants import OrderStatus
from perinatal.booklets.order_selectors import desk_orders
from perinatal.directory.selectors import reports_open, services_unverified_since
from perinatal.jobs.constants import JobStatus
from perinatal.jobs.display import job_title
from perinatal.jobs.models import Job
from perinatal.kraamzorg.constants import OPEN_STATUSES
from perinatal.kraamzorg.selectors import requests_of_requester
from perinatal.monitoring.figures import modules_in_order
from perinatal.monitoring.selectors import years_with_figures
from perinatal.pathways.models import EmergencyAccess

from . import rules
from .access_log import FamiliesShown
from .items import Item, day, moment


def _day_start(day: date) -> datetime:
    """Midnight at the start of `day`, in Brussels."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _since(on: date) -> datetime:
    return _day_start(rules.recent_since(on))


def editor_reports(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """Open error reports of the directory, the oldest first (closed on their page)."""
    items = []
    for report in reports_open().order_by("created_at")[: rules.items_per_kind(on)]:
        subject = str(report.service) if report.service_id else report.get_kind_display()
        items.append(
            Item(
                subject,
                _("%(kind)s, reported on %(date)s.")
                % {
                    "kind": report.get_kind_display(),
                    "date": day(timezone.localtime(report.created_at).date()),
                },
                reverse("directory:report_close", args=[report.pk]),
            )
        )
    return items


def editor_verification(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """How many entries wait for a verification (never, or more than the allowed age)."""
    days = settings.DIRECTORY_VERIFICATION_MAX_AGE_DAYS
    count = services_unverified_since(days).count()
    if not count:
        return []
    url = reverse("directory:editor_queue")
    return [
        Item(
            _("Entries to verify"),
            _("%(count)s entries were never verified or not in the last %(days)s days.")
            % {"count": count, "days": days},
            f"{url}?show=stale",
        )
    ]


def latest_year(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """The dashboard on the latest year with data (the kraamzorg submissions or any
    module's records)."""
    year = _latest_year(on)
    if year is None:
        return []
    return [
        Item(
            _("Monitoring %(year)s") % {"year": year},
            _("The latest year with data is %(year)s: its figures and charts.") % {"year": year},
            f"{reverse('monitoring:dashboard')}?year={year}",
        )
    ]


def _latest_year(on: date) -> int | None:
    """The latest year of the submissions' snapshots or of any module's records up to `on`:
    the latest date of each (one index read each), not the distinct years of every record."""
    years = years_with_figures()
    latest = [years[-1]] if years else []
    for module in modules_in_order():
        for queryset, field in module.record_dates():
            moment_field = queryset.model._meta.get_field(field).get_internal_type()
            bound = _day_start(on + timedelta(days=1))
            past = queryset.filter(
                **{f"{field}__lt": bound}
                if moment_field == "DateTimeField"
                else {f"{field}__lte": on}
            )
            last = past.aggregate(last=Max(field))["last"]
            if last is not None:
                latest.append(last.year)
    return max(latest, default=None)


DESK_STATUSES = (OrderStatus.SUBMITTED, OrderStatus.APPROVED)


def orders_to_handle(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """Booklet orders submitted (to approve or refuse) or approved (to ship), oldest first."""
    items = []
    found = desk_orders(by=user).filter(status__in=DESK_STATUSES)
    for order in found[: rules.items_per_kind(on)]:
        text = (
            _("%(quantity)s Kindboekjes ordered on %(date)s: approve or refuse.")
            if order.status == OrderStatus.SUBMITTED
            else _("%(quantity)s Kindboekjes approved: record the shipment.")
        )
        who = order.practice_name or order.get_kind_display()
        items.append(
            Item(
                who,
                text
                % {
                    "quantity": order.kindboekjes,
                    "date": day(timezone.localtime(order.submitted_at).date()),
                },
                reverse("booklets:desk_order", args=[order.public_id]),
            )
        )
    return items


def failed_jobs(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """Background jobs that failed in the recent days, the latest first."""
    found = Job.objects.filter(status=JobStatus.FAILED, created_at__gte=_since(on)).order_by(
        "-created_at"
    )
    items = []
    for job in found[: rules.items_per_kind(on)]:
        items.append(
            Item(
                str(job_title(job)),
                _("Failed on %(moment)s after %(attempts)s attempts.")
                % {"moment": moment(job.finished_at or job.created_at), "attempts": job.attempts},
                reverse("jobs:detail", args=[job.pk]),
                late=True,
            )
        )
    return items


def _attempts_url() -> str:
    try:
        return reverse("admin:axes_accessattempt_changelist")
    except NoReverseMatch:
        return reverse("admin:index")


def locked_accounts(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """User names locked out in the recent days (`AXES_FAILURE_LIMIT` failed logins), the
    latest first: still locked until the cool-off ends, to review either way."""
    cooloff = settings.AXES_COOLOFF_TIME
    found = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=_since(on)
    ).order_by("-attempt_time")
    now, items = timezone.now(), []
    for attempt in found[: rules.items_per_kind(on)]:
        until = attempt.attempt_time + cooloff
        text = (
            _("Locked after %(count)s failed logins, until %(until)s.")
            if until > now
            else _("Locked out after %(count)s failed logins on %(moment)s.")
        )
        items.append(
            Item(
                attempt.username or _("(no user name)"),
                text
                % {
                    "count": attempt.failures_since_start,
                    "until": moment(until),
                    "moment": moment(attempt.attempt_time),
                },
                _attempts_url(),
                late=until > now,
            )
        )
    return items


def emergency_accesses(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """Emergency accesses ("break the glass") opened in the recent days, to review in the
    access log (by the family's pseudonymous id: no name here)."""
    found = (
        EmergencyAccess.objects.filter(granted_at__gte=_since(on))
        .select_related("user__organisation", "pregnancy")
        .order_by("-granted_at")
    )
    items = []
    log = reverse("audit:access_log")
    for access in found[: rules.items_per_kind(on)]:
        who = access.user.get_full_name() or access.user.get_username()
        items.append(
            Item(
                f"{who} · {access.user.organisation or ''}".strip(" ·"),
                _("Opened a record in an emergency on %(moment)s: review the reason and use.")
                % {"moment": moment(access.granted_at)},
                f"{log}?subject={access.pregnancy.public_id}",
            )
        )
    return items


def my_requests(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """A parent's or referrer's own kraamzorg requests that are still open."""
    found = requests_of_requester(by=user).filter(status__in=OPEN_STATUSES)
    basis = AccessBasis.OWN_RECORD if user.role == "parent" else AccessBasis.REFERRAL
    items = []
    for request in found[: rules.items_per_kind(on)]:
        pregnancy = request.pregnancy
        subject = pregnancy.public_id if pregnancy is not None else request.public_id
        shown.add(
            basis=basis,
            record_type="kraamzorg.kraamzorgrequest",
            record_id=request.public_id,
            subject=subject,
        )
        items.append(
            Item(
                f"{request.offer.service} · {request.contact_name}".strip(" ·"),
                _("Asked on %(date)s: %(status)s.")
                % {
                    "date": day(timezone.localtime(request.submitted_at).date()),
                    "status": request.get_status_display(),
                },
                reverse("kraamzorg:request", args=[request.public_id]),
            )
        )
    return items
