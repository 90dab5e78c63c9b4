"""A deadline that becomes late (or a window about to close) is told once (docs/decisions/0030-notifications.md): the
periodic task finds the hospital discharges past their transfer deadline (24 hours, seed 002
note 4) and tells the hospital; a second run, or the database when two runs race, tells
nobody twice."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.db import IntegrityError, transaction

from perinatal.jobs.scheduler import periodic_tasks
from perinatal.notifications.deadlines import notify_late
from perinatal.notifications.models import Notification
from perinatal.pathways import access
from perinatal.pathways.services import care_team, discharges
from perinatal.pathways.tests import rule_support
from perinatal.pathways.tests.factories import participate, register

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
DISCHARGED = datetime(2025, 6, 2, 9, 30, tzinfo=BRUSSELS)


@pytest.fixture
def discharge(midwife, hospital_user, kg_nurse):
    with time_machine.travel(DISCHARGED - timedelta(days=30), tick=False):
        pregnancy = register(midwife)
    care_team.team_member_add(
        by=midwife,
        pregnancy=pregnancy,
        grant=access.grant_for(midwife, pregnancy),
        organisation=hospital_user.organisation,
    )

    def record(transferred=None):
        return discharges.discharge_record(
            by=hospital_user,
            pregnancy=pregnancy,
            grant=access.grant_for(hospital_user, pregnancy),
            discharged_at=DISCHARGED,
            to_organisation=kg_nurse.organisation,
            transferred_at=transferred,
            now=DISCHARGED + timedelta(hours=3),
        )

    return record


@pytest.mark.parametrize(
    ("now", "transferred", "told"),
    [
        (DISCHARGED + timedelta(hours=24), None, 0),  # at the deadline: still in time
        (DISCHARGED + timedelta(hours=24, minutes=1), None, 1),  # a minute past: late
        (DISCHARGED + timedelta(hours=30), DISCHARGED + timedelta(hours=2), 0),  # transferred
        (DISCHARGED + timedelta(days=32), None, 0),  # past the look-back: not looked for
    ],
)
def test_a_late_transfer_is_told_to_the_hospital(
    discharge, hospital_user, kg_nurse, now, transferred, told
):
    recorded = discharge(transferred)
    assert notify_late(now) == told
    rows = Notification.objects.filter(kind="discharge_transfer_late")
    assert [n.recipient for n in rows] == [hospital_user] * told
    if told:
        assert rows.get().link_args == [str(recorded.public_id)]


def test_each_late_deadline_is_told_once(discharge, hospital_user, persona):
    discharge()
    colleague = persona(hospital_user.role, organisation=hospital_user.organisation)
    late = DISCHARGED + timedelta(hours=25)
    assert notify_late(late) == 2  # the hospital's two members
    assert notify_late(late + timedelta(hours=1)) == 0
    assert Notification.objects.filter(recipient=colleague).count() == 1


def test_the_database_refuses_a_second_row_for_the_same_deadline(discharge, hospital_user):
    discharge()
    notify_late(DISCHARGED + timedelta(hours=25))
    first = Notification.objects.get()
    copy = {
        field.name: getattr(first, field.name)
        for field in Notification._meta.fields
        if field.name not in ("id", "public_id", "created_at")
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(**copy)


def test_the_task_is_in_the_schedulers_registry():
    assert "notify-late-deadlines" in periodic_tasks


# The screening window: until the 7th day after birth inclusive (seed 002); the care team is
# told on the day before the last day, or on the last day, when no screening is recorded.
@pytest.mark.parametrize(
    ("days_after_birth", "screened", "told"),
    [
        (5, False, 0),  # two days left: not yet
        (6, False, 1),  # the last day is tomorrow
        (7, False, 1),  # the last day is today
        (8, False, 0),  # closed: nothing left to do
        (6, True, 0),  # screened already
    ],
)
def test_a_closing_screening_window_is_told_to_the_care_team(
    midwife, hospital_user, days_after_birth, screened, told
):
    participate(midwife)
    pregnancy = rule_support.family(midwife)
    rule_support.born(midwife, pregnancy)
    if screened:
        assert rule_support.screen(midwife, pregnancy, rule_support.BIRTH) == ""
    now = rule_support.at(rule_support.BIRTH + timedelta(days=days_after_birth))
    assert notify_late(now) == told
    rows = Notification.objects.filter(kind="screening_window_closing")
    assert [n.recipient for n in rows] == [midwife] * told  # the hospital is not in the team
    if told:
        assert notify_late(now + timedelta(hours=12)) == 0  # once
        assert rows.get().link_args == [str(pregnancy.public_id)]
