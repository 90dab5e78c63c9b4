"""Work years through the API, for analysts and administrators: the list with status,
deadline and log; closing (refused before the deadline) and reopening with a reason."""

from datetime import date

import pytest
import time_machine

from perinatal.audit.models import ChangeEvent
from perinatal.pathways.tests.api_support import api_for

from ..models import WorkYear, WorkYearEvent
from .builders import at, import_rows, row

pytestmark = pytest.mark.django_db
REFUSED = ["kraamzorg_user", "kg_nurse", "midwife", "hospital_user", "provider", "editor", "parent"]


@pytest.fixture
def year_2016():
    import_rows([row(), row(service_id="GZ-2", service_name="B")], now=at("2017-03-01 10:00"))


def test_the_years_list_their_status_deadline_and_current_submissions(year_2016, analyst):
    response = api_for(analyst).get("/monitoring/years")
    assert response.status_code == 200
    assert response.json() == [
        {
            "year": 2016,
            "status": "provisional",
            "deadline": "2017-04-30",
            "closed_at": None,
            "current_submissions": 2,
            "events": [],
        }
    ]


@pytest.mark.parametrize(
    ("moment", "status", "code"),
    [
        (at("2017-04-30 23:00"), 409, "before_deadline"),
        (at("2017-05-01 00:00"), 200, None),
    ],
)
def test_closing_is_refused_before_the_deadline_has_passed(
    year_2016, analyst, moment, status, code
):
    api = api_for(analyst)
    with time_machine.travel(moment, tick=False):
        response = api.post("/monitoring/years/2016/close")
    assert response.status_code == status
    if code:
        assert response.json()["code"] == code
        assert WorkYear.objects.get().status == "provisional"
    else:
        assert response.json()["status"] == "final"
        assert [e["action"] for e in response.json()["events"]] == ["close"]


def test_close_then_reopen_with_a_reason(year_2016, admin_user):
    api = api_for(admin_user)
    with time_machine.travel(at("2017-05-15 10:00"), tick=False):
        assert api.post("/monitoring/years/2016/close").status_code == 200
        again = api.post("/monitoring/years/2016/close")
        assert (again.status_code, again.json()["code"]) == (409, "already_final")
        no_reason = api.post("/monitoring/years/2016/reopen", {"reason": "  "})
        assert (no_reason.status_code, no_reason.json()["code"]) == (422, "reason_required")
        missing = api.post("/monitoring/years/2016/reopen", {})
        assert (missing.status_code, missing.json()["code"]) == (422, "invalid_input")
    with time_machine.travel(at("2017-05-20 10:00"), tick=False):
        reopened = api.post("/monitoring/years/2016/reopen", {"reason": "Correctie dienst GZ-2"})
    assert reopened.status_code == 200
    body = reopened.json()
    assert (body["status"], body["closed_at"]) == ("provisional", None)
    assert [(e["action"], e["reason"]) for e in body["events"]] == [
        ("close", ""),
        ("reopen", "Correctie dienst GZ-2"),
    ]
    assert WorkYearEvent.objects.filter(action="reopen", by=admin_user).count() == 1
    assert ChangeEvent.objects.filter(reason="Correctie dienst GZ-2").exists()
    not_final = api.post("/monitoring/years/2016/reopen", {"reason": "nogmaals"})
    assert (not_final.status_code, not_final.json()["code"]) == (409, "not_final")


@pytest.mark.parametrize("year", [1999, date.today().year + 1])
def test_a_year_outside_the_work_years_is_404(analyst, year):
    api = api_for(analyst)
    response = api.post(f"/monitoring/years/{year}/close")
    assert (response.status_code, response.json()["code"]) == (404, "unknown_year")
    assert not WorkYear.objects.exists()


@pytest.mark.parametrize("who", REFUSED)
def test_other_personas_may_not_see_close_or_reopen_years(request, year_2016, who):
    api = api_for(request.getfixturevalue(who))
    with time_machine.travel(at("2017-05-15 10:00"), tick=False):
        assert api.get("/monitoring/years").status_code == 403
        assert api.post("/monitoring/years/2016/close").status_code == 403
        assert api.post("/monitoring/years/2016/reopen", {"reason": "x"}).status_code == 403
    assert WorkYear.objects.get().status == "provisional"
