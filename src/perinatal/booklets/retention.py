"""The Kindboekje's part of the family record's retention (pathways/services/retention.py).

- Export on request: a `kindboekje` section with the family's booklets (dates, channels,
  steps, void reasons), the parents' orders linked to the pregnancy (with their status and
  where they were sent) and the hand-outs the registry refused for it.
- Pseudonymisation after the retention period: the free texts (the reason outside the turn,
  the note of a void booklet; the remarks and reasons of the parents' orders), the address an
  order was sent to and the keyed hash of the national number it was ordered with are
  cleared. Dates, channels, steps, codes, statuses and the region stay, for monitoring.
  A reason the database requires to be there (`booklet_out_of_turn_has_reason`, a parent's
  order's `subject_hash`) gets a placeholder instead.
"""

import secrets
from typing import Any

from django.db.models import Q

from perinatal.core.dates import iso
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.services.retention import PSEUDONYMISED

from .constants import CHANNEL_PROVIDER, OrderKind
from .models import Booklet, BookletOrder, HandoutRefusal

SECTION = "kindboekje"


def _booklet(booklet: Booklet) -> dict[str, Any]:
    return {
        "id": str(booklet.public_id),
        "child_order": booklet.child_order,
        "handed_out_on": iso(booklet.handed_out_on),
        "channel": booklet.channel,
        "channel_label": str(booklet.get_channel_display()),
        "provider": str(CHANNEL_PROVIDER[booklet.channel].label),
        "step": booklet.step,
        "in_turn": booklet.in_turn,
        "out_of_turn_reason": booklet.out_of_turn_reason,
        "organisation": str(booklet.organisation) if booklet.organisation else None,
        "replaces": str(booklet.replaces.public_id) if booklet.replaces is not None else None,
        "voided_on": iso(booklet.voided_on),
        "void_reason": booklet.void_reason or None,
        "void_reason_label": str(booklet.get_void_reason_display())
        if booklet.void_reason
        else None,
        "void_note": booklet.void_note,
    }


def _order(order: BookletOrder) -> dict[str, Any]:
    return {
        "id": str(order.public_id),
        "child_order": order.child_order,
        "kindboekjes": order.kindboekjes,
        "status": order.status,
        "status_label": str(order.get_status_display()),
        "submitted_at": iso(order.submitted_at),
        "shipped_at": iso(order.shipped_at),
        "delivered_at": iso(order.delivered_at),
        "ship_to": {
            "name": order.ship_to_name,
            "street": order.ship_to_street,
            "postcode": order.ship_to_postcode,
            "municipality": order.ship_to_municipality,
        },
        "remarks": order.remarks,
        "refusal_code": order.refusal_code or None,
        "refusal_reason": order.refusal_reason,
    }


def parent_orders_of(pregnancy: Pregnancy):
    return BookletOrder.objects.filter(pregnancy=pregnancy, kind=OrderKind.PARENT)


def export_section(pregnancy: Pregnancy) -> dict[str, Any]:
    """The `kindboekje` section of the family export (JSON-friendly)."""
    booklets = Booklet.objects.filter(pregnancy=pregnancy).select_related(
        "organisation", "replaces"
    )
    refusals = HandoutRefusal.objects.filter(pregnancy=pregnancy).order_by("on", "id")
    return {
        SECTION: {
            "booklets": [_booklet(b) for b in booklets.order_by("child_order", "handed_out_on")],
            "parent_orders": [
                _order(o) for o in parent_orders_of(pregnancy).order_by("submitted_at", "id")
            ],
            "refused_hand_outs": [
                {
                    "on": iso(r.on),
                    "code": r.code,
                    "code_label": str(r.get_code_display()),
                    "channel": r.channel,
                    "channel_label": str(r.get_channel_display()),
                }
                for r in refusals
            ],
        }
    }


def pseudonymise(pregnancy: Pregnancy) -> int:
    """Clear the Kindboekje's free texts and the parents' orders' addresses of `pregnancy`
    (inside the purge's transaction); how many rows changed."""
    booklets = Booklet.objects.filter(pregnancy=pregnancy)
    changed = (
        booklets.filter(in_turn=False)
        .exclude(out_of_turn_reason=PSEUDONYMISED)
        .update(out_of_turn_reason=PSEUDONYMISED)
    )
    changed += booklets.exclude(void_note="").update(void_note="")
    cleared = {
        "ship_to_name": "",
        "ship_to_street": "",
        "ship_to_postcode": "",
        "ship_to_municipality": "",
        "remarks": "",
        "refusal_reason": "",
        "exception_reason": "",
    }
    done = Q(**dict.fromkeys(cleared, "")) & Q(subject_hash__startswith="pseudonymised-")
    for order in parent_orders_of(pregnancy).exclude(done):
        for name, value in cleared.items():
            setattr(order, name, value)
        # De-linked from the national number, still unique (the constraint needs a value).
        order.subject_hash = f"pseudonymised-{secrets.token_hex(16)}"
        order.save(update_fields=[*cleared, "subject_hash"])
        changed += 1
    return changed
