"""Handing out a Kindboekje, replacing a lost or damaged one, cancelling one recorded in error.

"Never two": the check before the write tells who already handed it out; the partial unique
constraint `booklet_one_valid_per_child` decides a race, so of two providers at the same moment
one succeeds and the other gets `already_has_booklet` with the date and kind of provider. A
refusal is kept (`HandoutRefusal`, counted as a double hand-out prevented) and logged, in its
own transaction after the attempt's has been rolled back.
"""

from datetime import date, timedelta
from typing import Any, cast

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_care_professional
from perinatal.audit.models import AccessAction, AccessBasis, RefusalReason
from perinatal.audit.services import access_record
from perinatal.pathways.access import Grant, in_care_team
from perinatal.pathways.access_log import log_access
from perinatal.pathways.constants import MAX_CHILDREN_PER_BIRTH, PREGNANCY_DAYS
from perinatal.pathways.models import Birth, Child, Pregnancy

from ..constants import CHANNEL_PROVIDER, Channel, OrderKind, OrderStatus, RefusalCode, VoidReason
from ..errors import BookletRefused, InvalidInput, NoAccess
from ..models import Booklet, BookletOrder, HandoutRefusal
from ..rules import ROLE_CHANNELS, channel_fits_role, default_channel, handout_decision
from ..situation import UNKNOWN, birth_of, child_of, situation_on

RULE = "booklets.procedure"
GRANT = Grant(AccessBasis.BOOKLET)


def _require_provider(by: Any) -> None:
    if not is_care_professional(by) or by.role not in ROLE_CHANNELS:
        raise NoAccess(
            _("Only Kind en Gezin, independent midwives and hospitals hand out Kindboekjes.")
        )


def valid_booklet(pregnancy: Pregnancy, child_order: int) -> Booklet | None:
    return Booklet.objects.filter(
        pregnancy=pregnancy, child_order=child_order, voided_on__isnull=True
    ).first()


def open_parent_order(
    pregnancy: Pregnancy,
    child_order: int,
    *,
    birth: Birth | None = UNKNOWN,
    child: Child | None = UNKNOWN,
) -> BookletOrder | None:
    """A parent's order for this child that is not refused (and has not become a booklet):
    linked to the pregnancy, or made with the mother's or the child's national number for a
    family the platform did not follow — since this pregnancy began, so that the order for a
    mother's earlier child does not count for the next one. One query; the linked one first.
    `birth` and `child` may be given when already read."""
    birth = birth_of(pregnancy) if birth is UNKNOWN else birth
    child = child_of(birth, child_order) if child is UNKNOWN else child
    hashes = [pregnancy.mother.national_number_hash, child.national_number_hash if child else None]
    hashes = [h for h in hashes if h]
    whose = Q(pregnancy=pregnancy)
    if hashes:
        since = pregnancy.due_date - timedelta(days=PREGNANCY_DAYS)
        whose |= Q(pregnancy__isnull=True, subject_hash__in=hashes, submitted_at__date__gte=since)
    # Most families have none: a plain query, then the rare candidates in Python.
    candidates = list(
        BookletOrder.objects.filter(
            whose, kind=OrderKind.PARENT, kindboekjes=1, child_order=child_order
        ).exclude(status=OrderStatus.REFUSED)
    )
    candidates.sort(key=lambda o: (o.pregnancy_id != pregnancy.pk, o.submitted_at, o.pk))
    return next((o for o in candidates if not o.booklets.exists()), None)


def already_message(booklet: Booklet) -> str:
    return _("This child already has a Kindboekje: handed out on %(date)s by %(provider)s.") % {
        "date": booklet.handed_out_on.strftime("%d/%m/%Y"),
        "provider": CHANNEL_PROVIDER[booklet.channel].label,
    }


def _refuse(
    code: str,
    message: str,
    *,
    by: Any,
    pregnancy: Pregnancy,
    channel: str,
    on: date,
    request: Any,
    detail: dict | None = None,
) -> BookletRefused:
    """Keep the refusal and its access-log row (the provider learnt the booklet status)."""
    with transaction.atomic():
        HandoutRefusal.objects.create(
            on=on,
            code=code,
            channel=channel,
            area_nis=pregnancy.area_nis,
            pregnancy=pregnancy,
            organisation=by.organisation,
        )
        log_access(
            by=by,
            pregnancy=pregnancy,
            grant=GRANT,
            action=AccessAction.READ,
            purpose="Kindboekje hand-out refused",
            request=request,
        )
    return BookletRefused(code, message, rule=RULE, detail=detail)


