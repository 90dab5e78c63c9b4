"""The screening form and the programme services form: what the rules allow is stored, what
they refuse comes back as 422 with the rule's code and message, bad input as 400."""

from datetime import date, timedelta

import pytest

from django.urls import reverse

from perinatal.core.dates import add_months
from perinatal.pathways.models import IndicatorCatalogue, ProgrammeService, Screening
from perinatal.pathways.services.screening import catalogue_on

from .factories import participate, register

pytestmark = pytest.mark.django_db

TODAY = date.today


def url(name: str, pregnancy) -> str:
    return reverse(f"pathways:{name}", args=[pregnancy.public_id])


@pytest.fixture
def family(midwife):
    participate(midwife)
    return register(midwife)


@pytest.fixture
def client(client_for, midwife):
    return client_for(midwife)


def screen(client, family, positive, **extra):
    data = {"date": TODAY(), "positive": positive, **extra}
    return client.post(url("screening_new", family), data)


def record(client, family, kind, **extra):
    return client.post(url("service_new", family), {"kind": kind, "date": TODAY(), **extra})


# --- Screening --------------------------------------------------------------------------------


def test_the_screening_form_lists_the_catalogue_with_the_inclusion_criteria_marked(client, family):
    response = client.get(url("screening_new", family))
    form = response.context["form"]
    assert response.status_code == 200
    assert len(form.indicators) == 13
    assert len(form.inclusion_codes) == 8
    assert response.content.decode().count("tag programme") == 8


@pytest.mark.parametrize(
    ("positive", "scenario"),
    [
        ([], "none"),
        (["housing"], "A"),
        (["housing", "finances"], "B"),
        (["housing", "finances", "anxiety"], "B"),
    ],
)
def test_a_screening_gives_the_scenario_of_its_inclusion_criteria(
    client, family, positive, scenario
):
    response = screen(client, family, positive)
    assert response.status_code == 302
    assert response.url.endswith("#screenings")
    assert Screening.objects.get(pregnancy=family).scenario == scenario
    assert client.get(url("pregnancy", family)).context["scenario"] == scenario


def test_a_second_screening_without_a_reason_is_refused_with_its_code(client, family):
    screen(client, family, ["housing"])
    response = screen(client, family, ["housing", "finances"])
    html = response.content.decode()
    assert response.status_code == 422
    assert "already_screened" in html
    assert "screening.once" in html
    assert Screening.objects.count() == 1


def test_a_new_assessment_with_a_reason_governs_from_its_date(client, family):
    screen(client, family, ["housing"])
    response = screen(
        client, family, ["housing", "finances"], new_assessment_reason="Lost her housing"
    )
    assert response.status_code == 302
    assert client.get(url("pregnancy", family)).context["scenario"] == "B"


def test_a_provider_outside_the_programme_may_not_screen(client_for, kg_nurse):
    family = register(kg_nurse)
    response = screen(client_for(kg_nurse), family, ["housing"])
    assert response.status_code == 422
    assert "provider_not_participating" in response.content.decode()
    assert not Screening.objects.exists()


def test_the_form_follows_the_catalogue_in_force_on_the_screening_date(client, family):
    current = catalogue_on(TODAY())
    tomorrow = TODAY() + timedelta(days=1)
    newer = IndicatorCatalogue.objects.create(
        version="test-next", valid_from=tomorrow, sources="test"
    )
    for indicator in current.indicators.all():
        indicator.pk = None
        indicator.catalogue = newer
        indicator.code = f"{indicator.code}-next"
        indicator.save()
    assert "housing" in client.get(url("screening_new", family)).context["form"].inclusion_codes
    form = client.get(url("screening_new", family), {"date": tomorrow}).context["form"]
    assert "housing-next" in form.inclusion_codes
    response = screen(client, family, ["housing-next", "finances-next"], date=tomorrow)
    assert response.status_code == 302
    assert (Screening.objects.get().catalogue, Screening.objects.get().scenario) == (newer, "B")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"date": "yesterday"}, "date"),
        ({"date": "2019-01-01"}, "date"),  # no catalogue in force (and before registration)
        ({"positive": ["no-such-indicator"]}, "positive"),
        ({"date": (TODAY() - timedelta(days=10)).isoformat()}, "date"),  # before registration
    ],
)
def test_bad_screening_input_is_a_field_error(client, family, data, field):
    response = client.post(url("screening_new", family), {"date": TODAY().isoformat(), **data})
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Screening.objects.exists()


# --- Programme services --------------------------------------------------------------------------


def test_a_coordination_period_shows_with_its_end_and_the_renewals_left(client, family):
    screen(client, family, ["housing", "finances"])
    response = record(client, family, "coordination")
    assert response.status_code == 302
    until = add_months(TODAY(), 12) - timedelta(days=1)
    assert ProgrammeService.objects.get().period_end == until
    page = client.get(url("pregnancy", family))
    assert page.context["coordination"].until == until
    assert page.context["coordination"].renewals_left == 2
    html = page.content.decode()
    assert until.strftime("%d/%m/%Y") in html
    line = next(line for line in page.context["entitlements"] if line.kind == "coordination")
    assert (line.used, line.remaining) == (1, 2)


