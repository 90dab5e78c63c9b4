"""The home page's Kindboekje section: the children of the families a Kind en Gezin team
cares for who have no Kindboekje six weeks after birth (the booklets' rule and query,
`booklets.monitoring.children.children_due`: `booklets.follow_up_after_birth_days`, seed 000
and decision 0009), those that became due in the last `worklist.kindboekje_window_days`, the
most recently born first; each links to the Kindboekje page of the family, where it is handed
out, and the booklets' follow-up page lists them all. Each family named is added to `shown`."""

from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from perinatal.booklets.monitoring.children import children_due, follow_up_cutoff

from . import rules
from .access_log import FamiliesShown
from .families import PREGNANCY, basis_of, cared_for, name_of
from .items import Item, day


def children_without_booklet(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    cutoff = follow_up_cutoff(on)
    first = cutoff - timedelta(days=rules.parameter("worklist.kindboekje_window_days", on=on))
    limit = rules.items_per_kind(on)
    children = list(
        cared_for(children_due(on), user, "birth__pregnancy__")
        .filter(covered=False, birth__date__gte=first)
        .select_related("birth__pregnancy__mother")
        .order_by("-birth__date", "birth__pregnancy_id", "birth_order")[:limit]
    )
    ask = reverse("booklets:ask")
    items = []
    for child in children:
        pregnancy = child.birth.pregnancy
        shown.add(
            basis=basis_of(user, pregnancy),
            record_type=PREGNANCY,
            record_id=pregnancy.public_id,
            subject=pregnancy.public_id,
        )
        name = " · ".join(part for part in (name_of(pregnancy), child.given_name) if part)
        items.append(
            Item(
                name,
                _("Born on %(date)s, %(days)s days ago, and still without a Kindboekje.")
                % {"date": day(child.birth.date), "days": (on - child.birth.date).days},
                f"{ask}?pregnancy={pregnancy.public_id}",
                late=True,
            )
        )
    return items
