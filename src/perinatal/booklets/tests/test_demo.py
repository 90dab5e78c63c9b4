import pytest

from django.core.management import call_command
from django.utils import translation

from perinatal.accounts.models import User
from perinatal.accounts.roles import is_order_desk
from perinatal.booklets.models import Booklet, BookletOrder

pytestmark = pytest.mark.django_db


def test_demo_seed_makes_the_order_desk_a_kindboekje_and_an_order_once():
    with translation.override("en"):
        call_command("demo", "seed")
        call_command("demo", "seed")
    desk = User.objects.get(username="demo-orderdesk")
    assert is_order_desk(desk)
    assert desk.has_perm("booklets.view_booklet_monitoring")
    assert Booklet.objects.filter(pregnancy__mother__family_name="Demo-Gezin").count() == 1
    assert BookletOrder.objects.filter(ordered_by__username="demo-midwife").count() == 1
