"""The Kindboekje procedure as a table of cases (seed 000, DOMAIN.md §3): the day before the
switch (31 July 2024), the day of the switch (1 August 2024) and a later day; each channel;
each family situation → the decision (in turn with its step, the NICU exception, allowed out
of turn with a reason, refused) and its code.

The first table asks `rules.handout_decision()`; the second hands out through the service
`booklet_hand_out()` to real families (registered, born, with an independent midwife in the
care team or a midwife's contact after the birth, a NICU admission, twins), where the
professional's role also has to fit the channel.
"""

from datetime import date, timedelta
from typing import Any

import pytest

from perinatal.audit.models import AccessBasis
from perinatal.booklets.constants import Channel, RefusalCode
from perinatal.booklets.errors import BookletRefused
from perinatal.booklets.models import Booklet, HandoutRefusal
from perinatal.booklets.rules import Situation, handout_decision, turns
from perinatal.booklets.services import booklet_hand_out
from perinatal.pathways.access import Grant
from perinatal.pathways.constants import ContactKind
from perinatal.pathways.services import care_team, families
from perinatal.pathways.tests.factories import register

from .factories import born

BEFORE = date(2024, 7, 31)
SWITCH = date(2024, 8, 1)
LATER = date(2025, 3, 3)

# Outcomes: 1, 2, 3 = allowed in turn as that step; EXC = allowed in turn as an exception
# outside the steps (the NICU, the parents' own order); OUT = outside the turn: refused
# `reason_required` without a reason, allowed with one; NO = refused `channel_not_allowed`.
EXC, OUT, NO = "exception", "out_of_turn", "not_allowed"

SITUATIONS = {
    "in_pregnancy": Situation(born=False),
    "born_without_postnatal_midwife": Situation(born=True),
    "born_with_postnatal_midwife": Situation(born=True, postnatal_midwife=True),
    "nicu_admission": Situation(born=True, nicu_admission=True),
    "nicu_admission_with_postnatal_midwife": Situation(
        born=True, postnatal_midwife=True, nicu_admission=True
    ),
}
CHANNELS = (
    Channel.KG_START_CONVERSATION,
    Channel.INDEPENDENT_MIDWIFE,
    Channel.KG_FIRST_CONTACT_AFTER_BIRTH,
    Channel.MATERNITY_CLINIC,
    Channel.NICU,
    Channel.PARENT_ORDER,
)

# fmt: off
# situation                                 kg_start midwife kg_after clinic nicu parents
RULES_BEFORE_SWITCH = {
    "in_pregnancy":                          (1,      NO,     OUT,     OUT,   OUT, EXC),
    "born_without_postnatal_midwife":        (OUT,    NO,     OUT,     2,     2,   EXC),
    "born_with_postnatal_midwife":           (OUT,    NO,     OUT,     2,     2,   EXC),
    "nicu_admission":                        (OUT,    NO,     OUT,     2,     2,   EXC),
    "nicu_admission_with_postnatal_midwife": (OUT,    NO,     OUT,     2,     2,   EXC),
}
RULES_FROM_SWITCH = {
    "in_pregnancy":                          (1,      2,      OUT,     NO,    NO,  EXC),
    "born_without_postnatal_midwife":        (OUT,    2,      3,       NO,    NO,  EXC),
    "born_with_postnatal_midwife":           (OUT,    2,      OUT,     NO,    NO,  EXC),
    "nicu_admission":                        (OUT,    2,      3,       NO,    EXC, EXC),
    "nicu_admission_with_postnatal_midwife": (OUT,    2,      OUT,     NO,    EXC, EXC),
}
# fmt: on


def _rule_cases():
    for day, table in ((BEFORE, RULES_BEFORE_SWITCH), (SWITCH, RULES_FROM_SWITCH)):
        days = [day] if day == BEFORE else [SWITCH, LATER]
        for on in days:
            for situation, outcomes in table.items():
                for channel, outcome in zip(CHANNELS, outcomes, strict=True):
                    yield pytest.param(
                        on, situation, channel, outcome, id=f"{on}-{situation}-{channel}"
                    )


