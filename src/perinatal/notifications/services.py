"""Telling people: the one function an app's service calls inside its transaction
(`notify`), the e-mail to an address without an account (`notify_address`), and the
reader's own writes (mark read, mark all read, e-mail preferences).

`notify` creates the inbox rows in the caller's transaction; the e-mails of the recipients
who want this kind by e-mail are sent at commit (through the task queue), so a rolled-back
change tells nobody. With `once_key`, a recipient gets the notification once: the database's
unique constraint decides, also between two schedulers."""

from collections.abc import Callable, Iterable
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.core.refusals import NoAccess

from .emails import email_address, email_notification
from .kinds import notification_kinds
from .models import EmailPreference, Notification
from .selectors import wants_email


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    about: models.Model,
    link: tuple[str, list[Any]],
    params: dict[str, str] | None = None,
    once_key: str | None = None,
    message: str | None = None,
) -> list[Notification]:
    """Tell each active recipient (once each) about `about`; `link` is the URL name and
    arguments of the page where it is handled; `message` a msgid (gettext_noop) instead of
    the kind's own. Returns the notifications created."""
    definition = notification_kinds[kind]
    link_name, link_args = link
    made = []
    seen = set()
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        values = {
            "recipient": user,
            "kind": kind,
            "message": message or definition.message,
            "params": params or {},
            "about_type": about._meta.label_lower,
            "about_id": str(about.pk),
            "link_name": link_name,
            "link_args": [str(arg) for arg in link_args],
            "once_key": once_key,
        }
        if once_key is not None:
            if Notification.objects.filter(recipient=user, once_key=once_key).exists():
                continue
            try:
                with transaction.atomic():
                    notification = Notification.objects.create(**values)
            except IntegrityError:
                continue  # another run told this recipient first
        else:
            notification = Notification.objects.create(**values)
        made.append(notification)
        if user.email and wants_email(user, definition):
            email_notification(notification, definition)
    return made


def notify_address(*, to: str, language: str, write: Callable[[], tuple[str, list[str]]]) -> None:
    """An e-mail to a person without an account, in `language`, sent at commit."""
    if to:
        email_address(to=to, language=language, write=write)


def notification_read(*, by: Any, notification: Notification) -> Notification:
    if notification.recipient_id != by.pk:
        raise NoAccess(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_all_read(*, by: Any) -> int:
    return Notification.objects.filter(recipient=by, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def email_preferences_save(*, by: Any, chosen: Iterable[str]) -> None:
    """`chosen`: the kinds the user wants by e-mail; every other registered kind is off."""
    wanted = set(chosen)
    for kind in notification_kinds:
        EmailPreference.objects.update_or_create(
            user=by, kind=kind.key, defaults={"by_email": kind.key in wanted}
        )
