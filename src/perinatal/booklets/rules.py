"""The Kindboekje procedure and the order limits, as plain functions over dated data.

Seed 000 ("Nieuwe procedure verdeling Kindboekjes"): from 1 August 2024 Kind en Gezin hands the
booklet out first, at the start conversation in pregnancy (step 1); a family that got none from
Kind en Gezin in pregnancy can get one from its independent midwife (step 2); a family with none
in pregnancy and no postnatal care by an independent midwife gets one at Kind en Gezin's first
contact after birth (step 3); maternity clinics no longer hand it out, except the NICU for a
newborn's long admission. Before that date Kind en Gezin handed it out in pregnancy and otherwise
the maternity clinic at birth. The steps are data (`booklets.procedure` in data/parameters.yaml);
this module names the family situations they refer to and decides.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from perinatal.accounts.constants import Role
from perinatal.core.dates import add_months

from .constants import Channel, RefusalCode
from .parameters import parameter


@dataclass(frozen=True)
class Situation:
    """What the procedure asks of a family on the day of the hand-out."""

    born: bool = False  # the child is born (a birth on or before that day)
    postnatal_midwife: bool = False  # an independent midwife follows the family after birth
    nicu_admission: bool = False  # the child is admitted to neonatal intensive care


SITUATIONS: dict[str, Callable[[Situation], bool]] = {
    "always": lambda s: True,
    "in_pregnancy": lambda s: not s.born,
    "after_birth": lambda s: s.born,
    "after_birth_without_postnatal_midwife": lambda s: s.born and not s.postnatal_midwife,
    "nicu_admission": lambda s: s.born and s.nicu_admission,
}


@dataclass(frozen=True)
class Turn:
    channel: str
    step: int | None  # None: an exception outside the steps (the NICU)


@dataclass(frozen=True)
class HandoutDecision:
    allowed: bool
    in_turn: bool = False
    step: int | None = None
    code: str = ""
    message: str = ""


def procedure(on: date) -> dict:
    """The procedure in force on `on` (steps, exceptions, channels allowed outside their turn)."""
    return parameter("booklets.procedure", on=on)


def turns(situation: Situation, *, on: date) -> list[Turn]:
    """Whose turn it is: the channels that may hand out in this situation under the procedure
    in force, lowest step first, the exceptions last."""
    rules = procedure(on)
    found = [
        Turn(spec["channel"], spec["step"])
        for spec in rules["steps"]
        if SITUATIONS[spec["when"]](situation)
    ]
    found += [
        Turn(spec["channel"], None)
        for spec in rules["exceptions"]
        if SITUATIONS[spec["when"]](situation)
    ]
    return found


def may_hand_out_at_all(channel: str, *, on: date) -> bool:
    """A channel of a step, or one allowed outside its turn. A channel that is only an
    exception (the NICU from 1 August 2024) hands out in its own situation and nowhere else:
    a maternity clinic outside the NICU exception is refused from the switch on (seed 000:
    "De verdeling van de Kindboekjes door de kraamklinieken wordt afgebouwd (uitzondering:
    verdeling bij langdurige opname pasgeborene: verdeling via NICU-afdeling)")."""
    rules = procedure(on)
    listed = {spec["channel"] for spec in rules["steps"]}
    return channel in listed or channel in rules["also_allowed"]


