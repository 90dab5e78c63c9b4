"""The parent's home: the families the parent is linked to, each linking to its "My first
1000 days" (`parents:family`; decision 0036). Each family named is added to `shown` on the
basis "own record"."""

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from perinatal.audit.models import AccessBasis
from perinatal.parents.selectors import linked_pregnancies

from . import rules
from .access_log import FamiliesShown
from .families import PREGNANCY, name_of
from .items import Item, day


def my_families(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    items = []
    pregnancies = linked_pregnancies(user).select_related("birth")
    for pregnancy in pregnancies[: rules.items_per_kind(on)]:
        shown.add(
            basis=AccessBasis.OWN_RECORD,
            record_type=PREGNANCY,
            record_id=pregnancy.public_id,
            subject=pregnancy.public_id,
        )
        birth = getattr(pregnancy, "birth", None)
        why = (
            _("Born on %(date)s.") % {"date": day(birth.date)}
            if birth is not None
            else _("Expected around %(date)s.") % {"date": day(pregnancy.due_date)}
        )
        items.append(
            Item(
                _("My first 1000 days: %(name)s") % {"name": name_of(pregnancy)},
                why,
                reverse("parents:family", args=[pregnancy.public_id]),
            )
        )
    return items
