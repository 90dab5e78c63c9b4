"""The order pages: a midwife's order form and "my orders" with the practice's stock, a
parent's order form and their orders; who may open them; NL/FR/EN."""

from datetime import date, timedelta

import pytest

from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from perinatal.booklets.models import BookletOrder
from perinatal.booklets.views.orders import PARENT_ORDER_RATE

from .orders_support import (
    MIDWIFE_FORM,
    PARENT_FORM,
    child_number,
    delivered,
    family_with_numbers,
    hand_outs,
)

pytestmark = pytest.mark.django_db
OTHERS = ["kg_nurse", "hospital_user", "provider", "kraamzorg_user", "editor", "analyst"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def url(name: str, lang: str = "nl") -> str:
    with translation.override(lang):
        return reverse(f"booklets:{name}")


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("order_new", {"midwife"}),
        ("orders_mine", {"midwife", "parent"}),
        ("parent_order", {"parent"}),
    ],
)
@pytest.mark.parametrize("who", ["midwife", "parent", "order_desk", "admin_user", *OTHERS])
def test_each_persona_opens_only_its_order_pages(request, client_for, name, allowed, who):
    response = client_for(request.getfixturevalue(who)).get(url(name))
    assert response.status_code == (200 if who in allowed else 403)


@pytest.mark.parametrize("name", ["order_new", "orders_mine", "parent_order"])
def test_anonymous_visitors_are_sent_to_the_login(client, name):
    response = client.get(url(name))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_midwife_without_the_second_factor_cannot_order(client_for, midwife):
    response = client_for(midwife, verified=False).post(url("order_new"), MIDWIFE_FORM)
    assert response.status_code == 302 and "/two-factor/" in response["Location"]
    assert not BookletOrder.objects.exists()


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_the_order_pages_exist_in_three_languages(client_for, midwife, parent, lang):
    for user, name in ((midwife, "order_new"), (midwife, "orders_mine"), (parent, "parent_order")):
        response = client_for(user).get(url(name, lang))
        assert response.status_code == 200
        assert f'<html lang="{lang}"' in response.content.decode()


def test_a_midwife_orders_and_sees_the_order_in_my_orders(client_for, midwife):
    browser = client_for(midwife)
    response = browser.post(url("order_new"), MIDWIFE_FORM | {"declared_births_six_months": "12"})
    assert response.status_code == 302 and response["Location"] == url("orders_mine")
    order = BookletOrder.objects.get()
    assert (order.kindboekjes, order.practice_name, order.organisation) == (
        10,
        "Vroedvrouwenpraktijk De Wieg",
        midwife.organisation,
    )
    page = browser.get(url("orders_mine")).content.decode()
    assert 'data-status="submitted"' in page and "Vroedvrouwenpraktijk De Wieg" in page


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"kindboekjes": "51", "declared_births_six_months": "60"}, "order_too_large"),
        ({"practice_name": "", "declared_births_six_months": "5"}, "missing_practice"),
        ({"independent_midwife": "", "declared_births_six_months": "5"}, "missing_practice"),
    ],
)
def test_a_refused_order_shows_the_code_and_stores_nothing(client_for, midwife, changes, code):
    data = {k: v for k, v in (MIDWIFE_FORM | changes).items() if v != ""}
    response = client_for(midwife).post(url("order_new"), data)
    assert response.status_code == 422
    assert f'<code class="refusal-code" hidden>{code}</code>' in response.content.decode()
    assert not BookletOrder.objects.exists()


def test_an_order_over_six_months_of_need_is_kept_as_refused(client_for, midwife):
    hand_outs(midwife, [date.today() - timedelta(days=5)])
    with translation.override("en"):
        response = client_for(midwife).post(url("order_new", "en"), MIDWIFE_FORM)
    page = response.content.decode()
    assert response.status_code == 422
    assert "over_six_months_need" in page and "need of 1 over six months" in page
    assert BookletOrder.objects.get().status == "refused"


def test_without_history_the_form_asks_for_the_declared_births(client_for, midwife):
    response = client_for(midwife).post(url("order_new"), MIDWIFE_FORM)
    assert response.status_code == 400
    assert "declared_births_six_months" in response.context["form"].errors


def test_my_orders_shows_the_practice_stock(client_for, midwife, order_desk):
    delivered(midwife, order_desk, 6, declared_births=6)
    hand_outs(midwife, [date.today() - timedelta(days=d) for d in (1, 2)])
    page = client_for(midwife).get(url("orders_mine")).content.decode()
    assert '<dd class="stock-delivered">6</dd>' in page
    assert '<dd class="stock-handed-out">2</dd>' in page
    assert '<dd class="stock-now">4</dd>' in page


def test_a_parent_orders_for_a_child_and_sees_the_order(client_for, parent):
    browser = client_for(parent)
    response = browser.post(url("parent_order"), PARENT_FORM | {"national_number": child_number(5)})
    assert response.status_code == 302 and response["Location"] == url("orders_mine")
    order = BookletOrder.objects.get()
    assert (order.kind, order.ordered_by, order.area_nis) == ("parent", parent, "40000")
    page = browser.get(url("orders_mine")).content.decode()
    assert 'data-status="submitted"' in page and child_number(5) not in page


def test_a_parent_is_refused_generically_and_the_number_is_not_shown_back(
    client_for, parent, kg_nurse
):
    from perinatal.booklets.services import booklet_hand_out

    pregnancy = family_with_numbers(kg_nurse, mother_serial=1, child_serials=(2,))
    booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=date.today())
    number = child_number(2)
    response = client_for(parent).post(
        url("parent_order"), PARENT_FORM | {"national_number": number}
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "refusal-message" in page and number not in page
    assert "refusal-code" not in page  # no code, no provider, no date for a parent
    assert date.today().strftime("%d/%m/%Y") not in page
    assert not BookletOrder.objects.exists()


def test_one_kindboekje_per_child_on_the_parent_form(client_for, parent):
    browser = client_for(parent)
    data = PARENT_FORM | {"national_number": child_number(6)}
    assert browser.post(url("parent_order"), data).status_code == 302
    assert browser.post(url("parent_order"), data).status_code == 422
    assert BookletOrder.objects.count() == 1


def test_the_parent_form_is_rate_limited(client_for, parent):
    allowed = int(PARENT_ORDER_RATE.split("/")[0])
    browser = client_for(parent)
    statuses = [
        browser.post(url("parent_order"), PARENT_FORM | {"national_number": "1"}).status_code
        for _ in range(allowed + 1)
    ]
    assert statuses[:allowed] == [400] * allowed
    assert statuses[-1] == 429
    assert browser.get(url("parent_order")).status_code == 200  # reading stays possible
