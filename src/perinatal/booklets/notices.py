"""Who the order desk tells (docs/decisions/0030-notifications.md): the person who ordered
booklets, when the desk approves, refuses, ships or delivers the order, linked to their
orders page. Registered from `BookletsConfig.ready()`; `services/order_desk.py` calls
`order_handled` inside its transaction."""

from django.utils.translation import gettext_lazy, gettext_noop

from perinatal.notifications.kinds import Kind, register_kind
from perinatal.notifications.services import notify
from perinatal.pathways.family_news import BOOKLET_ORDER_HANDLED, FamilyNews, tell_family

from .constants import OrderStatus
from .models import BookletOrder

HANDLED = "booklet_order_handled"
MESSAGES = {
    OrderStatus.APPROVED: gettext_noop("Your booklet order is approved."),
    OrderStatus.REFUSED: gettext_noop(
        "Your booklet order is refused; the reason is with the order."
    ),
    OrderStatus.SHIPPED: gettext_noop("Your booklet order is shipped."),
    OrderStatus.DELIVERED: gettext_noop("Your booklet order is delivered."),
}


def order_handled(order: BookletOrder) -> None:
    told = notify(
        recipients=[order.ordered_by],
        kind=HANDLED,
        about=order,
        link=("booklets:orders_mine", []),
        message=MESSAGES[OrderStatus(order.status)],
    )
    if order.pregnancy_id is not None:
        # The family's own news: its linked parents hear it (decision 0038).
        tell_family(
            FamilyNews(
                BOOKLET_ORDER_HANDLED,
                order.pregnancy_id,
                order,
                params={"status": order.status},
                told=frozenset(n.recipient_id for n in told),
            )
        )


def register() -> None:
    register_kind(
        Kind(
            HANDLED,
            gettext_lazy("Booklet order handled"),
            gettext_noop("Your booklet order was handled."),
            subject=gettext_lazy("Your booklet order was handled"),
            email_text=gettext_lazy("The order desk handled a booklet order of yours."),
        )
    )
