"""What the subcommands share: the user they act as (`--as-user EMAIL`) and refusals shown
as a clear message."""

import argparse
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from ..submissions.errors import SubmissionRefused


def add_as_user_argument(parser) -> None:
    parser.add_argument(
        "--as-user",
        metavar="EMAIL",
        help="act as this user (e-mail address or user name); without it, as the operator",
    )


def acting_user(value: str | None) -> Any:
    if not value:
        return None
    users = get_user_model().objects.select_related("organisation")
    found = list(users.filter(email__iexact=value, is_active=True)[:2]) or list(
        users.filter(username=value, is_active=True)[:1]
    )
    if len(found) != 1:
        raise CommandError(_("No single active user %(user)s.") % {"user": value})
    return found[0]


def refused(exc: SubmissionRefused) -> CommandError:
    return CommandError(f"{exc.code}: {exc.message}")


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None