@pytest.mark.parametrize(("on", "situation", "channel", "expected"), list(_rule_cases()))
def test_the_procedure_decides_each_channel_in_each_situation(on, situation, channel, expected):
    decision = handout_decision(channel, SITUATIONS[situation], on=on)
    if isinstance(expected, int) or expected == EXC:
        assert decision.allowed and decision.in_turn, decision
        assert decision.step == (expected if isinstance(expected, int) else None)
        assert decision.code == ""
        return
    assert not decision.allowed
    code = RefusalCode.REASON_REQUIRED if expected == OUT else RefusalCode.CHANNEL_NOT_ALLOWED
    assert decision.code == code
    assert decision.message
    with_reason = handout_decision(channel, SITUATIONS[situation], on=on, reason="no booklet yet")
    if expected == OUT:
        assert (with_reason.allowed, with_reason.in_turn, with_reason.step) == (True, False, None)
    else:  # a reason does not open a channel the procedure closes
        assert not with_reason.allowed and with_reason.code == RefusalCode.CHANNEL_NOT_ALLOWED


@pytest.mark.parametrize(
    ("on", "situation", "first"),
    [
        (BEFORE, "in_pregnancy", (Channel.KG_START_CONVERSATION, 1)),
        (BEFORE, "born_without_postnatal_midwife", (Channel.MATERNITY_CLINIC, 2)),
        (SWITCH, "in_pregnancy", (Channel.KG_START_CONVERSATION, 1)),
        (SWITCH, "born_with_postnatal_midwife", (Channel.INDEPENDENT_MIDWIFE, 2)),
        (SWITCH, "born_without_postnatal_midwife", (Channel.INDEPENDENT_MIDWIFE, 2)),
        (LATER, "nicu_admission", (Channel.INDEPENDENT_MIDWIFE, 2)),
    ],
)
def test_whose_turn_it_is_starts_with_the_lowest_step(on, situation, first):
    turn = turns(SITUATIONS[situation], on=on)[0]
    assert (turn.channel, turn.step) == first


# --- Through the service, with real families -----------------------------------------------


def _in_pregnancy(kg_nurse: Any, on: date, midwife: Any):
    return register(
        kg_nurse, registered_on=on - timedelta(days=90), due_date=on + timedelta(days=60)
    )


def _born(kg_nurse: Any, on: date, midwife: Any = None, **kw: Any):
    return born(kg_nurse, on=on - timedelta(days=4), **kw)


def _with_midwife_in_team(kg_nurse: Any, on: date, midwife: Any):
    pregnancy = _born(kg_nurse, on)
    care_team.team_member_add(
        by=kg_nurse,
        pregnancy=pregnancy,
        grant=Grant(AccessBasis.CARE_TEAM),
        organisation=midwife.organisation,
    )
    return pregnancy


def _with_midwife_contact(kg_nurse: Any, on: date, midwife: Any):
    pregnancy = _born(kg_nurse, on)
    families.contact_record(
        by=midwife,
        pregnancy=pregnancy,
        grant=Grant(AccessBasis.CARE_TEAM),
        date=on - timedelta(days=2),
        kind=ContactKind.HOME_VISIT,
    )
    return pregnancy


FAMILIES = {
    "in_pregnancy": _in_pregnancy,
    "born_without_postnatal_midwife": _born,
    "born_with_midwife_in_team": _with_midwife_in_team,
    "born_with_midwife_contact": _with_midwife_contact,
    "nicu_admission": lambda kg, on, midwife: _born(kg, on, nicu=True),
    "twins_second_child": lambda kg, on, midwife: _born(kg, on, children=2),
}

# Who hands out through which channel (the parents' order is no professional's channel).
PERSONA = {
    Channel.KG_START_CONVERSATION: "kg_nurse",
    Channel.INDEPENDENT_MIDWIFE: "midwife",
    Channel.KG_FIRST_CONTACT_AFTER_BIRTH: "kg_nurse",
    Channel.MATERNITY_CLINIC: "hospital_user",
    Channel.NICU: "hospital_user",
}