def handout_decision(
    channel: str, situation: Situation, *, on: date, reason: str = ""
) -> HandoutDecision:
    """Whether `channel` may hand out the Kindboekje in `situation` on `on` (seed 000).

    In its turn: allowed, with its step. Outside its turn but a channel that may hand out at
    all: allowed only with a reason (`reason_required`). Any other channel, such as a maternity
    clinic outside the NICU exception after 1 August 2024: `channel_not_allowed`."""
    for turn in turns(situation, on=on):
        if turn.channel == channel:
            return HandoutDecision(allowed=True, in_turn=True, step=turn.step)
    if channel == Channel.PARENT_ORDER:
        # The parents' own order is outside the steps: it is what the family already has.
        return HandoutDecision(allowed=True, in_turn=True)
    if not may_hand_out_at_all(channel, on=on):
        return HandoutDecision(
            allowed=False,
            code=RefusalCode.CHANNEL_NOT_ALLOWED,
            message=_(
                "%(channel)s may not hand out the Kindboekje on %(date)s under the procedure in force."
            )
            % {"channel": Channel(channel).label, "date": on.strftime("%d/%m/%Y")},
        )
    if not reason.strip():
        return HandoutDecision(
            allowed=False,
            code=RefusalCode.REASON_REQUIRED,
            message=_(
                "It is not the turn of %(channel)s under the procedure: give the reason why you "
                "hand out the Kindboekje."
            )
            % {"channel": Channel(channel).label},
        )
    return HandoutDecision(allowed=True, in_turn=False)


# Which channels a professional of each role may use; the default follows the situation.
ROLE_CHANNELS: dict[str, tuple[str, ...]] = {
    Role.KG_PROFESSIONAL: (Channel.KG_START_CONVERSATION, Channel.KG_FIRST_CONTACT_AFTER_BIRTH),
    Role.INDEPENDENT_MIDWIFE: (Channel.INDEPENDENT_MIDWIFE,),
    Role.HOSPITAL: (Channel.MATERNITY_CLINIC, Channel.NICU),
}


def default_channel(role: str, situation: Situation) -> str | None:
    """The channel a professional of `role` hands out through in `situation`, or None."""
    if role == Role.KG_PROFESSIONAL:
        return (
            Channel.KG_FIRST_CONTACT_AFTER_BIRTH
            if situation.born
            else Channel.KG_START_CONVERSATION
        )
    if role == Role.INDEPENDENT_MIDWIFE:
        return Channel.INDEPENDENT_MIDWIFE
    if role == Role.HOSPITAL:
        return Channel.NICU if situation.nicu_admission else Channel.MATERNITY_CLINIC
    return None


def channel_fits_role(channel: str, role: str, situation: Situation) -> bool:
    """A Kind en Gezin professional cannot hand out "at the start conversation" after the birth
    nor "at the first contact after birth" before it; other roles have their own channels."""
    if channel not in ROLE_CHANNELS.get(role, ()):
        return False
    if channel == Channel.KG_START_CONVERSATION:
        return not situation.born
    if channel == Channel.KG_FIRST_CONTACT_AFTER_BIRTH:
        return situation.born
    return True


# Orders ------------------------------------------------------------------------------------


def max_kindboekjes_per_order(on: date) -> int:
    """Seed 000: "Er kunnen maximaal 50 boekjes per keer besteld worden"."""
    return parameter("booklets.orders.max_kindboekjes", on=on)


def need_window_start(on: date) -> date:
    """The first day of the period whose hand-outs estimate the practice's need."""
    return add_months(on, -parameter("booklets.orders.need_months", on=on))


def six_months_need(*, handed_out_last_months: int, declared_births: int | None) -> tuple[int, str]:
    """The practice's expected need over the next six months and what it is estimated from:
    its recorded hand-outs of the last six months, or without that history the births it
    declares it will follow (seed 000: "bestelt voor een periode van maximaal 6 maanden")."""
    if handed_out_last_months > 0:
        return handed_out_last_months, "history"
    return max(declared_births or 0, 0), "declared"


def order_within_need(*, quantity: int, stock: int, need: int) -> bool:
    """The order plus the practice's stock must not exceed its need over six months."""
    return quantity + max(stock, 0) <= need


def follow_up_due(birth_date: date, *, on: date) -> bool:
    """A child born on `birth_date` without a Kindboekje is on the follow-up list on `on`."""
    days = parameter("booklets.follow_up_after_birth_days", on=on)
    return (on - birth_date).days >= days