def _already(booklet: Booklet | None, order: BookletOrder | None, **context: Any) -> BookletRefused:
    if booklet is not None:
        detail = {
            "handed_out_on": booklet.handed_out_on.isoformat(),
            "provider": CHANNEL_PROVIDER[booklet.channel].value,
            "channel": booklet.channel,
        }
        message = already_message(booklet)
    elif order is not None:
        detail = {"ordered_on": order.submitted_at.date().isoformat(), "provider": "parents"}
        message = _("The parents already ordered a Kindboekje for this child on %(date)s.") % {
            "date": timezone.localdate(order.submitted_at).strftime("%d/%m/%Y")
        }
    else:  # the callers pass the booklet or the parents' order
        raise ValueError("a refusal for a child that has neither a booklet nor an order")
    return _refuse(RefusalCode.ALREADY_HAS_BOOKLET, message, detail=detail, **context)


def _check_slot(child_order: int, on: date, birth: Birth | None, child: Child | None) -> None:
    errors: dict[str, list[str]] = {}
    if on > timezone.localdate():
        errors["on"] = [_("The date of the hand-out cannot lie in the future.")]
    if not 1 <= child_order <= MAX_CHILDREN_PER_BIRTH:
        errors["child_order"] = [_("Choose the child.")]
    elif birth is not None and birth.date <= on and child is None:
        errors["child_order"] = [_("No child with this birth order is recorded.")]
    if errors:
        raise InvalidInput(errors)


def booklet_hand_out(
    *,
    by: Any,
    pregnancy: Pregnancy,
    on: date,
    child_order: int = 1,
    channel: str | None = None,
    reason: str = "",
    request: Any = None,
) -> Booklet:
    """Record that `by` hands out the Kindboekje of child `child_order` of `pregnancy` on `on`,
    under the procedure in force that day (seed 000). Refused with `already_has_booklet`,
    `channel_not_allowed` or `reason_required`; wrong input raises `InvalidInput`."""
    _require_provider(by)
    if pregnancy.pseudonymised_at is not None:
        raise NoAccess(_("This record is closed."))
    # The record is read once: the birth, and the child of that birth order.
    birth = birth_of(pregnancy)
    child = child_of(birth, child_order) if 1 <= child_order <= MAX_CHILDREN_PER_BIRTH else None
    _check_slot(child_order, on, birth, child)
    situation = situation_on(pregnancy, child_order=child_order, on=on, birth=birth, child=child)
    channel = channel or default_channel(by.role, situation)
    context = {"by": by, "pregnancy": pregnancy, "channel": channel, "on": on, "request": request}
    if channel not in Channel.values:
        raise InvalidInput({"channel": [_("Unknown channel.")]})
    existing = valid_booklet(pregnancy, child_order)
    order = (
        None if existing else open_parent_order(pregnancy, child_order, birth=birth, child=child)
    )
    if existing is not None or order is not None:
        raise _already(existing, order, **context)
    if not channel_fits_role(channel, by.role, situation):
        raise _refuse(
            RefusalCode.CHANNEL_NOT_ALLOWED,
            _("You cannot hand out the Kindboekje through %(channel)s.")
            % {"channel": Channel(channel).label},
            **context,
        )
    decision = handout_decision(channel, situation, on=on, reason=reason)
    if not decision.allowed:
        raise _refuse(decision.code, decision.message, **context)
    try:
        with transaction.atomic():
            booklet = Booklet.objects.create(
                pregnancy=pregnancy,
                child_order=child_order,
                handed_out_on=on,
                channel=channel,
                step=decision.step,
                in_turn=decision.in_turn,
                out_of_turn_reason="" if decision.in_turn else reason.strip(),
                organisation=by.organisation,
                handed_out_by=by,
                area_nis=pregnancy.area_nis,
            )
            log_access(
                by=by,
                pregnancy=pregnancy,
                grant=GRANT,
                action=AccessAction.CREATE,
                record=booklet,
                purpose="hand out a Kindboekje",
                request=request,
            )
    except IntegrityError:
        # Another provider was quicker: the constraint kept one valid booklet.
        raise _already(valid_booklet(pregnancy, child_order), None, **context) from None
    return booklet


