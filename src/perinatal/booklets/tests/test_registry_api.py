"""The Kindboekje registry through the API: ask first, hand out, the refusals with their codes
and details, the organisation's list, replacement and cancellation, and wrong input per
field (422 `invalid_input` naming the field as the request does)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.utils import translation

from perinatal.audit.models import AccessBasis, AccessEvent
from perinatal.booklets.constants import Channel, OrderStatus, RefusalCode, VoidReason
from perinatal.booklets.models import Booklet, HandoutRefusal
from perinatal.booklets.services import booklet_hand_out
from perinatal.booklets.services.distribution import already_message
from perinatal.pathways.access import Grant
from perinatal.pathways.services import care_team
from perinatal.pathways.tests.api_support import api_for, national_numbers_in
from perinatal.pathways.tests.factories import mother, national_number_for, register

from .factories import born, join_the_team
from .registry_support import parent_order

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 1)
MOTHER_NUMBER = national_number_for(date(1993, 5, 17), 41)
UNKNOWN_NUMBER = national_number_for(date(1990, 1, 2), 77)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(
        datetime(2025, 6, 1, 11, tzinfo=ZoneInfo("Europe/Brussels")), tick=False
    ):
        yield


@pytest.fixture
def expecting(kg_nurse):
    return register(
        kg_nurse,
        registered_on=date(2025, 3, 1),
        mother=mother(national_number=MOTHER_NUMBER, no_national_number=""),
    )


def english(text) -> str:
    with translation.override("en"):
        return str(text)


def hand_out(api, pregnancy, **body):
    return api.post("/booklets/distributions", {"pregnancy_id": str(pregnancy.public_id), **body})


def errors_of(response) -> dict:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid_input", body
    return {e["field"]: e["message"] for e in body["errors"]}


# --- Ask first ---------------------------------------------------------------------------


def test_ask_first_by_national_number_says_whose_turn_it_is(kg_nurse, midwife, expecting):
    api = api_for(midwife)
    response = api.post("/booklets/status", {"national_number": MOTHER_NUMBER})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["pregnancy_id"] == str(expecting.public_id)
    assert body["on"] == TODAY.isoformat()
    [child] = body["children"]
    assert (child["child_order"], child["born"], child["has_booklet"]) == (1, False, False)
    assert child["booklet"] is None and child["parent_order"] is None
    assert child["turn"] == {
        "step": 1,
        "channel": "kg_start_conversation",
        "label": english(Channel.KG_START_CONVERSATION.label),
        "provider": "kind_en_gezin",
    }
    assert [(t["channel"], t["step"]) for t in child["turns"]] == [
        ("kg_start_conversation", 1),
        ("independent_midwife", 2),
    ]
    assert national_numbers_in("".join(api.seen)) == []  # never in a URL or an answer


def test_ask_first_shows_the_booklet_handed_out_and_no_turn(kg_nurse, midwife, expecting):
    booklet_hand_out(by=kg_nurse, pregnancy=expecting, on=date(2025, 5, 20))
    # The care team sees the hand-out (a provider outside it: decision 0033's limited view).
    body = api_for(kg_nurse).post("/booklets/status", {"pregnancy_id": str(expecting.public_id)})
    [child] = body.json()["children"]
    assert child["has_booklet"] is True
    assert child["booklet"] == {
        "handed_out_on": "2025-05-20",
        "channel": "kg_start_conversation",
        "channel_label": english(Channel.KG_START_CONVERSATION.label),
        "provider": "kind_en_gezin",
        "provider_label": "Kind en Gezin",
        "step": 1,
        "in_turn": True,
    }
    assert child["turn"] is None and child["turns"] == []


def test_ask_first_on_a_day_before_the_switch_follows_the_old_procedure(kg_nurse, hospital_user):
    pregnancy = born(kg_nurse, on=date(2024, 7, 20))
    body = api_for(hospital_user).post(
        "/booklets/status", {"pregnancy_id": str(pregnancy.public_id), "on": "2024-07-31"}
    )
    [child] = body.json()["children"]
    # Outside the care team: no birth date, but the id, as it is the maternity clinic's turn.
    assert body.json()["view"] == "limited"
    assert body.json()["pregnancy_id"] == str(pregnancy.public_id)
    assert child["born"] is True and child["birth_date"] is None
    assert child["turn"]["channel"] == "maternity_clinic" and child["turn"]["step"] == 2


def test_ask_first_answers_each_twin(kg_nurse):
    pregnancy = born(kg_nurse, on=date(2025, 5, 30), children=2)
    booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=TODAY, child_order=2)
    body = api_for(kg_nurse).post("/booklets/status", {"pregnancy_id": str(pregnancy.public_id)})
    children = {c["child_order"]: c for c in body.json()["children"]}
    assert children[1]["has_booklet"] is False and children[1]["turn"]["step"] == 2
    assert children[2]["has_booklet"] is True and children[2]["booklet"]["step"] == 3


def test_ask_first_is_in_the_access_log_without_the_number(midwife, expecting):
    api_for(midwife).post("/booklets/status", {"national_number": MOTHER_NUMBER})
    row = AccessEvent.objects.filter(actor_username=midwife.get_username()).latest("id")
    # The midwife is not in the care team: the basis is the lookup (decision 0033).
    assert (row.subject, row.basis) == (str(expecting.public_id), "lookup")
    assert MOTHER_NUMBER not in f"{row.purpose} {row.reason} {row.record_id}"


def test_ask_first_shows_a_parents_order_and_refuses_a_hand_out(kg_nurse, parent, expecting):
    parent_order(parent, number=MOTHER_NUMBER, pregnancy=expecting)
    api = api_for(kg_nurse)
    [child] = api.post("/booklets/status", {"national_number": MOTHER_NUMBER}).json()["children"]
    assert child["has_booklet"] is True and child["booklet"] is None
    assert child["parent_order"] == {
        "child_order": 1,
        "ordered_on": TODAY.isoformat(),
        "status": "submitted",
        "status_label": english(OrderStatus.SUBMITTED.label),
    }
    refused = hand_out(api, expecting)
    assert refused.status_code == 422
    assert refused.json()["code"] == "already_has_booklet"
    assert (refused.json()["provider"], refused.json()["ordered_on"]) == ("parents", "2025-06-01")


def test_ask_first_finds_a_parents_order_of_a_family_not_on_the_platform(kg_nurse, parent):
    parent_order(parent, number=UNKNOWN_NUMBER)
    body = api_for(kg_nurse).post("/booklets/status", {"national_number": UNKNOWN_NUMBER}).json()
    assert body["pregnancy_id"] is None and body["children"] == []
    assert [(o["child_order"], o["status"]) for o in body["parent_orders"]] == [(1, "submitted")]


@pytest.mark.parametrize(
    "body",
    [{"national_number": UNKNOWN_NUMBER}, {"pregnancy_id": "6b1c9a5e-3f0a-4c55-9d8e-2f4b1a7c0d11"}],
    ids=["national_number", "pregnancy_id"],
)
def test_an_unknown_family_is_not_found_and_can_be_registered(kg_nurse, body):
    response = api_for(kg_nurse).post("/booklets/status", body)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert "register" in response.json()["message"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, None),
        (
            {
                "national_number": MOTHER_NUMBER,
                "pregnancy_id": "6b1c9a5e-3f0a-4c55-9d8e-2f4b1a7c0d11",
            },
            None,
        ),
        ({"national_number": "12345678901"}, "national_number"),
        ({"national_number": "1" * 21}, "national_number"),
        ({"pregnancy_id": "not-a-uuid"}, "pregnancy_id"),
        ({"national_number": MOTHER_NUMBER, "on": "31/07/2024"}, "on"),
    ],
    ids=["nothing", "both", "invalid-number", "too-long", "bad-id", "bad-date"],
)
def test_ask_first_names_the_wrong_field(kg_nurse, expecting, body, field):
    errors = errors_of(api_for(kg_nurse).post("/booklets/status", body))
    assert list(errors) == [field]


# --- Hand out --------------------------------------------------------------------------------


def test_a_hand_out_answers_201_with_the_booklet(kg_nurse, expecting):
    response = hand_out(api_for(kg_nurse), expecting)
    assert response.status_code == 201, response.content
    body = response.json()
    stored = Booklet.objects.get(public_id=body["id"])
    assert body["pregnancy_id"] == str(expecting.public_id)
    assert (body["channel"], body["provider"], body["step"], body["in_turn"]) == (
        "kg_start_conversation",
        "kind_en_gezin",
        1,
        True,
    )
    assert body["handed_out_on"] == TODAY.isoformat() == stored.handed_out_on.isoformat()
    assert body["organisation"] == str(kg_nurse.organisation)
    assert body["voided_on"] is None and body["replaces"] is None


def test_a_second_hand_out_is_refused_with_when_and_who(kg_nurse, midwife, expecting):
    booklet_hand_out(by=kg_nurse, pregnancy=expecting, on=date(2025, 5, 20))
    response = hand_out(api_for(midwife), expecting)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "already_has_booklet"
    assert (body["handed_out_on"], body["provider"]) == ("2025-05-20", "kind_en_gezin")
    assert body["rule"] == "booklets.procedure"
    assert "20/05/2025" in body["message"]
    assert Booklet.objects.filter(pregnancy=expecting).count() == 1
    assert HandoutRefusal.objects.filter(code=RefusalCode.ALREADY_HAS_BOOKLET).count() == 1


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_refusal_speaks_the_callers_language(kg_nurse, midwife, expecting, language):
    booklet = booklet_hand_out(by=kg_nurse, pregnancy=expecting, on=date(2025, 5, 20))
    response = hand_out(api_for(midwife, language=language), expecting)
    with translation.override(language):
        assert response.json()["message"] == already_message(booklet)
    with translation.override("en"):
        english_message = already_message(booklet)
    assert (response.json()["message"] == english_message) == (language == "en")


def test_a_maternity_clinic_is_refused_after_the_switch(kg_nurse, hospital_user):
    pregnancy = born(kg_nurse, on=date(2025, 5, 30))
    response = hand_out(api_for(hospital_user), pregnancy)
    assert response.status_code == 422
    assert response.json()["code"] == "channel_not_allowed"
    assert "handed_out_on" not in response.json()


def test_outside_the_turn_a_reason_is_required_and_then_recorded(kg_nurse, midwife):
    pregnancy = born(kg_nurse, on=date(2025, 5, 20))
    api = api_for(kg_nurse)
    care_team.team_member_add(
        by=kg_nurse,
        pregnancy=pregnancy,
        grant=Grant(AccessBasis.CARE_TEAM),
        organisation=midwife.organisation,
    )
    refused = hand_out(api, pregnancy)
    assert refused.status_code == 422 and refused.json()["code"] == "reason_required"
    done = hand_out(api, pregnancy, reason="the midwife has no Kindboekjes left")
    assert done.status_code == 201
    assert (done.json()["in_turn"], done.json()["step"]) == (False, None)
    assert done.json()["out_of_turn_reason"] == "the midwife has no Kindboekjes left"


def test_a_hospital_hands_out_at_the_nicu_exception(kg_nurse, hospital_user):
    pregnancy = born(kg_nurse, on=date(2025, 5, 28), nicu=True)
    response = hand_out(api_for(hospital_user), pregnancy)
    assert response.status_code == 201
    assert (response.json()["channel"], response.json()["step"]) == ("nicu", None)
    assert response.json()["provider"] == "hospital"


def test_an_unknown_pregnancy_is_not_found(kg_nurse):
    response = api_for(kg_nurse).post(
        "/booklets/distributions", {"pregnancy_id": "6b1c9a5e-3f0a-4c55-9d8e-2f4b1a7c0d11"}
    )
    assert response.status_code == 404 and response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"pregnancy_id": None}, "pregnancy_id"),
        ({"pregnancy_id": "nope"}, "pregnancy_id"),
        ({"child_order": 0}, "child_order"),
        ({"child_order": 10}, "child_order"),
        ({"child_order": 2}, "child_order"),  # no second child
        ({"on": "2025-06-02"}, "on"),  # in the future
        ({"on": "yesterday"}, "on"),
        ({"channel": "post_office"}, "channel"),
        ({"reason": "x" * 2001}, "reason"),
    ],
    ids=[
        "no-pregnancy",
        "bad-pregnancy",
        "child-0",
        "child-10",
        "no-such-twin",
        "future",
        "bad-date",
        "bad-channel",
        "long-reason",
    ],
)
def test_a_hand_out_names_the_wrong_field(kg_nurse, body, field):
    pregnancy = born(kg_nurse, on=date(2025, 5, 28))
    errors = errors_of(hand_out(api_for(kg_nurse), pregnancy, **body))
    assert list(errors) == [field]
    assert not Booklet.objects.exists()


# --- The organisation's list ---------------------------------------------------------------


def test_the_list_shows_the_organisations_hand_outs_paginated_and_logs_each_family(
    kg_nurse, midwife
):
    mine = []
    for n in range(5):
        pregnancy = register(kg_nurse, registered_on=date(2025, 3, 1))
        mine.append(booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=TODAY - timedelta(n)))
    other = register(kg_nurse, registered_on=date(2025, 3, 1))
    booklet_hand_out(by=midwife, pregnancy=other, on=TODAY)
    api = api_for(kg_nurse)
    before = AccessEvent.objects.filter(actor_username=kg_nurse.get_username()).count()
    page = api.get("/booklets/distributions?per_page=2&page=2").json()
    assert (page["total_items"], page["total_pages"], page["page_number"], page["size"]) == (
        5,
        3,
        2,
        2,
    )
    assert not page["first_page"] and not page["last_page"] and not page["empty"]
    assert [b["id"] for b in page["contents"]] == [str(mine[2].public_id), str(mine[3].public_id)]
    assert page["contents"][0]["pregnancy_id"] == str(mine[2].pregnancy.public_id)
    rows = AccessEvent.objects.filter(actor_username=kg_nurse.get_username()).order_by("id")
    new = list(rows[before:])
    assert sorted(r.subject for r in new) == sorted(str(b.pregnancy.public_id) for b in mine[2:4])
    assert {(r.basis, r.action, r.record_type) for r in new} == {
        ("booklet", "read", "booklets.booklet")
    }


def test_the_list_filters_on_the_day_of_the_hand_out(kg_nurse):
    for day in (date(2025, 4, 30), date(2025, 5, 1), date(2025, 5, 31), date(2025, 6, 1)):
        pregnancy = register(kg_nurse, registered_on=date(2025, 3, 1))
        booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=day)
    page = api_for(kg_nurse).get("/booklets/distributions?from=2025-05-01&to=2025-05-31").json()
    assert [b["handed_out_on"] for b in page["contents"]] == ["2025-05-31", "2025-05-01"]
    empty = api_for(kg_nurse).get("/booklets/distributions?from=2026-01-01").json()
    assert (empty["total_items"], empty["empty"], empty["last_page"]) == (0, True, True)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2025-13-01", "from"),
        ("to=soon", "to"),
        ("from=2025-06-01&to=2025-05-01", "from"),
        ("page=0", "page"),
        ("per_page=101", "per_page"),
    ],
)
def test_the_list_names_the_wrong_parameter(kg_nurse, query, field):
    assert list(errors_of(api_for(kg_nurse).get(f"/booklets/distributions?{query}"))) == [field]


# --- Replacement and cancellation ----------------------------------------------------------


def test_a_lost_booklet_is_replaced_and_the_child_keeps_one(kg_nurse, midwife, expecting):
    """By the midwife's practice, a member of the family's care team (docs/decisions/0026)."""
    join_the_team(kg_nurse, expecting, midwife)
    old = booklet_hand_out(by=kg_nurse, pregnancy=expecting, on=date(2025, 5, 2))
    response = api_for(midwife).post(
        f"/booklets/distributions/{old.public_id}/replacement",
        {"reason": "lost", "note": "lost in a move", "on": "2025-05-30"},
    )
    assert response.status_code == 201, response.content
    new = response.json()
    assert new["replaces"] == str(old.public_id)
    assert (new["handed_out_on"], new["in_turn"], new["channel"]) == (
        "2025-05-30",
        False,
        "independent_midwife",
    )
    old.refresh_from_db()
    assert (old.voided_on, old.void_reason, old.void_note) == (
        date(2025, 5, 30),
        VoidReason.LOST,
        "lost in a move",
    )
    assert Booklet.objects.filter(pregnancy=expecting, voided_on__isnull=True).count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reason": "stolen"}, "reason"),
        ({}, "reason"),
        ({"reason": "damaged", "on": "2025-04-01"}, "on"),  # before the hand-out
        ({"reason": "damaged", "on": "2025-06-02"}, "on"),  # in the future
        ({"reason": "damaged", "note": "x" * 2001}, "note"),
    ],
    ids=["bad-reason", "no-reason", "before-hand-out", "future", "long-note"],
)
def test_a_replacement_names_the_wrong_field(kg_nurse, expecting, body, field):
    old = booklet_hand_out(by=kg_nurse, pregnancy=expecting, on=date(2025, 5, 2))
    path = f"/booklets/distributions/{old.public_id}/replacement"
    assert list(errors_of(api_for(kg_nurse).post(path, body))) == [field]
    assert Booklet.objects.get(pk=old.pk).voided_on is None


def test_a_void_booklet_cannot_be_replaced_again(kg_nurse, expecting):
    old = booklet_hand_out(by=kg_nurse, pregnancy=expecting, on=date(2025, 5, 2))
    api = api_for(kg_nurse)
    path = f"/booklets/distributions/{old.public_id}/replacement"
    assert api.post(path, {"reason": "damaged"}).status_code == 201
    assert list(errors_of(api.post(path, {"reason": "damaged"}))) == [None]


def test_a_hand_out_recorded_in_error_is_cancelled_and_the_turn_opens(kg_nurse, expecting):
    booklet = booklet_hand_out(by=kg_nurse, pregnancy=expecting, on=date(2025, 5, 2))
    api = api_for(kg_nurse)
    response = api.post(
        f"/booklets/distributions/{booklet.public_id}/cancellation", {"note": "wrong family"}
    )
    assert response.status_code == 200, response.content
    assert (response.json()["void_reason"], response.json()["voided_on"]) == (
        "recorded_in_error",
        TODAY.isoformat(),
    )
    [child] = api.post("/booklets/status", {"pregnancy_id": str(expecting.public_id)}).json()[
        "children"
    ]
    assert child["has_booklet"] is False and child["turn"]["step"] == 1


@pytest.mark.parametrize(("body", "field"), [({}, "note"), ({"note": "  "}, "note")])
def test_a_cancellation_needs_a_note(kg_nurse, expecting, body, field):
    booklet = booklet_hand_out(by=kg_nurse, pregnancy=expecting, on=date(2025, 5, 2))
    path = f"/booklets/distributions/{booklet.public_id}/cancellation"
    assert list(errors_of(api_for(kg_nurse).post(path, body))) == [field]


@pytest.mark.parametrize("action", ["replacement", "cancellation"])
def test_an_unknown_booklet_is_not_found(kg_nurse, action):
    path = f"/booklets/distributions/6b1c9a5e-3f0a-4c55-9d8e-2f4b1a7c0d11/{action}"
    response = api_for(kg_nurse).post(path, {"reason": "lost", "note": "x"})
    assert response.status_code == 404 and response.json()["code"] == "not_found"
