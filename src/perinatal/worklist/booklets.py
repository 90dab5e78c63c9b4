"""The home page's Kindboekje section: the children of the families a Kind en Gezin team
cares for who have no Kindboekje six weeks after birth (`booklets.follow_up_after_birth_days`,
seed 000 and decision 0009), read through the booklets' own follow-up work list, which
writes each family shown to the access log; each links to the Kindboekje page of the
family, where it is handed out."""

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from perinatal.booklets.monitoring.work_list import follow_up_work_list

from . import rules
from .items import Item, day


def children_without_booklet(*, user: Any, on: date, request: Any = None) -> list[Item]:
    work_list = follow_up_work_list(by=user, on=on, request=request, limit=rules.items_per_kind(on))
    ask = reverse("booklets:ask")
    items = []
    for entry in work_list.entries:
        name = " · ".join(part for part in (entry.mother, entry.child) if part)
        items.append(
            Item(
                name or _("(no name)"),
                _("Born on %(date)s, %(days)s days ago, and still without a Kindboekje.")
                % {"date": day(entry.birth_date), "days": entry.days_since_birth},
                f"{ask}?pregnancy={entry.pregnancy_id}",
                late=True,
            )
        )
    return items
