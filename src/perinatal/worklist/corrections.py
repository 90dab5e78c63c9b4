"""The home page's section of the corrections families asked for (decision 0038): the open
requests of the families the user's organisation cares for (it leads them, or is in their
care team and the family shares with it: `families.cared_for`), the oldest first, each
linking to the page where it is answered and marked handled. Each family named is added to
`shown` for the access log, on the basis it is seen on."""

from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.parents.models import CorrectionRequest

from . import rules
from .access_log import FamiliesShown
from .families import basis_of, cared_for, name_of
from .items import Item, day

# A request unanswered for longer than this is shown as late (the GDPR's month, article 12.3).
ANSWER_WITHIN = timedelta(days=30)


def corrections_asked(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    limit = rules.items_per_kind(on)
    open_requests = CorrectionRequest.objects.filter(handled_at__isnull=True)
    ordered = list(
        cared_for(open_requests, user, path="pregnancy__")
        .select_related("pregnancy__mother")
        .order_by("asked_at", "id")[:limit]
    )
    items = []
    for correction in ordered:
        pregnancy = correction.pregnancy
        shown.add(
            basis=basis_of(user, pregnancy),
            record_type=correction._meta.label_lower,
            record_id=correction.public_id,
            subject=pregnancy.public_id,
        )
        asked = timezone.localtime(correction.asked_at).date()
        items.append(
            Item(
                name_of(pregnancy),
                _("The family asked on %(date)s to correct its record: answer it.")
                % {"date": day(asked)},
                reverse("parents:correction_handle", args=[correction.public_id]),
                late=asked + ANSWER_WITHIN < on,
            )
        )
    return items
