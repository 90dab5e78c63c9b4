"""A work year is provisional until an analyst closes it; a final year refuses submissions
until it is reopened with a reason, which is logged; late submissions are marked."""

from datetime import date

import pytest

from perinatal.audit.models import ChangeEvent

from ..models import Submission, WorkYear, WorkYearEvent
from ..reports.kraamzorg import kraamzorg_report
from ..services import work_year_close, work_year_reopen
from ..submissions.errors import SubmissionRefused
from .builders import at, import_rows, row

pytestmark = pytest.mark.django_db


def _refused(code, call):
    with pytest.raises(SubmissionRefused) as refused:
        call()
    assert refused.value.code == code
    assert refused.value.message


def test_closing_makes_the_year_final_and_refuses_submissions(analyst):
    import_rows([row(hours="1")], now=at("2017-03-01 10:00"))
    work_year_close(year=2016, by=analyst, now=at("2017-05-15 10:00"))
    year = WorkYear.objects.get()
    assert (year.status, year.closed_at, year.closed_by) == (
        "final",
        at("2017-05-15 10:00"),
        analyst,
    )
    _refused("year_final", lambda: import_rows([row(hours="2")], now=at("2017-06-01 10:00")))
    assert Submission.objects.count() == 1
    assert kraamzorg_report(2016)["status"] == "final"


def test_a_final_year_in_a_file_refuses_the_whole_file(analyst):
    import_rows([row(work_year=2015)], now=at("2016-03-01 10:00"))
    work_year_close(year=2015, by=analyst, now=at("2016-05-15 10:00"))
    _refused(
        "year_final",
        lambda: import_rows([row(work_year=2016), row(work_year=2015)], now=at("2017-03-01 10:00")),
    )
    assert not Submission.objects.filter(work_year=2016).exists()


def test_a_year_cannot_be_closed_before_its_deadline(analyst):
    _refused(
        "before_deadline",
        lambda: work_year_close(year=2016, by=analyst, now=at("2017-04-30 23:59")),
    )
    work_year_close(year=2016, by=analyst, now=at("2017-05-01 00:00"))


def test_reopening_needs_a_reason_and_logs_it(analyst):
    import_rows([row(hours="1")], now=at("2017-03-01 10:00"))
    work_year_close(year=2016, by=analyst, now=at("2017-05-15 10:00"))
    _refused("reason_required", lambda: work_year_reopen(year=2016, by=analyst, reason="  "))
    work_year_reopen(
        year=2016, by=analyst, reason="Correction of service GZ-001", now=at("2017-06-01 10:00")
    )
    year = WorkYear.objects.get()
    assert (year.status, year.closed_at) == ("provisional", None)
    events = list(WorkYearEvent.objects.values_list("action", "reason", "by"))
    assert events == [
        ("close", "", analyst.pk),
        ("reopen", "Correction of service GZ-001", analyst.pk),
    ]
    change = ChangeEvent.objects.filter(object_type="monitoring.workyear").order_by("id").last()
    assert change.reason == "Correction of service GZ-001"
    assert change.changes == {"status": ["final", "provisional"]}
    assert change.actor_username == analyst.username
    # and the correction is accepted again, marked late
    stored = import_rows([row(hours="2")], now=at("2017-06-02 10:00"))
    assert [(s.version, s.late) for s in stored] == [(2, True)]


def test_the_status_as_of_a_day_follows_closing_and_reopening(analyst):
    import_rows([row(hours="1")], now=at("2017-03-01 10:00"))
    work_year_close(year=2016, by=analyst, now=at("2017-05-15 10:00"))
    work_year_reopen(year=2016, by=analyst, reason="correction", now=at("2017-06-01 10:00"))
    assert kraamzorg_report(2016, as_of=date(2017, 5, 14))["status"] == "provisional"
    assert kraamzorg_report(2016, as_of=date(2017, 5, 20))["status"] == "final"
    assert kraamzorg_report(2016, as_of=date(2017, 6, 1))["status"] == "provisional"
    # closing changes the status, not when the data last changed
    assert kraamzorg_report(2016, as_of=date(2017, 5, 20))["data_changed_at"].startswith(
        "2017-03-01T"
    )


def test_closing_twice_and_reopening_a_provisional_year_are_refused(analyst):
    _refused("not_final", lambda: work_year_reopen(year=2016, by=analyst, reason="x"))
    work_year_close(year=2016, by=analyst, now=at("2017-05-15 10:00"))
    _refused(
        "already_final", lambda: work_year_close(year=2016, by=analyst, now=at("2017-05-16 10:00"))
    )


@pytest.mark.parametrize("persona_name", ["kraamzorg_user", "kg_nurse", "editor"])
def test_only_analysts_and_administrators_close_or_reopen(request, persona_name, admin_user):
    user = request.getfixturevalue(persona_name)
    _refused("forbidden", lambda: work_year_close(year=2016, by=user, now=at("2017-05-15 10:00")))
    work_year_close(year=2016, by=admin_user, now=at("2017-05-15 10:00"))
    _refused("forbidden", lambda: work_year_reopen(year=2016, by=user, reason="x"))


# (received at, late): the deadline of work year 2016 is 30 April 2017, Brussels time.
LATE = [
    ("2017-01-02 08:00", False),
    ("2017-04-30 23:59", False),
    ("2017-05-01 00:00", True),
    ("2017-11-20 10:00", True),
]


@pytest.mark.parametrize(("received", "late"), LATE)
def test_a_submission_after_the_deadline_is_accepted_and_marked_late(received, late):
    stored = import_rows([row()], now=at(received))
    assert stored[0].late is late
    assert Submission.objects.get().late is late