# fmt: off
# The service refuses `channel_not_allowed` where the channel does not fit the moment (Kind en
# Gezin's start conversation after the birth, its first contact after birth in pregnancy).
# situation                     kg_start midwife kg_after clinic nicu
SERVICE_BEFORE_SWITCH = {
    "in_pregnancy":               (1,      NO,     NO,      OUT,   OUT),
    "born_without_postnatal_midwife": (NO, NO,     OUT,     2,     2),
    "born_with_midwife_in_team":  (NO,     NO,     OUT,     2,     2),
    "born_with_midwife_contact":  (NO,     NO,     OUT,     2,     2),
    "nicu_admission":             (NO,     NO,     OUT,     2,     2),
    "twins_second_child":         (NO,     NO,     OUT,     2,     2),
}
SERVICE_FROM_SWITCH = {
    "in_pregnancy":               (1,      2,      NO,      NO,    NO),
    "born_without_postnatal_midwife": (NO, 2,      3,       NO,    NO),
    "born_with_midwife_in_team":  (NO,     2,      OUT,     NO,    NO),
    "born_with_midwife_contact":  (NO,     2,      OUT,     NO,    NO),
    "nicu_admission":             (NO,     2,      3,       NO,    EXC),
    "twins_second_child":         (NO,     2,      3,       NO,    NO),
}
# fmt: on


def _service_cases():
    for days, table in (([BEFORE], SERVICE_BEFORE_SWITCH), ([SWITCH, LATER], SERVICE_FROM_SWITCH)):
        for on in days:
            for situation, outcomes in table.items():
                for channel, outcome in zip(PERSONA, outcomes, strict=True):
                    yield pytest.param(
                        on, situation, channel, outcome, id=f"{on}-{situation}-{channel}"
                    )


@pytest.mark.django_db
@pytest.mark.parametrize(("on", "situation", "channel", "expected"), list(_service_cases()))
def test_a_hand_out_through_the_service_follows_the_procedure(
    request, kg_nurse, midwife, hospital_user, on, situation, channel, expected
):
    pregnancy = FAMILIES[situation](kg_nurse, on, midwife=midwife)
    by = request.getfixturevalue(PERSONA[channel])
    child_order = 2 if situation == "twins_second_child" else 1
    if situation == "twins_second_child":  # the first twin already has hers
        booklet_hand_out(
            by=kg_nurse, pregnancy=pregnancy, on=on, child_order=1, reason="first twin"
        )

    def hand_out(reason: str = "") -> Booklet:
        return booklet_hand_out(
            by=by,
            pregnancy=pregnancy,
            on=on,
            child_order=child_order,
            channel=channel,
            reason=reason,
        )

    if isinstance(expected, int) or expected == EXC:
        booklet = hand_out()
        assert (booklet.in_turn, booklet.step) == (
            True,
            expected if isinstance(expected, int) else None,
        )
        assert (booklet.channel, booklet.child_order) == (channel, child_order)
        return
    refusals = HandoutRefusal.objects.filter(pregnancy=pregnancy)
    with pytest.raises(BookletRefused) as refused:
        hand_out()
    code = RefusalCode.REASON_REQUIRED if expected == OUT else RefusalCode.CHANNEL_NOT_ALLOWED
    assert refused.value.code == code
    assert refusals.filter(code=code, channel=channel, on=on).count() == 1
    if expected == OUT:
        booklet = hand_out(reason="the family had none at the start conversation")
        assert (booklet.in_turn, booklet.step) == (False, None)
        assert booklet.out_of_turn_reason == "the family had none at the start conversation"
    else:
        with pytest.raises(BookletRefused) as again:
            hand_out(reason="a reason does not open the channel")
        assert again.value.code == RefusalCode.CHANNEL_NOT_ALLOWED
        assert not Booklet.objects.filter(pregnancy=pregnancy, child_order=child_order).exists()
