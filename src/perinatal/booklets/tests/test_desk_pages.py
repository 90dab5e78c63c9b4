"""The order desk's pages: the queue by status with filters, an order with its six-month
figures, and the decisions; only for the order desk."""

from datetime import date, timedelta

import pytest

from django.urls import reverse
from django.utils import translation

from perinatal.audit.models import AccessEvent
from perinatal.booklets.models import BookletOrder
from perinatal.booklets.services import OrderRefused

from .orders_support import SHIP_TO, child_number, hand_outs, midwife_order, parent_order

pytestmark = pytest.mark.django_db
PERSONAS = [
    "order_desk",
    "kg_nurse",
    "midwife",
    "hospital_user",
    "provider",
    "kraamzorg_user",
    "editor",
    "analyst",
    "admin_user",
    "parent",
]


def desk_url(lang: str = "nl") -> str:
    with translation.override(lang):
        return reverse("booklets:desk")


def order_url(order: BookletOrder, lang: str = "nl") -> str:
    with translation.override(lang):
        return reverse("booklets:desk_order", kwargs={"public_id": order.public_id})


def refused_order(midwife) -> BookletOrder:
    hand_outs(midwife, [date.today() - timedelta(days=4)])
    with pytest.raises(OrderRefused) as refused:
        midwife_order(midwife, 9)
    return refused.value.order


@pytest.mark.parametrize("who", PERSONAS)
def test_only_the_order_desk_opens_the_desk(request, client_for, midwife, who):
    order = midwife_order(midwife, 3, declared_births=3)
    browser = client_for(request.getfixturevalue(who))
    expected = 200 if who == "order_desk" else 403
    assert browser.get(desk_url()).status_code == expected
    assert browser.get(order_url(order)).status_code == expected
    response = browser.post(order_url(order), {"status": "approved"})
    assert response.status_code == (302 if who == "order_desk" else 403)
    order.refresh_from_db()
    assert order.status == ("approved" if who == "order_desk" else "submitted")


def test_the_desk_needs_the_second_factor(client_for, order_desk):
    response = client_for(order_desk, verified=False).get(desk_url())
    assert response.status_code == 302 and "/two-factor/" in response["Location"]


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_the_queue_filters_by_status_and_kind(client_for, order_desk, midwife, parent, lang):
    submitted = midwife_order(midwife, 3, declared_births=20)
    refused = refused_order(midwife)
    from_parent = parent_order(parent, child_number(3))
    browser = client_for(order_desk)
    queue = browser.get(desk_url(lang), {"status": "refused"})
    assert queue.status_code == 200
    assert [o.pk for o in queue.context["page"].object_list] == [refused.pk]
    by_kind = browser.get(desk_url(lang), {"kind": "parent"}).context["page"].object_list
    assert [o.pk for o in by_kind] == [from_parent.pk]
    everything = browser.get(desk_url(lang)).context["page"].object_list
    assert {o.pk for o in everything} == {submitted.pk, refused.pk, from_parent.pk}
    assert f'<html lang="{lang}"' in queue.content.decode()


def test_the_queue_filters_by_region_and_practice(client_for, order_desk, midwife):
    from perinatal.booklets.services import ShipTo

    gent = ShipTo(name="P", street="S 1", postcode="9000", municipality="Gent")
    in_gent = midwife_order(midwife, 2, declared_births=10, ship_to=gent)
    midwife_order(midwife, 2, declared_births=10, ship_to=SHIP_TO, practice_name="Andere praktijk")
    browser = client_for(order_desk)
    found = browser.get(desk_url(), {"area": "40000"}).context["page"].object_list
    assert [o.pk for o in found] == [in_gent.pk]
    found = browser.get(desk_url(), {"q": "andere"}).context["page"].object_list
    assert [o.practice_name for o in found] == ["Andere praktijk"]


def test_the_order_page_shows_the_need_figures(client_for, order_desk, midwife):
    order = refused_order(midwife)
    page = client_for(order_desk).get(order_url(order)).content.decode()
    assert '<dd class="need">1</dd>' in page
    assert '<dd class="stock">-1 (' in page
    assert '<dd class="order-kindboekjes">9</dd>' in page
    assert "over_six_months_need" in page


def test_the_desk_approves_an_exception_with_a_reason(client_for, order_desk, midwife):
    order = refused_order(midwife)
    browser = client_for(order_desk)
    response = browser.post(order_url(order), {"status": "approved"})
    assert response.status_code == 400 and "reason" in response.context["form"].errors
    response = browser.post(order_url(order), {"status": "approved", "reason": "new practice"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert (order.status, order.exception_reason) == ("approved", "new practice")


def test_the_desk_refuses_with_a_reason_then_the_order_is_closed(client_for, order_desk, midwife):
    order = midwife_order(midwife, 3, declared_births=3)
    browser = client_for(order_desk)
    assert browser.post(order_url(order), {"status": "refused"}).status_code == 400
    response = browser.post(order_url(order), {"status": "refused", "reason": "not a midwife"})
    assert response.status_code == 302
    page = browser.get(order_url(order))
    assert page.context["form"].fields["status"].choices == []
    assert browser.post(order_url(order), {"status": "approved", "reason": "x"}).status_code == 400
    order.refresh_from_db()
    assert (order.status, order.refusal_reason) == ("refused", "not a midwife")


def test_an_order_goes_shipped_then_delivered(client_for, order_desk, midwife):
    order = midwife_order(midwife, 3, declared_births=3)
    browser = client_for(order_desk)
    assert browser.post(order_url(order), {"status": "delivered"}).status_code == 400
    for status in ("approved", "shipped", "delivered"):
        assert browser.post(order_url(order), {"status": status}).status_code == 302
    order.refresh_from_db()
    assert order.status == "delivered" and order.delivered_at is not None


def test_reading_a_parents_order_at_the_desk_is_logged(client_for, order_desk, parent):
    order = parent_order(parent, child_number(4))
    page = client_for(order_desk).get(order_url(order)).content.decode()
    assert "Kerkstraat 2" in page and child_number(4) not in page
    assert AccessEvent.objects.filter(
        actor_username="order-desk", record_id=str(order.public_id), basis="booklet"
    ).exists()


def test_an_unknown_order_is_404(client_for, order_desk):
    with translation.override("nl"):
        missing = reverse(
            "booklets:desk_order", kwargs={"public_id": "00000000-0000-4000-8000-000000000000"}
        )
    assert client_for(order_desk).get(missing).status_code == 404
