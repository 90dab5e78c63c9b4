"""Parents linked to families, for the tests of the parents' space."""

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import make_persona

from ..models import ParentLink


def linked_parent(pregnancy, user=None, **user_fields):
    """A parent account linked to `pregnancy` (a new one unless `user` is given)."""
    user = user or make_persona(Role.PARENT, **user_fields)
    ParentLink.objects.create(pregnancy=pregnancy, user=user)
    return user
