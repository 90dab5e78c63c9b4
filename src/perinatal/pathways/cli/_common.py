"""What the subcommands share: the administrator who acts (`--by`) and the pregnancy named
by its public id, each refused with a clear message."""

from typing import Any
from uuid import UUID

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_administrator

from ..models import Pregnancy


def add_by_argument(parser) -> None:
    parser.add_argument(
        "--by",
        required=True,
        metavar="USERNAME",
        help="the administrator acting on the family's request (written to the access log)",
    )


def administrator(username: str) -> Any:
    user = get_user_model().objects.filter(username=username).first()
    if user is None or not user.is_active:
        raise CommandError(_("No active user %(username)s.") % {"username": username})
    if not is_administrator(user):
        raise CommandError(
            _("%(username)s is not an administrator: only an administrator may do this.")
            % {"username": username}
        )
    return user


def public_id(value: str) -> UUID:
    try:
        return UUID(value)
    except (TypeError, ValueError):
        raise CommandError(
            _("%(value)s is not the id of a family record.") % {"value": value}
        ) from None


def pregnancy(value: str, *, pseudonymised: bool = False) -> Pregnancy:
    """The pregnancy with this public id (pseudonymised ones only when asked for)."""
    found = Pregnancy.objects.filter(public_id=public_id(value))
    if not pseudonymised:
        found = found.filter(pseudonymised_at__isnull=True)
    result = found.select_related("mother", "partner", "lead_organisation").first()
    if result is None:
        raise CommandError(_("No family record with the id %(value)s.") % {"value": value})
    return result
