"""The order desk's decisions on booklet orders.

The order desk (`accounts.roles.is_order_desk`) moves an order along `ORDER_NEXT`: approved or
refused (with a reason), approved as an exception after an `over_six_months_need` refusal
(with a reason), shipped, delivered; each decision is in the change log. When a parent's order
for a family on the platform is delivered, it becomes the child's Kindboekje (channel
`parent_order`).
"""

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_order_desk
from perinatal.audit.models import AccessAction, ChangeAction
from perinatal.audit.services import change_record, diff, snapshot
from perinatal.core.constants import TEXT_MAX_LENGTH
from perinatal.pathways.access_log import log_access
from perinatal.pathways.models import Pregnancy

from .. import notices
from ..constants import ORDER_NEXT, Channel, OrderKind, OrderStatus, RefusalCode
from ..errors import InvalidInput, NoAccess
from ..models import Booklet, BookletOrder
from .distribution import GRANT
from .orders import family_for_subject

AUDITED = (
    "status",
    "refusal_code",
    "refusal_reason",
    "exception_reason",
    "decided_at",
    "shipped_at",
    "delivered_at",
)


@dataclass(frozen=True)
class DeskOutcome:
    order: BookletOrder
    booklet: Booklet | None = None
    note: str = ""


def _transition_error(order: BookletOrder, status: str) -> InvalidInput:
    return InvalidInput(
        {
            "status": [
                _("An order that is %(current)s cannot become %(next)s.")
                % {
                    "current": order.get_status_display(),
                    "next": OrderStatus(status).label if status in OrderStatus.values else status,
                }
            ]
        }
    )


def _relink(order: BookletOrder) -> Pregnancy | None:
    """A parent's order made before the family was on the platform: look again."""
    if order.pregnancy is not None:
        return order.pregnancy if order.pregnancy.pseudonymised_at is None else None
    for whose in ("child", "mother"):
        pregnancy, slot = family_for_subject(order.subject_hash, whose, order.child_order)
        if pregnancy is not None and slot == order.child_order:
            order.pregnancy = pregnancy
            return pregnancy
    return None


def _deliver_booklet(by: Any, order: BookletOrder, request: Any) -> tuple[Booklet | None, str]:
    if order.kind != OrderKind.PARENT or order.kindboekjes != 1 or not order.subject_hash:
        return None, ""
    pregnancy = _relink(order)
    if pregnancy is None:
        return None, _(
            "The family is not on the platform: no Kindboekje is recorded in the registry."
        )
    try:
        with transaction.atomic():
            booklet = Booklet.objects.create(
                pregnancy=pregnancy,
                child_order=order.child_order,
                handed_out_on=timezone.localdate(),
                channel=Channel.PARENT_ORDER,
                step=None,
                in_turn=True,
                organisation=None,
                handed_out_by=by,
                area_nis=pregnancy.area_nis,
                order=order,
            )
            log_access(
                by=by,
                pregnancy=pregnancy,
                grant=GRANT,
                action=AccessAction.CREATE,
                record=booklet,
                purpose="record the Kindboekje of a parents' order",
                request=request,
            )
    except IntegrityError:
        return None, _(
            "The child meanwhile got a Kindboekje: the order is delivered, but no second "
            "booklet is recorded in the registry."
        )
    return booklet, ""


@transaction.atomic
def order_decide(
    *, by: Any, order: BookletOrder, status: str, reason: str = "", request: Any = None
) -> DeskOutcome:
    """The order desk moves `order` to `status` (ORDER_NEXT): approved or refused (with a
    reason), approved as an exception after an `over_six_months_need` refusal (with a reason),
    shipped, delivered. Each decision writes a change-log row."""
    if not is_order_desk(by):
        raise NoAccess(_("Only the order desk handles booklet orders."))
    order = BookletOrder.objects.select_for_update().get(pk=order.pk)
    reason = (reason or "").strip()
    if status not in ORDER_NEXT.get(order.status, ()):
        raise _transition_error(order, status)
    exception = order.status == OrderStatus.REFUSED and status == OrderStatus.APPROVED
    if exception and order.refusal_code != RefusalCode.OVER_SIX_MONTHS_NEED:
        raise _transition_error(order, status)
    if (exception or status == OrderStatus.REFUSED) and not reason:
        raise InvalidInput({"reason": [_("Give the reason.")]})
    if len(reason) > TEXT_MAX_LENGTH:
        raise InvalidInput({"reason": [_("This is too long.")]})
    before = snapshot(order, AUDITED)
    now = timezone.now()
    order.status = status
    if status in (OrderStatus.APPROVED, OrderStatus.REFUSED):
        order.decided_by, order.decided_at = by, now
    if status == OrderStatus.REFUSED:
        order.refusal_reason = reason
    if exception:
        order.exception_reason = reason
    if status == OrderStatus.SHIPPED:
        order.shipped_at = now
    booklet, note = None, ""
    if status == OrderStatus.DELIVERED:
        order.delivered_at = now
        booklet, note = _deliver_booklet(by, order, request)
    order.save()
    change_record(
        actor=by,
        action=ChangeAction.UPDATE,
        instance=order,
        changes=diff(before, snapshot(order, AUDITED)),
        reason=reason or note,
    )
    notices.order_handled(order)
    return DeskOutcome(order=order, booklet=booklet, note=note)
