"""Writes on accounts that other code calls."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .constants import Role
from .models import User

EDITORS_GROUP = "Directory editors"


@transaction.atomic
def editors_group_get_or_create() -> Group:
    """The group holding every model permission of the directory app (admin, `perms` checks)."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    wanted = set(Permission.objects.filter(content_type__app_label="directory"))
    if missing := wanted - set(group.permissions.all()):
        group.permissions.add(*missing)
    return group


def user_role_groups_grant(*, user: User) -> None:
    """Give a user the groups that go with the role (a directory editor: the editors group).
    The role itself is what views check, through `accounts.roles` (`is_directory_editor`)."""
    if user.role == Role.DIRECTORY_EDITOR:
        user.groups.add(editors_group_get_or_create())
