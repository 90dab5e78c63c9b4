"""The demo parent's link to the demo family (`pathways/demo.py`'s "Demo-Gezin"), so that "My
first 1000 days" is in the demo and reached from the parent's home; once: a second run
changes nothing. Registered with `accounts.demo.demo_seeds`."""

from perinatal.accounts.constants import Role
from perinatal.accounts.demo import DEMO_USERNAMES, DemoLogin, demo_seeds
from perinatal.accounts.models import User
from perinatal.pathways.demo import DEMO_FAMILY_NAME
from perinatal.pathways.models import Pregnancy

from .models import ParentLink


def parents_timeline_demo_seed() -> list[DemoLogin]:
    parent = User.objects.filter(username=DEMO_USERNAMES[Role.PARENT]).first()
    family = Pregnancy.objects.filter(mother__family_name=DEMO_FAMILY_NAME).order_by("id").first()
    if parent is None or family is None:
        return []
    if not ParentLink.objects.filter(user=parent, ended_at__isnull=True).exists():
        ParentLink.objects.create(pregnancy=family, user=parent)
    return []


demo_seeds.register("parents-timeline", parents_timeline_demo_seed)
