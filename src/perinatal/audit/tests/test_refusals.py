"""Refused accesses in the access log, the true basis of lookups, what a lookup answers and
the lookup rate (issue 17 item 2, decision 0033). The matrix over every role and URL is
test_access_matrix.py."""

from datetime import date

import pytest

from django.utils import translation

from perinatal.audit.models import AccessEvent
from perinatal.pathways import access, selectors
from perinatal.pathways.services import care_team
from perinatal.pathways.tests.api_support import ApiClient, api_for
from perinatal.pathways.tests.factories import mother, national_number_for, participate, register

pytestmark = pytest.mark.django_db

NUMBER = national_number_for(date(1993, 5, 4), 77)


def _family(midwife):
    participate(midwife)
    return register(midwife, mother=mother(national_number=NUMBER, no_national_number=""))


def _refused(user) -> list[AccessEvent]:
    return list(AccessEvent.objects.filter(actor_username=user.username, outcome="refused"))


@pytest.mark.django_db(transaction=True)
def test_the_refused_row_stays_when_the_refused_request_rolls_back(
    audit_flushable, midwife, kg_nurse
):
    # Real transactions: the selector's transaction ends with the refusal; the row is kept.
    pregnancy = _family(midwife)
    response = api_for(kg_nurse).get(f"/pregnancies/{pregnancy.public_id}")
    assert response.status_code == 403
    [row] = _refused(kg_nurse)
    assert (row.record_id, row.subject, row.action, row.basis, row.refusal) == (
        str(pregnancy.public_id),
        str(pregnancy.public_id),
        "read",
        "none",
        "not_in_care_team",
    )
    assert row.request_id  # the request's id, to find its log lines
    with translation.override("en"):
        assert row.get_refusal_display() == "not in the family's care team"


def test_a_member_without_the_familys_consent_is_refused_for_that_reason(midwife, provider):
    pregnancy = register(midwife, consent_to_share=False)
    grant = access.grant_for(midwife, pregnancy)
    care_team.team_member_add(
        by=midwife, pregnancy=pregnancy, grant=grant, organisation=provider.organisation
    )
    assert api_for(provider).get(f"/pregnancies/{pregnancy.public_id}").status_code == 403
    assert [r.refusal for r in _refused(provider)] == ["consent_withdrawn"]


def test_a_page_without_the_second_factor_is_refused_for_that_reason(midwife, kg_nurse, client_for):
    pregnancy = _family(midwife)
    response = client_for(kg_nurse, verified=False).get(f"/en/families/{pregnancy.public_id}/")
    assert response.status_code in (302, 403)
    if response.status_code == 403:
        assert [r.refusal for r in _refused(kg_nurse)] == ["second_factor_missing"]


def test_an_anonymous_visitor_and_an_unknown_id_leave_no_row(midwife, kg_nurse, client):
    pregnancy = _family(midwife)
    rows = AccessEvent.objects.count()
    assert client.get(f"/en/families/{pregnancy.public_id}/").status_code == 302
    assert ApiClient(None).get(f"/pregnancies/{pregnancy.public_id}").status_code == 401
    unknown = "00000000-0000-4000-8000-000000000000"
    assert api_for(kg_nurse).get(f"/pregnancies/{unknown}").status_code == 404
    assert AccessEvent.objects.count() == rows


def test_a_lookup_outside_the_team_is_logged_as_a_lookup_and_tells_nothing(midwife, kg_nurse):
    pregnancy = _family(midwife)
    unknown = national_number_for(date(1990, 1, 2), 5)
    outside = api_for(kg_nurse)
    found = outside.post("/pregnancies/lookup", {"national_number": NUMBER}).json()
    absent = outside.post("/pregnancies/lookup", {"national_number": unknown}).json()
    assert found == absent == {"found": None, "visible": False, "id": None}
    row = AccessEvent.objects.filter(actor_username=kg_nurse.username, record_id__gt="").get()
    assert (row.subject, row.basis, row.outcome) == (str(pregnancy.public_id), "lookup", "granted")
    inside = api_for(midwife).post("/pregnancies/lookup", {"national_number": NUMBER}).json()
    assert inside == {"found": True, "visible": True, "id": str(pregnancy.public_id)}
    assert AccessEvent.objects.filter(actor_username=midwife.username).latest("id").basis == (
        "care_team"
    )


def test_the_booklet_status_outside_the_team_is_yes_no_and_since_when(midwife, provider):
    _family(midwife)
    participate(provider)
    body = api_for(provider).post("/booklets/status", {"national_number": NUMBER}).json()
    assert body["view"] == "limited"
    assert body["pregnancy_id"] is None  # a programme provider never hands one out
    [child] = body["children"]
    assert child["has_booklet"] is False and child["since"] is None
    assert child["booklet"] is None and child["birth_date"] is None
    row = AccessEvent.objects.filter(actor_username=provider.username).latest("id")
    assert row.basis == "lookup"


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "too many national numbers"), ("nl", "te veel"), ("fr", "trop de")],
)
def test_lookups_over_the_rate_are_refused_with_429_in_the_users_language_and_logged(
    midwife, kg_nurse, settings, language, words
):
    settings.LOOKUP_RATE = "2/h"
    _family(midwife)
    api = api_for(kg_nurse, language=language)
    for _ in range(2):
        assert api.post("/pregnancies/lookup", {"national_number": NUMBER}).status_code == 200
    refused = api.post("/booklets/status", {"national_number": NUMBER})
    assert refused.status_code == 429
    assert refused.json()["code"] == "too_many_lookups"
    assert words in refused.json()["detail"].lower()
    assert 0 < int(refused["Retry-After"]) <= 3600
    [row] = _refused(kg_nurse)
    assert (row.action, row.refusal, row.basis) == ("search", "too_many_lookups", "none")


def test_the_find_page_over_the_rate_answers_the_429_page(midwife, kg_nurse, client_for, settings):
    settings.LOOKUP_RATE = "1/h"
    _family(midwife)
    page = client_for(kg_nurse)
    page.post("/en/families/", {"national_number": NUMBER})
    response = page.post("/en/families/", {"national_number": NUMBER})
    assert response.status_code == 429
    assert "too many national numbers" in response.content.decode()
    assert response["Retry-After"]
    assert [r.refusal for r in _refused(kg_nurse)] == ["too_many_lookups"]


def test_the_service_without_a_request_counts_nothing(midwife, kg_nurse, settings):
    settings.LOOKUP_RATE = "1/h"
    _family(midwife)
    for _ in range(3):
        assert selectors.pregnancy_find_by_national_number(user=kg_nurse, number=NUMBER)[1] is False
