"""Kraamzorg requests through the API: a professional's referral, the service's intake queue
and answers, forwarding a refused request, withdrawing; refusals 422 with their code; each
read written to the access log."""

from datetime import date, timedelta

import pytest

from perinatal.audit.models import AccessEvent
from perinatal.kraamzorg.constants import RequestStatus
from perinatal.kraamzorg.models import KraamzorgRequest
from perinatal.pathways.tests.api_support import access_rows, api_for
from perinatal.pathways.tests.factories import register

from .api_support import referral_body, referred
from .care_support import make_request
from .intake_support import offer_for

pytestmark = pytest.mark.django_db
TODAY = date.today()


def test_a_midwife_refers_a_family_she_follows_marked_vulnerable(midwife, kraamzorg_user):
    offer = offer_for(kraamzorg_user)
    body = referred(midwife, offer, vulnerability_reason="Isolated, no network in Brussels.")
    assert body["status"] == "submitted" and body["source"] == "independent_midwife"
    assert body["service"]["service_id"] == offer.service.service_id
    assert body["referrer_organisation"] == midwife.organisation.name
    assert body["vulnerability"] == "referrer" and body["in_pregnancy"] is True
    stored = KraamzorgRequest.objects.get(public_id=body["id"])
    assert stored.pregnancy.public_id.hex == body["pregnancy_id"].replace("-", "")
    assert AccessEvent.objects.filter(action="create", actor_username=midwife.username).exists()


def test_without_a_service_id_the_referral_goes_to_the_first_serving_service(
    midwife, kraamzorg_user
):
    offer_for(kraamzorg_user, name="B-dienst", areas=["10000"])  # Antwerp only
    serving = offer_for(name="A-dienst")
    response = api_for(midwife).post("/kraamzorg/requests", referral_body(register(midwife)))
    assert response.status_code == 201
    assert response.json()["service"]["service_id"] == serving.service.service_id


def test_services_serving_a_postcode_are_listed(midwife, kraamzorg_user):
    brussels = offer_for(kraamzorg_user)
    offer_for(areas=["10000"])
    listed = api_for(midwife).get("/kraamzorg/services?postcode=1080").json()
    assert [s["service_id"] for s in listed] == [brussels.service.service_id]


def test_a_family_she_does_not_follow_is_refused_with_no_access(midwife, kg_nurse, kraamzorg_user):
    offer = offer_for(kraamzorg_user)
    body = referral_body(
        register(kg_nurse, consent_to_share=False), service_id=offer.service.service_id
    )
    response = api_for(midwife).post("/kraamzorg/requests", body)
    assert (response.status_code, response.json()["code"]) == (403, "no_access")
    assert not KraamzorgRequest.objects.exists()


def test_an_unknown_family_is_404(midwife, kraamzorg_user):
    offer_for(kraamzorg_user)
    body = referral_body(register(midwife), pregnancy_id="00000000-0000-4000-8000-000000000000")
    assert api_for(midwife).post("/kraamzorg/requests", body).status_code == 404


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"reason": ""}, "invalid_input", "reason"),
        ({"postcode": "0000"}, "invalid_input", "postcode"),
        ({"income_band": "Z"}, "invalid_input", "income_band"),
        ({"due_date": None}, "invalid_input", "due_date"),
        ({"service_id": "NO-SUCH"}, "invalid_input", "service_id"),
        ({"postcode": "2000", "municipality": "Antwerpen"}, "outside_area", None),
    ],
)
def test_a_wrong_referral_is_refused_with_422_and_nothing_stored(
    midwife, kraamzorg_user, changes, code, field
):
    offer = offer_for(kraamzorg_user)
    body = referral_body(register(midwife), **{"service_id": offer.service.service_id, **changes})
    response = api_for(midwife).post("/kraamzorg/requests", body)
    assert response.status_code == 422
    answer = response.json()
    assert answer["code"] == code and answer.get("message", "x")
    if field:
        assert field in [e["field"] for e in answer["errors"]]
    assert not KraamzorgRequest.objects.exists()


