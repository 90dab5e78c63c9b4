from .distribution import booklet_cancel, booklet_hand_out, booklet_replace
from .orders import (
    DeskOutcome,
    OrderRefused,
    ShipTo,
    order_decide,
    order_submit_midwife,
    order_submit_parent,
)

__all__ = [
    "DeskOutcome",
    "OrderRefused",
    "ShipTo",
    "booklet_cancel",
    "booklet_hand_out",
    "booklet_replace",
    "order_decide",
    "order_submit_midwife",
    "order_submit_parent",
]