def _lock(booklet: Booklet) -> Booklet:
    locked = Booklet.objects.select_for_update().get(pk=booklet.pk)
    if locked.voided_on is not None:
        raise InvalidInput({"__all__": [_("This Kindboekje is already void.")]})
    return locked


def _replacement_refused(*, by: Any, booklet: Booklet, request: Any) -> NoAccess:
    """Keep the refused replacement in the access log (its own transaction: the refusal
    stores nothing else) and answer the refusal."""
    with transaction.atomic():
        access_record(
            actor=by,
            action=AccessAction.READ,
            record_type=booklet._meta.label_lower,
            record_id=str(booklet.public_id),
            subject=str(booklet.pregnancy.public_id),
            purpose="Kindboekje replacement refused: not in the care team",
            basis=AccessBasis.NONE,
            refusal=RefusalReason.NOT_IN_CARE_TEAM,
            request=request,
        )
    refusal = NoAccess(
        _("Only an organisation in the family's care team can replace its Kindboekje."),
        reason=RefusalReason.NOT_IN_CARE_TEAM,
    )
    refusal.logged = True
    return refusal


def booklet_replace(
    *,
    by: Any,
    booklet: Booklet,
    reason: str,
    note: str = "",
    on: date,
    request: Any = None,
) -> Booklet:
    """A lost or damaged Kindboekje is replaced: the old one becomes void with the reason and
    a new one takes its place, so the child still has exactly one valid booklet. Only an
    organisation in the family's care team may (docs/decisions/0026); a refusal is logged."""
    _require_provider(by)
    if not in_care_team(by, booklet.pregnancy):
        raise _replacement_refused(by=by, booklet=booklet, request=request)
    return _replace(by=by, booklet=booklet, reason=reason, note=note, on=on, request=request)


@transaction.atomic
def _replace(
    *, by: Any, booklet: Booklet, reason: str, note: str, on: date, request: Any
) -> Booklet:
    if reason not in (VoidReason.LOST, VoidReason.DAMAGED):
        raise InvalidInput({"reason": [_("Say whether the Kindboekje was lost or damaged.")]})
    if on > timezone.localdate() or on < booklet.handed_out_on:
        raise InvalidInput(
            {"on": [_("The replacement lies between the first hand-out and today.")]}
        )
    old = _lock(booklet)
    situation = situation_on(old.pregnancy, child_order=old.child_order, on=on)
    # A role in ROLE_CHANNELS (`_require_provider`) always has a default channel.
    channel = cast(str, default_channel(by.role, situation))
    old.voided_on, old.void_reason, old.void_note = on, reason, note.strip()
    old.save(update_fields=["voided_on", "void_reason", "void_note"])
    new = Booklet.objects.create(
        pregnancy=old.pregnancy,
        child_order=old.child_order,
        handed_out_on=on,
        channel=channel,
        step=None,
        in_turn=False,
        out_of_turn_reason=_("replaces a Kindboekje that was %(reason)s")
        % {"reason": VoidReason(reason).label},
        organisation=by.organisation,
        handed_out_by=by,
        area_nis=old.area_nis,
        replaces=old,
    )
    log_access(
        by=by,
        pregnancy=old.pregnancy,
        grant=GRANT,
        action=AccessAction.UPDATE,
        record=new,
        purpose="replace a Kindboekje",
        request=request,
    )
    return new


@transaction.atomic
def booklet_cancel(*, by: Any, booklet: Booklet, note: str, request: Any = None) -> Booklet:
    """A hand-out recorded in error is made void by the organisation that recorded it."""
    _require_provider(by)
    if booklet.organisation_id != by.organisation_id:
        raise NoAccess(_("Only the organisation that recorded a hand-out can cancel it."))
    if not note.strip():
        raise InvalidInput({"note": [_("Say what was recorded in error.")]})
    old = _lock(booklet)
    old.voided_on = timezone.localdate()
    old.void_reason, old.void_note = VoidReason.RECORDED_IN_ERROR, note.strip()
    old.save(update_fields=["voided_on", "void_reason", "void_note"])
    log_access(
        by=by,
        pregnancy=old.pregnancy,
        grant=GRANT,
        action=AccessAction.UPDATE,
        record=old,
        purpose="cancel a Kindboekje recorded in error",
        request=request,
    )
    return old
