"""Linking a parent to a family's record, and ending the link (issue 16, item 1; decision 0035).

- `link_code_issue`: a professional who sees the family through the care team (or the
  family's consent to share within it) gives a parent a one-time code; never on an emergency
  access. Earlier unused codes stay valid until they expire or are used: the team gives one
  code per parent.
- `link_redeem`: a parent's account enters the code and the mother's date of birth. A right
  pair links the account (the code is then used). Whatever is wrong (no such code, a wrong
  date of birth, a code expired, used or locked), the parent is told one and the same thing,
  `NOT_LINKED`, so a try never tells whether a family or a code exists. A wrong date of birth
  with an existing code counts against the code, which locks after
  `link_code.failed_attempts_to_lock` wrong tries; every try counts against the account
  (`link_tries.py`).
- `link_end`: the parent themself or a professional of the care team ends a link.

Every link and unlink is in the access log (the parent on the basis "own record", the
professional on the basis of the care team or consent) and the change log, in the same
transaction.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perinatal.accounts.roles import is_care_professional, is_parent
from perinatal.audit.models import AccessAction, AccessBasis, ChangeAction, RefusalReason
from perinatal.audit.services import access_record, change_record
from perinatal.core.dates import iso
from perinatal.core.refusals import InvalidInput, NoAccess
from perinatal.pathways.access import Grant, grant_for, refusal_reason
from perinatal.pathways.access_log import log_access
from perinatal.pathways.models import Pregnancy

from .. import linking, notices
from ..link_tries import TooManyTries, count_try
from ..models import LinkCode, ParentLink
from ..selectors import OWN_RECORD

# The bases on which a professional may give a code or end a parent's link.
TEAM_BASES = frozenset({AccessBasis.CARE_TEAM, AccessBasis.CONSENT})

NOT_LINKED = gettext_lazy(
    "This code and date of birth do not match a code that can be used. Check both: a code "
    "works once and for a limited time. If it still does not work, ask your care team for a "
    "new code."
)
MALFORMED = gettext_lazy("A code has 10 letters and digits, for example ABCDE-23456.")


class NotLinkedError(Exception):
    """The code and date of birth did not link (for whatever reason: the parent is told
    `NOT_LINKED` alone)."""

    def user_message(self) -> str:
        return str(NOT_LINKED)


class AlreadyLinked(Exception):
    """A right code for a family the account is already linked to (the code stays unused)."""


@dataclass(frozen=True)
class IssuedCode:
    """A new code: `code` in clear (shown once, never stored) and its row."""

    code: str
    link_code: LinkCode

    @property
    def shown(self) -> str:
        return linking.shown(self.code)


def team_grant(by: Any, pregnancy: Pregnancy) -> Grant:
    """The basis on which `by` acts for the family's care team; NoAccess for anyone else (an
    emergency access included: it lets a professional read, not act for the team)."""
    if not is_care_professional(by):
        raise NoAccess(reason=RefusalReason.ROLE_NEVER_ALLOWED)
    grant = grant_for(by, pregnancy)
    if grant is None or grant.basis not in TEAM_BASES:
        raise NoAccess(reason=refusal_reason(by, pregnancy) or RefusalReason.NOT_IN_CARE_TEAM)
    return grant


def expiry(now: datetime) -> datetime:
    """The end of the code's last day: `link_code.valid_days` days after today, local time."""
    today = timezone.localdate(now)
    last_day = today + timedelta(days=linking.valid_days(today))
    return timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min))


@transaction.atomic(durable=True)
def link_code_issue(*, pregnancy: Pregnancy, by: Any, request: Any = None) -> IssuedCode:
    """A new one-time code for a parent of `pregnancy`, given by `by` (of the care team)."""
    return issue(pregnancy=pregnancy, by=by, request=request)


def issue(*, pregnancy: Pregnancy, by: Any, request: Any = None) -> IssuedCode:
    """`link_code_issue` inside the caller's transaction (the demo data's)."""
    grant = team_grant(by, pregnancy)
    if pregnancy.mother.birth_date is None:
        raise InvalidInput(
            {
                "mother": [
                    _(
                        "The mother's date of birth is not in this record, and a parent needs "
                        "it to link with a code: no code can be given until it is recorded."
                    )
                ]
            }
        )
    now = timezone.now()
    for _attempt in range(3):  # a new code that hashes like a stored one: draw again
        code = linking.new_code()
        try:
            with transaction.atomic():
                link_code = LinkCode.objects.create(
                    pregnancy=pregnancy,
                    code_hash=linking.code_hash(code),
                    created_by=by,
                    created_at=now,
                    expires_at=expiry(now),
                )
            break
        except IntegrityError:
            continue
    else:  # pragma: no cover - three collisions among 6 × 10^14 codes
        raise RuntimeError("no new link code could be drawn")
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=grant,
        action=AccessAction.CREATE,
        record=link_code,
        purpose="give a parent a code to link",
        request=request,
    )
    change_record(
        actor=by,
        action=ChangeAction.CREATE,
        instance=link_code,
        changes={"expires_at": [None, iso(link_code.expires_at)]},
    )
    return IssuedCode(code, link_code)


