"""E-mail through the task queue: `EMAIL_BACKEND = "perinatal.jobs.email.TaskEmailBackend"`
turns every message Django sends (the password reset, notifications) into a task, enqueued
when the transaction commits; a worker delivers it with `EMAIL_DELIVERY_BACKEND` (SMTP in
production) and tries again, up to five times, when the relay does not answer. A page never
waits for the mail relay and a relay that is down loses nothing."""

import base64
import logging
import smtplib
from collections.abc import Sequence
from datetime import timedelta
from functools import partial
from typing import Any

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from .constants import QUEUE_EMAIL

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_DELAY = timedelta(seconds=30)


def message_to_json(message: EmailMessage) -> dict[str, Any]:
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment  # MIMEBase attachments are not used here
        raw = content.encode() if isinstance(content, str) else content
        attachments.append([filename, base64.b64encode(raw).decode(), mimetype])
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [list(alt) for alt in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def message_from_json(data: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


@task(queue_name=QUEUE_EMAIL)
def send_email(message: dict[str, Any], attempt: int = 1) -> int:
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    try:
        return connection.send_messages([message_from_json(message)]) or 0
    except (smtplib.SMTPException, OSError) as exc:
        if attempt >= MAX_ATTEMPTS:
            logger.error("e-mail not delivered after %s attempts: %s", attempt, type(exc).__name__)
            raise
        when = timezone.now() + RETRY_DELAY * (2 ** (attempt - 1))
        send_email.using(run_after=when).enqueue(message, attempt + 1)
        logger.warning("e-mail delivery failed (%s); tried again later", type(exc).__name__)
        raise


class TaskEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            transaction.on_commit(partial(send_email.enqueue, message_to_json(message)))
        return len(email_messages)
