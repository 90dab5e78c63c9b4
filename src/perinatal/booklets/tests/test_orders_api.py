"""Booklet orders through the API: a midwife's orders and a new one, the order desk's list,
one order and the decision; refusals 422 with the code; every other persona refused."""

from datetime import date, timedelta

import pytest

from perinatal.accounts.tests.network import NETWORK_PERSONAS
from perinatal.booklets.models import BookletOrder
from perinatal.pathways.tests.api_support import api_for

from .orders_support import child_number, hand_outs, midwife_order, parent_order

pytestmark = pytest.mark.django_db
REFUSED_PERSONAS = [
    "kg_nurse",
    "hospital_user",
    "provider",
    "kraamzorg_user",
    "editor",
    "analyst",
    "admin_user",
    "parent",
    *NETWORK_PERSONAS,
]
BODY = {
    "practice_name": "Vroedvrouwenpraktijk De Wieg",
    "independent_midwife": True,
    "kindboekjes": 10,
    "zwangerschapsboekjes": 4,
    "declared_births_six_months": 12,
    "ship_to": {
        "name": "Vroedvrouwenpraktijk De Wieg",
        "street": "Gentsesteenweg 1",
        "postcode": "1080",
        "municipality": "Molenbeek-Saint-Jean",
    },
}


@pytest.mark.parametrize("who", REFUSED_PERSONAS)
def test_other_personas_are_refused_every_order_operation(request, midwife, who):
    order = midwife_order(midwife, 3, declared_births=3)
    api = api_for(request.getfixturevalue(who))
    assert api.get("/booklets/orders").status_code == 403
    assert api.post("/booklets/orders", BODY).status_code == 403
    assert api.get(f"/booklets/orders/{order.public_id}").status_code == 403
    decision = api.post(f"/booklets/orders/{order.public_id}/decision", {"status": "approved"})
    assert decision.status_code == 403 and decision.json()["code"] == "forbidden"
    assert BookletOrder.objects.count() == 1
    order.refresh_from_db()
    assert order.status == "submitted"


def test_without_a_token_the_api_answers_401(client):
    assert client.get("/api/v1/booklets/orders").status_code == 401


def test_a_midwife_orders_and_lists_her_practice_orders(midwife, persona):
    from perinatal.accounts.constants import Role

    other = persona(Role.INDEPENDENT_MIDWIFE, username="other-midwife")
    midwife_order(other, 2, declared_births=2)
    api = api_for(midwife)
    created = api.post("/booklets/orders", BODY)
    assert created.status_code == 201
    body = created.json()
    assert (body["status"], body["kindboekjes"], body["opvolging_boekjes"]) == ("submitted", 10, 4)
    assert (body["need_six_months"], body["need_basis"], body["area_nis"]) == (
        12,
        "declared",
        "04000",
    )
    listed = api.get("/booklets/orders").json()
    assert [o["id"] for o in listed] == [body["id"]]
    assert api.get(f"/booklets/orders/{body['id']}").status_code == 200
    others = BookletOrder.objects.get(organisation=other.organisation)
    assert api.get(f"/booklets/orders/{others.public_id}").status_code == 404


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"kindboekjes": 51, "declared_births_six_months": 60}, "order_too_large"),
        ({"practice_name": ""}, "missing_practice"),
        ({"independent_midwife": False}, "missing_practice"),
    ],
)
def test_refusals_answer_422_with_the_code_and_store_nothing(midwife, changes, code):
    response = api_for(midwife).post("/booklets/orders", BODY | changes)
    assert response.status_code == 422 and response.json()["code"] == code
    assert not BookletOrder.objects.exists()


@pytest.mark.parametrize(("quantity", "status"), [(2, 201), (3, 422)])
def test_the_six_month_edge_through_the_api(midwife, quantity, status):
    hand_outs(midwife, [date.today() - timedelta(days=d) for d in (3, 4)])
    body = BODY | {"kindboekjes": quantity, "declared_births_six_months": None}
    response = api_for(midwife).post("/booklets/orders", body)
    assert response.status_code == status
    order = BookletOrder.objects.get()
    if status == 422:
        answer = response.json()
        assert answer["code"] == "over_six_months_need"
        assert answer["order_id"] == str(order.public_id)
        assert (answer["need"], answer["quantity"], answer["basis"]) == (2, 3, "history")
        assert order.status == "refused"


def test_wrong_input_names_the_body_fields(midwife):
    body = BODY | {
        "declared_births_six_months": None,
        "ship_to": BODY["ship_to"] | {"postcode": "X1"},
    }
    response = api_for(midwife).post("/booklets/orders", body)
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"ship_to.postcode"}


def test_the_desk_lists_every_order_filtered_by_status(order_desk, midwife, parent):
    submitted = midwife_order(midwife, 3, declared_births=10)
    from_parent = parent_order(parent, child_number(1))
    api = api_for(order_desk)
    every = {o["id"] for o in api.get("/booklets/orders").json()}
    assert every == {str(submitted.public_id), str(from_parent.public_id)}
    assert api.get("/booklets/orders?status=refused").json() == []
    parents = api.get("/booklets/orders?kind=parent").json()
    assert [o["child_order"] for o in parents] == [1]
    assert "subject_hash" not in parents[0] and child_number(1) not in str(parents)


def test_the_desk_decides_through_the_api(order_desk, midwife):
    order = midwife_order(midwife, 3, declared_births=3)
    api = api_for(order_desk)
    path = f"/booklets/orders/{order.public_id}/decision"
    invalid = api.post(path, {"status": "shipped"})
    assert invalid.status_code == 422 and invalid.json()["code"] == "invalid_input"
    no_reason = api.post(path, {"status": "refused"})
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "reason"
    approved = api.post(path, {"status": "approved"})
    assert approved.status_code == 200 and approved.json()["order"]["status"] == "approved"
    assert api.post(path, {"status": "shipped"}).json()["order"]["status"] == "shipped"
    delivered = api.post(path, {"status": "delivered"}).json()
    assert delivered["order"]["status"] == "delivered" and delivered["booklet_id"] is None


def test_a_midwife_cannot_decide_on_her_own_order(midwife):
    order = midwife_order(midwife, 3, declared_births=3)
    response = api_for(midwife).post(
        f"/booklets/orders/{order.public_id}/decision", {"status": "approved"}
    )
    assert response.status_code == 403


def test_the_orders_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/booklets/orders"])
    assert "get" in paths["/api/v1/booklets/orders/{order_id}"]
    assert "post" in paths["/api/v1/booklets/orders/{order_id}/decision"]


def test_the_order_desk_does_not_place_practice_orders(order_desk):
    assert api_for(order_desk).post("/booklets/orders", BODY).status_code == 403
    assert not BookletOrder.objects.exists()