def test_a_renewal_inside_the_running_period_is_refused(client, family):
    screen(client, family, ["housing", "finances"])
    record(client, family, "coordination")
    response = record(client, family, "coordination")
    assert response.status_code == 422
    assert response.context["form"].refusal.code == "outside_period"
    assert "outside_period" in response.content.decode()
    assert ProgrammeService.objects.count() == 1


@pytest.mark.parametrize(
    ("positive", "kind", "extra", "code"),
    [
        ([], "ppa", {}, "not_entitled"),
        (["housing"], "coordination", {}, "not_entitled"),
        (["housing"], "mdo", {"participants": 3}, "not_entitled"),
        (["housing", "finances"], "mdo", {"participants": 5}, "limit_reached"),
        ([], "physiotherapy", {}, "not_entitled"),
        ([], "kg_consultation", {}, "outside_period"),
    ],
)
def test_what_the_rules_refuse_comes_back_with_its_code(
    client, family, positive, kind, extra, code
):
    screen(client, family, positive)
    response = record(client, family, kind, **extra)
    assert response.status_code == 422
    assert response.context["form"].refusal.code == code
    assert f">{code}<" in response.content.decode()
    assert not ProgrammeService.objects.exists()


def test_the_ppa_limit_is_reached_after_two(client, family):
    screen(client, family, ["housing"])
    assert record(client, family, "ppa").status_code == 302
    assert record(client, family, "ppa").status_code == 302
    response = record(client, family, "ppa")
    assert response.status_code == 422
    assert response.context["form"].refusal.code == "limit_reached"


def test_physiotherapy_on_prescription_is_counted(client, family):
    assert record(client, family, "physiotherapy", prescribed="on").status_code == 302
    line = next(
        line
        for line in client.get(url("pregnancy", family)).context["entitlements"]
        if line.kind == "physiotherapy"
    )
    assert (line.used, line.remaining) == (1, 8)


@pytest.mark.parametrize(
    ("kind", "extra", "field"),
    [
        ("mdo", {"participants": 1}, "participants"),
        ("mdo", {}, "participants"),
        ("massage", {}, "kind"),
        ("ppa", {"date": "2020-13-01"}, "date"),
    ],
)
def test_bad_service_input_is_a_field_error(client, family, kind, extra, field):
    screen(client, family, ["housing", "finances"])
    response = record(client, family, kind, **extra)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not ProgrammeService.objects.exists()


def test_a_provider_outside_the_programme_may_not_record_a_billable_service(client_for, kg_nurse):
    family = register(kg_nurse)
    response = record(client_for(kg_nurse), family, "ppa")
    assert response.status_code == 422
    assert response.context["form"].refusal.code == "provider_not_participating"


def test_without_a_catalogue_in_force_there_is_no_screening_form(client, family):
    IndicatorCatalogue.objects.all().delete()
    response = client.get(url("screening_new", family))
    assert response.status_code == 200
    assert "form" not in response.context
    assert 'name="positive"' not in response.content.decode()


# --- Who may record, and one MDO per coordination period (docs/decisions/0025) --------------


def test_the_forms_show_as_whom_the_user_records(client, family):
    for name in ("service_new", "screening_new"):
        html = client.get(url(name, family)).content.decode()
        assert '<span class="tag profession">Vroedvrouw</span>' in html
        assert '<span class="tag conventioned">geconventioneerd</span>' in html


def test_a_profession_that_may_not_record_the_talk_is_refused_with_its_code(
    client_for, persona, midwife, family
):
    """Seed 002: the PPA by "huisarts, verloskundigen, gynaecoloog, verpleegkundigen"."""
    screen(client_for(midwife), family, ["housing"])
    social_worker = persona(
        "independent_midwife", organisation=midwife.organisation, profession="social_worker"
    )
    response = record(client_for(social_worker), family, "ppa")
    assert response.status_code == 422
    assert response.context["form"].refusal.code == "profession_not_allowed"
    assert "Maatschappelijk werker".lower() in response.content.decode()
    assert not ProgrammeService.objects.exists()


def test_a_second_mdo_in_the_coordination_period_is_refused_on_the_page(client, family):
    screen(client, family, ["housing", "finances"])
    assert record(client, family, "coordination").status_code == 302
    assert record(client, family, "mdo", participants=3).status_code == 302
    response = record(client, family, "mdo", participants=3)
    assert response.status_code == 422
    assert response.context["form"].refusal.code == "period_limit_reached"
    assert ProgrammeService.objects.filter(kind="mdo").count() == 1
