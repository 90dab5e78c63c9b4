"""The reader's inbox, its unread count and the e-mail preferences."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .kinds import Kind, kind_of, notification_kinds
from .models import EmailPreference, Notification

INBOX_PAGE = 50


@dataclass(frozen=True)
class InboxPage:
    items: list[Notification]
    older: str  # the public_id to ask the next (older) page with, or ""


def unread_count(user: Any) -> int:
    """One count on the partial index of unread rows."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def inbox(user: Any, *, before: Any = None) -> InboxPage:
    """A page of the user's inbox, newest first: the first page, or the items older than the
    user's own notification `before` (keyset on the inbox index; an unknown or another user's
    `before` gives the first page)."""
    rows = Notification.objects.filter(recipient=user)
    anchor = (
        Notification.objects.filter(recipient=user, public_id=before)
        .values("created_at", "id")
        .first()
        if before
        else None
    )
    if anchor is not None:
        rows = rows.filter(
            Q(created_at__lt=anchor["created_at"])
            | Q(created_at=anchor["created_at"], id__lt=anchor["id"])
        )
    items = list(rows.order_by("-created_at", "-id")[: INBOX_PAGE + 1])
    older = str(items[INBOX_PAGE - 1].public_id) if len(items) > INBOX_PAGE else ""
    return InboxPage(items=items[:INBOX_PAGE], older=older)


def notification_for(user: Any, public_id: Any) -> Notification:
    """The user's own notification; `Notification.DoesNotExist` for anyone else's."""
    return Notification.objects.get(recipient=user, public_id=public_id)


def text_of(notification: Notification) -> str:
    """The message in the active language (the reader's), from its msgid and parameters."""
    try:
        return _(notification.message) % notification.params
    except (KeyError, TypeError, ValueError):
        return _(notification.message)


def link_of(notification: Notification) -> str | None:
    try:
        return reverse(notification.link_name, args=notification.link_args)
    except NoReverseMatch:
        return None


def wants_email(user: Any, kind: Kind) -> bool:
    chosen = (
        EmailPreference.objects.filter(user=user, kind=kind.key)
        .values_list("by_email", flat=True)
        .first()
    )
    return kind.email_default if chosen is None else chosen


@dataclass(frozen=True)
class Preference:
    kind: Kind
    by_email: bool


def email_preferences(user: Any) -> list[Preference]:
    chosen = dict(EmailPreference.objects.filter(user=user).values_list("kind", "by_email"))
    return [
        Preference(kind, chosen.get(kind.key, kind.email_default)) for kind in notification_kinds
    ]


def label_of(notification: Notification) -> str:
    kind = kind_of(notification.kind)
    return str(kind.label) if kind else notification.kind