class Outcome(Enum):
    NOT_LINKED = "not_linked"
    ALREADY_LINKED = "already_linked"


def link_redeem(
    *, user: Any, code: str, mother_birth_date: date, request: Any = None
) -> ParentLink:
    """Link the parent `user` to the family of `code` when the mother's date of birth is
    right. Raises InvalidInput (a malformed code), TooManyTries, NotLinkedError or
    AlreadyLinked; a wrong date of birth is counted on the code even so."""
    if not is_parent(user):
        raise NoAccess(reason=RefusalReason.ROLE_NOT_ALLOWED)
    typed = linking.normalised(code)
    if not linking.is_well_formed(typed):
        raise InvalidInput({"code": [str(MALFORMED)]})
    try:
        count_try(user)
    except TooManyTries:
        access_record(  # outside any transaction: the refusal stays in the log
            actor=user,
            action=AccessAction.SEARCH,
            record_type=LinkCode._meta.label_lower,
            purpose="link with a code",
            basis=AccessBasis.NONE,
            refusal=RefusalReason.TOO_MANY_LOOKUPS,
            request=request,
        )
        raise
    with transaction.atomic(durable=True):
        outcome = redeem(
            user=user, code=typed, mother_birth_date=mother_birth_date, request=request
        )
    if outcome is Outcome.ALREADY_LINKED:
        raise AlreadyLinked
    if outcome is Outcome.NOT_LINKED:
        raise NotLinkedError
    return outcome


def redeem(
    *, user: Any, code: str, mother_birth_date: date, request: Any = None
) -> ParentLink | Outcome:
    """The check of a normalised code and the link, inside the caller's transaction, which
    also keeps a wrong try's count (so the outcome is returned, not raised). Used by
    `link_redeem` and the demo data."""
    now = timezone.now()
    found = (
        LinkCode.objects.select_for_update()
        .select_related("pregnancy__mother")
        .filter(code_hash=linking.code_hash(code))
        .first()
    )
    if (
        found is None
        or found.used_at is not None
        or found.locked_at is not None
        or found.expires_at <= now
        or found.pregnancy.pseudonymised_at is not None
    ):
        return Outcome.NOT_LINKED
    pregnancy = found.pregnancy
    if pregnancy.mother.birth_date != mother_birth_date:
        found.failed_attempts += 1
        if found.failed_attempts >= linking.failed_attempts_to_lock(timezone.localdate(now)):
            found.locked_at = now
        found.save(update_fields=["failed_attempts", "locked_at"])
        return Outcome.NOT_LINKED
    if ParentLink.objects.filter(pregnancy=pregnancy, user=user, ended_at__isnull=True).exists():
        return Outcome.ALREADY_LINKED
    try:
        with transaction.atomic():
            link = ParentLink.objects.create(pregnancy=pregnancy, user=user)
    except IntegrityError:  # linked at the same moment with another code
        return Outcome.ALREADY_LINKED
    found.used_at = now
    found.used_by = user
    found.save(update_fields=["used_at", "used_by"])
    log_access(
        by=user,
        pregnancy=pregnancy,
        grant=OWN_RECORD,
        action=AccessAction.CREATE,
        record=link,
        purpose="link to the family's record with a code",
        request=request,
    )
    change_record(
        actor=user,
        action=ChangeAction.CREATE,
        instance=link,
        changes={"pregnancy": [None, str(pregnancy.public_id)], "code": [None, str(found.pk)]},
    )
    notices.link_made(link)
    return link


@transaction.atomic(durable=True)
def link_end(*, link: ParentLink, by: Any, request: Any = None) -> ParentLink:
    """End `link`: by the parent themself or by a professional of the family's care team.
    A link already ended stays as it was."""
    link = ParentLink.objects.select_for_update().select_related("pregnancy").get(pk=link.pk)
    pregnancy = link.pregnancy
    own = is_parent(by) and by.pk == link.user_id
    grant = OWN_RECORD if own else team_grant(by, pregnancy)
    if link.ended_at is not None:
        return link
    link.ended_at = timezone.now()
    link.ended_by = by
    link.save(update_fields=["ended_at", "ended_by"])
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=grant,
        action=AccessAction.UPDATE,
        record=link,
        purpose="unlink from the family's record" if own else "unlink a parent",
        request=request,
    )
    change_record(
        actor=by,
        action=ChangeAction.UPDATE,
        instance=link,
        changes={"ended_at": [None, iso(link.ended_at)]},
    )
    notices.link_ended(link)
    return link
