from .distribution import booklet_cancel, booklet_hand_out, booklet_replace
from .order_desk import DeskOutcome, order_decide
from .orders import OrderRefused, ShipTo, order_submit_midwife, order_submit_parent

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
