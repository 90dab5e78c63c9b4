"""The notification e-mails, written in the recipient's language and sent at commit through
Django's e-mail (the task queue's backend: `jobs/email.py`). They hold the kind's sentence
and a link, nothing about the family (decision 0030)."""

from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .kinds import Kind
from .models import Notification

LANGUAGES = ("nl", "fr", "en")


def language_of(code: str | None) -> str:
    return code if code in LANGUAGES else settings.LANGUAGE_CODE[:2]


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _send_at_commit(subject: str, body: str, to: str) -> None:
    message = EmailMessage(subject=subject, body=body, to=[to])
    transaction.on_commit(partial(message.send, fail_silently=False))


def email_notification(notification: Notification, kind: Kind) -> None:
    """The e-mail telling `notification.recipient` to look at the inbox item."""
    user = notification.recipient
    with translation.override(language_of(user.preferred_language)):
        link = absolute(reverse("notifications:open", args=[notification.public_id]))
        body = "\n\n".join(
            [
                str(kind.email_text),
                _("Open it on the platform (after logging in): %(link)s") % {"link": link},
                _("You receive this e-mail because you chose it on your notification settings:")
                + " "
                + absolute(reverse("notifications:preferences")),
            ]
        )
        _send_at_commit(str(kind.subject), body, user.email)


def email_address(*, to: str, language: str, write: Callable[[], tuple[str, list[str]]]) -> None:
    """An e-mail to someone without an account (a parent who gave an address): `write()`
    returns its subject and lines, and is called in `language`."""
    with translation.override(language_of(language)):
        subject, lines = write()
        _send_at_commit(str(subject), "\n\n".join(str(line) for line in lines), to)
