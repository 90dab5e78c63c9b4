"""The demo data that `make run` loads gives every role at least one item of each kind on its
home page, relative to today (issue 15: "so a newcomer sees a real day")."""

import pytest

from django.test import Client

from perinatal.accounts.demo import DEMO_USERNAMES, demo_seed
from perinatal.accounts.models import User
from perinatal.accounts.tests.factories import logged_in_client
from perinatal.booklets.demo import DEMO_ORDER_DESK

pytestmark = pytest.mark.django_db

ROLES = sorted({*DEMO_USERNAMES.values(), DEMO_ORDER_DESK} - {"demo-coordinator"})


@pytest.fixture
def demo_day(db):
    """The demo seed over a directory of one service (`make run` loads the Brussels one)."""
    from perinatal.directory.tests.factories import ServiceFactory

    ServiceFactory()
    demo_seed()


def home_of(username: str):
    user = User.objects.get(username=username)
    response = logged_in_client(user, client=Client()).get("/nl/work/")
    assert response.status_code == 200
    return response.context["home"]


@pytest.mark.parametrize("username", ROLES)
def test_every_section_of_every_demo_home_has_an_item(demo_day, username):
    home = home_of(username)
    assert home.sections, username
    empty = [s.key for s in home.sections if not s.items]
    assert empty == [], f"{username}: nothing in {empty}"


def test_a_second_seed_adds_nothing(demo_day):
    before = home_of("demo-kg").count
    demo_seed()
    assert home_of("demo-kg").count == before
