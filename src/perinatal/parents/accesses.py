""" "Who looked at my record" (issue 16 item 4, decision 0037): the access-log rows of one
family, in words a parent reads — who (name, profession, organisation), when, what, on which
basis, refused attempts as such, an emergency access with its written reason — a page at a
time (keyset on the log's own order, newest first: a family may have thousands of rows).

The rows are the audit log's (`AccessEvent` whose `subject` is the family's public id); a
parent never reads another family's, since the family is loaded through `own_family_get`.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from perinatal.accounts.constants import Role
from perinatal.audit.models import (
    AccessAction,
    AccessBasis,
    AccessEvent,
    AccessOutcome,
    RefusalReason,
)
from perinatal.pathways.models import Pregnancy

PAGE_ROWS = 50

# What was done, as a parent reads it.
ACTIONS: dict[str, Promise] = {
    AccessAction.CREATE: _("added to the record"),
    AccessAction.READ: _("looked at the record"),
    AccessAction.UPDATE: _("changed the record"),
    AccessAction.DELETE: _("deleted from the record"),
    AccessAction.SEARCH: _("found the family in a search"),
    AccessAction.EXPORT: _("exported the record"),
    AccessAction.PRINT: _("printed the record"),
}

# On which basis, as a parent reads it.
BASES: dict[str, Promise] = {
    AccessBasis.CARE_TEAM: _("keeps your record (care team)"),
    AccessBasis.CONSENT: _("member of your care team, with your consent"),
    AccessBasis.BREAK_THE_GLASS: _("emergency access"),
    AccessBasis.OWN_RECORD: _("your own record"),
    AccessBasis.AUDIT: _("a check of the access log"),
    AccessBasis.REFERRAL: _("a referral to their organisation"),
    AccessBasis.RETENTION: _("keeping or deleting data, or a request of the family"),
    AccessBasis.BOOKLET: _("asking whether the child has a Kindboekje, or handing one out"),
    AccessBasis.LOOKUP: _("a search by national number"),
    AccessBasis.NONE: _("no basis: refused"),
}


@dataclass(frozen=True)
class AccessRow:
    event_id: int
    at: datetime
    who: str
    profession: str
    organisation: str
    what: str
    basis: str
    refused: bool
    refusal: str
    emergency: bool
    reason: str  # the written reason of an emergency access ("" otherwise)
    own: bool  # a parent's own visit


def _who(event: AccessEvent) -> tuple[str, str]:
    """The actor's name and profession (or role), as the log keeps them."""
    actor = event.actor
    name = ""
    profession = ""
    if actor is not None:
        name = actor.get_full_name()
        if getattr(actor, "profession", ""):
            profession = str(actor.get_profession_display())
    if not profession and event.actor_role in Role.values:
        profession = str(Role(event.actor_role).label)
    return name or event.actor_username or str(_("someone without an account")), profession


def _row(event: AccessEvent) -> AccessRow:
    who, profession = _who(event)
    refused = event.outcome == AccessOutcome.REFUSED
    emergency = event.basis == AccessBasis.BREAK_THE_GLASS
    return AccessRow(
        event_id=event.pk,
        at=event.at,
        who=who,
        profession=profession,
        organisation=event.actor_organisation,
        what=str(ACTIONS.get(event.action, event.get_action_display())),
        basis=str(BASES.get(event.basis, event.get_basis_display())),
        refused=refused,
        refusal=str(RefusalReason(event.refusal).label)
        if event.refusal in RefusalReason.values
        else "",
        emergency=emergency,
        reason=event.reason if emergency else "",
        own=event.actor_role == Role.PARENT,
    )


def family_events(pregnancy: Pregnancy, *, hide_own: bool = False) -> Any:
    """The family's access-log rows, newest first."""
    events = AccessEvent.objects.filter(subject=str(pregnancy.public_id))
    if hide_own:
        events = events.exclude(actor_role=Role.PARENT)
    return events.order_by("-at", "-id")


@dataclass(frozen=True)
class AccessPage:
    rows: list[AccessRow]
    next_after: int | None  # the id of the last row, when older rows follow


def access_page(
    pregnancy: Pregnancy, *, after: int | None = None, hide_own: bool = False
) -> AccessPage:
    """One page of the family's rows, older than the row `after` (an id of this family's
    log; an id of another family's is ignored: the first page)."""
    events = family_events(pregnancy, hide_own=hide_own)
    if after is not None:
        last = AccessEvent.objects.filter(pk=after, subject=str(pregnancy.public_id)).first()
        if last is not None:
            events = events.filter(Q(at__lt=last.at) | Q(at=last.at, pk__lt=last.pk))
    found = list(events.select_related("actor")[: PAGE_ROWS + 1])
    more = len(found) > PAGE_ROWS
    found = found[:PAGE_ROWS]
    return AccessPage([_row(e) for e in found], found[-1].pk if more and found else None)


def family_event(pregnancy: Pregnancy, event_id: Any) -> AccessEvent | None:
    """One row of this family's log (None for any other id)."""
    try:
        pk = int(event_id)
    except (TypeError, ValueError):
        return None
    return AccessEvent.objects.filter(pk=pk, subject=str(pregnancy.public_id)).first()


def access_row(event: AccessEvent) -> AccessRow:
    return _row(event)
