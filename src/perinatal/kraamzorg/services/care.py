"""Care delivered: the visits of a kraamverzorgende (date, hours, carer) of an accepted
request, and closing the dossier, whose total hours are the sum of its visits.

Only the staff of the request's service (role kraamzorg_service of the organisation of the
offer's monitoring `Service`, `access.is_service_staff`) record visits and close; each write
leaves its change-log and access-log row (`access.log_request_access`) in the same
transaction. The request row is locked first, so a visit cannot slip in after a
concurrent close.
"""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.audit.models import AccessAction, AccessBasis, ChangeAction
from perinatal.audit.services import change_record
from perinatal.core.refusals import Decision, InvalidInput, NoAccess, RuleRefused

from ..access import is_service_staff, log_request_access
from ..constants import RequestStatus
from ..models import KraamzorgRequest, Visit
from ..models.care import CARER_MAX_LENGTH
from .care_period import care_period_end

MAX_VISIT_HOURS = Decimal("24")
CARE_RULE = "kraamzorg.care"


def _refuse(code: str, message: str) -> RuleRefused:
    return RuleRefused(Decision(rule=CARE_RULE, allowed=False, code=code, message=message))


def _locked_for_staff(by: Any, kraamzorg_request: KraamzorgRequest) -> KraamzorgRequest:
    locked = (
        KraamzorgRequest.objects.select_for_update(of=("self",))
        .select_related("offer__service", "pregnancy")
        .get(pk=kraamzorg_request.pk)
    )
    if not is_service_staff(by, locked.offer):
        raise NoAccess(_("Only the staff of the kraamzorg service record the care."))
    return locked


def _clean_hours(hours: Any) -> Decimal:
    try:
        value = Decimal(str(hours))
    except (InvalidOperation, ValueError):
        raise InvalidInput({"hours": [_("Enter the hours as a number.")]}) from None
    if not value.is_finite() or value <= 0 or value > MAX_VISIT_HOURS:
        raise InvalidInput({"hours": [_("A visit lasts more than 0 and at most 24 hours.")]})
    if value != value.quantize(Decimal("0.01")):
        raise InvalidInput({"hours": [_("Enter the hours to at most two decimals.")]})
    return value


def total_hours(kraamzorg_request: KraamzorgRequest) -> Decimal:
    """The dossier's hours: the sum of its visits."""
    found = kraamzorg_request.visits.aggregate(total=Sum("hours"))["total"]
    return found if found is not None else Decimal("0")


@transaction.atomic
def visit_record(
    *,
    by: Any,
    kraamzorg_request: KraamzorgRequest,
    date: date,
    hours: Decimal | str | float,
    carer: str,
    note: str = "",
    request: Any = None,
) -> Visit:
    """Record a visit of an accepted request (not in the future, not before the request was
    submitted)."""
    locked = _locked_for_staff(by, kraamzorg_request)
    if locked.status != RequestStatus.ACCEPTED:
        raise _refuse(
            "not_accepted", _("Visits are recorded only for an accepted request that is open.")
        )
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if date > today:
        errors["date"] = [_("A visit is recorded once it took place, not in advance.")]
    elif date < timezone.localdate(locked.submitted_at):
        errors["date"] = [_("The visit is before the request was made.")]
    carer = (carer or "").strip()
    if not carer:
        errors["carer"] = [_("Name the kraamverzorgende.")]
    elif len(carer) > CARER_MAX_LENGTH:
        errors["carer"] = [_("The name is too long.")]
    try:
        value = _clean_hours(hours)
    except InvalidInput as exc:
        errors.update({k: [m for e in v for m in e.messages] for k, v in exc.error_dict.items()})
    if errors:
        raise InvalidInput(errors)
    visit = Visit.objects.create(
        request=locked, date=date, hours=value, carer=carer, note=note.strip(), recorded_by=by
    )
    change_record(
        actor=by,
        action=ChangeAction.CREATE,
        instance=visit,
        changes={"date": [None, date.isoformat()], "hours": [None, str(value)]},
    )
    log_request_access(
        by=by,
        kraamzorg_request=locked,
        basis=AccessBasis.REFERRAL,
        action=AccessAction.CREATE,
        purpose="kraamzorg visit",
        request=request,
    )
    return visit


@transaction.atomic
def request_close(
    *, by: Any, kraamzorg_request: KraamzorgRequest, request: Any = None
) -> KraamzorgRequest:
    """Close the dossier of an accepted request; `total_hours` (set on the returned request)
    is the sum of its visits."""
    locked = _locked_for_staff(by, kraamzorg_request)
    if locked.status != RequestStatus.ACCEPTED:
        raise _refuse("invalid_transition", _("Only an accepted request in care can be closed."))
    locked.status = RequestStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    care_period_end(kraamzorg_request=locked)
    locked.total_hours = total_hours(locked)
    change_record(
        actor=by,
        action=ChangeAction.UPDATE,
        instance=locked,
        changes={
            "status": [RequestStatus.ACCEPTED, RequestStatus.CLOSED],
            "total_hours": [None, str(locked.total_hours)],
        },
    )
    log_request_access(
        by=by,
        kraamzorg_request=locked,
        basis=AccessBasis.REFERRAL,
        action=AccessAction.UPDATE,
        purpose="kraamzorg close",
        request=request,
    )
    return locked