def test_a_second_open_referral_at_the_same_service_is_already_open(midwife, kraamzorg_user):
    offer = offer_for(kraamzorg_user)
    pregnancy = register(midwife)
    body = referral_body(pregnancy, service_id=offer.service.service_id)
    api = api_for(midwife)
    assert api.post("/kraamzorg/requests", body).status_code == 201
    again = api.post("/kraamzorg/requests", body)
    assert (again.status_code, again.json()["code"]) == (422, "already_open")
    assert again.json()["message"]
    assert KraamzorgRequest.objects.count() == 1


def test_the_intake_queue_lists_open_requests_by_expected_date_and_logs_each(
    kraamzorg_user, persona
):
    from perinatal.accounts.constants import Role

    offer = offer_for(kraamzorg_user)
    later = make_request(offer, status=RequestStatus.SUBMITTED, due_date=TODAY + timedelta(60))
    soon = make_request(
        offer,
        status=RequestStatus.WAITING,
        due_date=TODAY + timedelta(10),
        vulnerability="referrer",
        vulnerability_reason="Isolated.",
    )
    born = make_request(offer, status=RequestStatus.ACCEPTED, birth_date=TODAY - timedelta(2))
    make_request(offer, status=RequestStatus.REFUSED)  # answered: not in the queue
    other = persona(Role.KRAAMZORG_SERVICE, username="other-service")
    make_request(offer_for(other), status=RequestStatus.SUBMITTED)  # another service's
    api = api_for(kraamzorg_user)
    before = access_rows(kraamzorg_user)
    page = api.get("/kraamzorg/requests").json()
    ids = [r["id"] for r in page["contents"]]
    assert ids == [str(born.public_id), str(soon.public_id), str(later.public_id)]
    assert page["total_items"] == 3 and page["first_page"] and page["last_page"]
    assert page["contents"][1]["vulnerability"] == "referrer"
    assert page["contents"][1]["vulnerability_label"]
    assert access_rows(kraamzorg_user) - before == 3
    second = api.get("/kraamzorg/requests?per_page=2&page=2").json()
    assert [r["id"] for r in second["contents"]] == [str(later.public_id)]
    assert (second["total_pages"], second["last_page"]) == (2, True)
    refused = api.get("/kraamzorg/requests?status=refused").json()
    assert refused["total_items"] == 1


def test_the_referrer_lists_her_organisations_referrals(midwife, kraamzorg_user):
    offer = offer_for(kraamzorg_user)
    mine = referred(midwife, offer)
    make_request(offer, status=RequestStatus.SUBMITTED)  # a parent's: not hers
    listed = api_for(midwife).get("/kraamzorg/requests").json()
    assert [r["id"] for r in listed["contents"]] == [mine["id"]]


def test_the_referrer_reads_the_answer_but_cannot_decide(midwife, kraamzorg_user):
    offer = offer_for(kraamzorg_user)
    made = referred(midwife, offer)
    staff = api_for(kraamzorg_user)
    answer = {"status": "refused", "refusal_reason": "no_capacity"}
    assert staff.post(f"/kraamzorg/requests/{made['id']}/decision", answer).status_code == 200
    seen = api_for(midwife).get(f"/kraamzorg/requests/{made['id']}")
    assert seen.status_code == 200
    assert (seen.json()["status"], seen.json()["refusal_reason"]) == ("refused", "no_capacity")
    decide = api_for(midwife).post(f"/kraamzorg/requests/{made['id']}/decision", answer)
    assert (decide.status_code, decide.json()["code"]) == (403, "no_access")


