from datetime import date, timedelta

import pytest
import time_machine

from django.utils import translation

from perinatal.pathways import access, timeline
from perinatal.pathways.extensions import RecordExtension, record_extensions
from perinatal.pathways.services import families

from .factories import child, participate, register

pytestmark = pytest.mark.django_db

REGISTERED = date(2025, 1, 10)
DUE = date(2025, 6, 1)


@pytest.fixture
def pregnancy(midwife):
    with time_machine.travel(REGISTERED, tick=False):
        return register(participate(midwife), registered_on=REGISTERED, due_date=DUE)


def _moments(pregnancy):
    with translation.override("en"):
        return {e.title: e for e in timeline.timeline(pregnancy) if e.kind == "moment"}


def test_moments_before_birth_follow_the_due_date(pregnancy):
    moments = _moments(pregnancy)
    conception = DUE - timedelta(days=266)
    assert moments["Estimated conception: the first 1000 days begin"].date == conception
    assert moments["End of the first 1000 days"].date == conception + timedelta(days=999)
    assert moments["Last day for the screening (7th day after birth)"].date == DUE + timedelta(7)
    postnatal = moments["Postnatal period (42 days)"]
    assert postnatal.until == DUE + timedelta(days=42)
    key = [e for title, e in moments.items() if title.startswith("Kind en Gezin key moment")]
    assert len(key) == 10
    assert key[-1].date == date(2027, 12, 1)  # 30 months after the due date


def test_the_birth_moves_the_moments_and_shows_as_an_event(pregnancy, midwife):
    born = date(2025, 5, 20)
    with time_machine.travel(date(2025, 5, 21), tick=False):
        families.birth_record(
            by=midwife,
            pregnancy=pregnancy,
            grant=access.grant_for(midwife, pregnancy),
            date=born,
            place="hospital",
            children=[child(nicu_admission=True)],
        )
    pregnancy.refresh_from_db()
    moments = _moments(pregnancy)
    assert moments["Last day for the screening (7th day after birth)"].date == date(2025, 5, 27)
    assert moments["Postnatal period (42 days)"].until == born + timedelta(days=42)
    with translation.override("en"):
        entries = timeline.timeline(pregnancy)
    births = [e for e in entries if e.kind == "birth"]
    assert len(births) == 1 and "NICU" in births[0].detail


def test_entries_are_in_date_order_and_other_apps_can_add_theirs(pregnancy, monkeypatch):
    def other_app(p):
        yield timeline.Entry(date(2025, 2, 1), "other", "An event of another app")

    # registered for this test only (the registry's own table, restored by monkeypatch)
    monkeypatch.setitem(record_extensions._items, "other", RecordExtension(timeline=other_app))
    entries = timeline.timeline(pregnancy)
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    assert any(e.kind == "other" for e in entries)


def test_a_family_due_before_the_programme_started_has_a_timeline(midwife):
    """Regression: the screening rule was asked for a day before it was in force (HTTP 500
    on the family page for families due before September 2024; found by bench/families.py)."""
    with time_machine.travel(date(2024, 3, 1), tick=False):
        early = register(midwife, registered_on=date(2024, 3, 1), due_date=date(2024, 8, 31))
        entries = timeline.timeline(early)
    assert any(e.kind == "moment" for e in entries)
