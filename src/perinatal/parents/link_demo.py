"""Linking's part of the demo data: the demo parent (`demo-parent`) is linked to the demo family
the demo midwife registered and the demo Kind en Gezin team cares for (`pathways/demo.py`), as
it would be: the midwife gives a code, the parent enters it with the mother's date of birth.
Found again by the link (ended or not), so a second run changes nothing; no code is left over
(a code is shown once, to whoever made it). Registered with `accounts.demo.demo_seeds`."""

from perinatal.accounts.constants import Role
from perinatal.accounts.demo import DEMO_USERNAMES, DemoLogin, demo_seeds
from perinatal.accounts.models import User
from perinatal.pathways.demo import DEMO_FAMILY_NAME, DEMO_MOTHER_BIRTH_DATE
from perinatal.pathways.models import Person, Pregnancy

from .models import ParentLink
from .services.linking import issue, redeem


def parents_demo_seed() -> list[DemoLogin]:
    midwife = User.objects.get(username=DEMO_USERNAMES[Role.INDEPENDENT_MIDWIFE])
    parent = User.objects.get(username=DEMO_USERNAMES[Role.PARENT])
    family = (
        Pregnancy.objects.select_related("mother")
        .filter(lead_organisation=midwife.organisation, mother__family_name=DEMO_FAMILY_NAME)
        .first()
    )
    if family is None or ParentLink.objects.filter(pregnancy=family, user=parent).exists():
        return []
    if family.mother.birth_date is None:  # a demo family made before it had one
        Person.objects.filter(pk=family.mother_id).update(birth_date=DEMO_MOTHER_BIRTH_DATE)
        family.mother.birth_date = DEMO_MOTHER_BIRTH_DATE
    given = issue(pregnancy=family, by=midwife)
    redeem(user=parent, code=given.code, mother_birth_date=DEMO_MOTHER_BIRTH_DATE)
    return []


def register() -> None:
    """Called once from `ParentsConfig.ready()`."""
    demo_seeds.register("parents", parents_demo_seed)
