"""The kraamzorg report through the API, for analysts and administrators: the command line's
JSON for a year (as it stands or as of a date), the trend, publication mode; 404 without
figures; everyone else refused."""

import json

import pytest

from django.utils import translation

from perinatal.pathways.tests.api_support import api_for

from ..api.schemas import ReportOut, TrendOut
from ..reports.kraamzorg import kraamzorg_report, kraamzorg_trend, report_json
from ..reports.publication import for_publication
from .builders import at, import_rows, row

pytestmark = pytest.mark.django_db
REPORT = "/monitoring/reports/kraamzorg"
REFUSED = [
    "kraamzorg_user",
    "kg_nurse",
    "midwife",
    "hospital_user",
    "provider",
    "editor",
    "parent",
]


@pytest.fixture
def figures():
    """2015 and 2016; 2016 corrected on 28 April 2017 (Limburg's hours go from 10 to 40)."""
    import_rows(
        [row(work_year="2015", hours="8"), row(work_year="2015", province="Limburg", hours="4")],
        now=at("2016-03-01 10:00"),
    )
    import_rows(
        [row(hours="20"), row(province="Limburg", hours="10", family_id="F-L")],
        now=at("2017-03-01 10:00"),
    )
    import_rows(
        [row(hours="20"), row(province="Limburg", hours="40", family_id="F-L")],
        now=at("2017-04-28 10:00"),
    )


def expected(data) -> dict:
    return json.loads(report_json(data))


@pytest.mark.parametrize("persona_name", ["analyst", "admin_user"])
def test_the_year_report_is_the_command_lines_json(request, figures, persona_name):
    api = api_for(request.getfixturevalue(persona_name))
    response = api.get(f"{REPORT}?year=2016")
    assert response.status_code == 200
    with translation.override("en"):
        assert response.json() == expected(kraamzorg_report(2016))
    ReportOut.model_validate(response.json())
    limburg = response.json()["provinces"][1]
    assert (limburg["nis"], limburg["hours"]) == ("70000", 40.0)


def test_as_of_gives_the_figures_of_that_day(figures, analyst):
    before = api_for(analyst).get(f"{REPORT}?year=2016&as_of=2017-04-24").json()
    assert before["as_of"] == "2017-04-24"
    assert before["provinces"][1]["hours"] == 10.0
    assert before["total"]["hours"] == 30.0


def test_the_trend_has_each_year_and_its_change(figures, analyst):
    response = api_for(analyst).get(f"{REPORT}/trend?from=2015&to=2016")
    assert response.status_code == 200
    body = response.json()
    with translation.override("en"):
        assert body == expected(kraamzorg_trend(2015, 2016))
    TrendOut.model_validate(body)
    assert [year["year"] for year in body["years"]] == [2015, 2016]
    assert body["years"][1]["change"]["total"]["hours"] == 48.0


def test_publication_mode_withholds_small_counts_and_lists_them(figures, analyst):
    body = api_for(analyst).get(f"{REPORT}?year=2016&publication=true").json()
    with translation.override("en"):
        assert body == expected(for_publication(kraamzorg_report(2016)))
    assert body["suppressed"]
    assert body["provinces"][0]["families"] is None  # one family: fewer than five
    ReportOut.model_validate(body)


def test_a_year_without_figures_is_404(analyst):
    response = api_for(analyst).get(f"{REPORT}?year=2010")
    assert response.status_code == 404
    assert response.json()["code"] == "no_figures"


@pytest.mark.parametrize("query", ["from=2016&to=2015", "from=2015", "from=1990&to=2016"])
def test_a_wrong_trend_is_invalid_input(figures, analyst, query):
    response = api_for(analyst).get(f"{REPORT}/trend?{query}")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


@pytest.mark.parametrize("who", REFUSED)
def test_other_personas_may_not_read_the_reports(request, figures, who):
    api = api_for(request.getfixturevalue(who))
    for url in (f"{REPORT}?year=2016", f"{REPORT}/trend?from=2015&to=2016"):
        response = api.get(url)
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"