def test_another_services_staff_may_not_see_or_answer_a_request(kraamzorg_user, persona):
    from perinatal.accounts.constants import Role

    made = make_request(offer_for(kraamzorg_user), status=RequestStatus.SUBMITTED)
    other = persona(Role.KRAAMZORG_SERVICE, username="other-service")
    offer_for(other)
    api = api_for(other)
    assert api.get(f"/kraamzorg/requests/{made.public_id}").json()["code"] == "no_access"
    decision = api.post(f"/kraamzorg/requests/{made.public_id}/decision", {"status": "waiting"})
    assert decision.status_code == 403
    made.refresh_from_db()
    assert made.status == "submitted"
    unknown = "00000000-0000-4000-8000-000000000000"
    assert api.get(f"/kraamzorg/requests/{unknown}").json()["code"] == "not_found"


PLAN = {"planned_start": (TODAY + timedelta(30)).isoformat(), "planned_hours": "36"}


@pytest.mark.parametrize(
    ("status", "body", "answer", "code"),
    [
        ("submitted", {"status": "accepted", **PLAN}, 200, "accepted"),
        ("submitted", {"status": "accepted"}, 422, "invalid_input"),
        ("submitted", {"status": "waiting"}, 200, "waiting"),
        ("submitted", {"status": "refused", "refusal_reason": "no_capacity"}, 200, "refused"),
        ("submitted", {"status": "refused"}, 422, "invalid_input"),
        ("submitted", {"status": "refused", "refusal_reason": "other"}, 422, "invalid_input"),
        ("waiting", {"status": "accepted", **PLAN}, 200, "accepted"),
        ("waiting", {"status": "waiting"}, 422, "invalid_transition"),
        ("refused", {"status": "accepted", **PLAN}, 422, "invalid_transition"),
        ("closed", {"status": "waiting"}, 422, "invalid_transition"),
        ("submitted", {"status": "closed"}, 422, "invalid_input"),
    ],
)
def test_the_intake_answers_along_the_request_flow(kraamzorg_user, status, body, answer, code):
    made = make_request(offer_for(kraamzorg_user), status=status)
    response = api_for(kraamzorg_user).post(f"/kraamzorg/requests/{made.public_id}/decision", body)
    assert response.status_code == answer, response.content
    result = response.json()
    made.refresh_from_db()
    if answer == 200:
        assert result["status"] == code == made.status
        if code == "accepted":
            assert (result["planned_start"], result["planned_hours"]) == (
                PLAN["planned_start"],
                "36.00",
            )
    else:
        assert result["code"] == code
        assert made.status == status


def test_a_refused_referral_is_forwarded_to_another_serving_service(midwife, kraamzorg_user):
    first = offer_for(kraamzorg_user)
    second = offer_for(name="Tweede dienst")
    made = referred(midwife, first)
    staff = api_for(kraamzorg_user)
    too_early = staff.post(
        f"/kraamzorg/requests/{made['id']}/forward", {"service_id": second.service.service_id}
    )
    assert (too_early.status_code, too_early.json()["code"]) == (422, "invalid_transition")
    refusal = {"status": "refused", "refusal_reason": "no_capacity"}
    staff.post(f"/kraamzorg/requests/{made['id']}/decision", refusal)
    forwarded = api_for(midwife).post(
        f"/kraamzorg/requests/{made['id']}/forward", {"service_id": second.service.service_id}
    )
    assert forwarded.status_code == 201
    new = forwarded.json()
    assert new["id"] != made["id"] and new["status"] == "submitted"
    assert new["service"]["service_id"] == second.service.service_id
    assert new["referrer_organisation"] == midwife.organisation.name
    unknown = api_for(midwife).post(
        f"/kraamzorg/requests/{made['id']}/forward", {"service_id": "NO-SUCH"}
    )
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "service_id"


def test_the_referrer_withdraws_an_open_request_once(midwife, kraamzorg_user):
    made = referred(midwife, offer_for(kraamzorg_user))
    api = api_for(midwife)
    withdrawn = api.post(f"/kraamzorg/requests/{made['id']}/withdraw")
    assert (withdrawn.status_code, withdrawn.json()["status"]) == (200, "withdrawn")
    again = api.post(f"/kraamzorg/requests/{made['id']}/withdraw")
    assert (again.status_code, again.json()["code"]) == (422, "invalid_transition")
