"""Notification e-mails leave through the task queue and a real `perinatal worker` process
to a real SMTP server on loopback (aiosmtpd): they arrive in each recipient's language (a
Dutch- and a French-speaking recipient), hold a link and nothing about the family, and a
recipient who switched the kind off gets none."""

import email
import socket
from email.message import Message
from email.policy import default

import pytest
from aiosmtpd.controller import Controller
from django_tasks_db.models import DBTaskResult

from django.test import override_settings

from perinatal.accounts.constants import Role
from perinatal.jobs.tests.workers import start_worker
from perinatal.notifications.models import EmailPreference

from . import support

pytestmark = pytest.mark.django_db(transaction=True)


class Inbox:
    """The SMTP server's handler: keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(email.message_from_bytes(envelope.content, policy=default))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def _body(message: Message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


@override_settings(EMAIL_BACKEND="perinatal.jobs.email.TaskEmailBackend")
def test_emails_arrive_at_the_smtp_server_in_each_recipients_language(
    audit_flushable, smtp, monkeypatch, tmp_path, midwife, persona
):
    controller, inbox = smtp
    dutch = persona(Role.KRAAMZORG_SERVICE, username="intake-nl", preferred_language="nl")
    french = persona(
        Role.KRAAMZORG_SERVICE,
        username="intake-fr",
        preferred_language="fr",
        organisation=dutch.organisation,
    )
    silent = persona(
        Role.KRAAMZORG_SERVICE, username="intake-silent", organisation=dutch.organisation
    )
    EmailPreference.objects.create(user=silent, kind="referral_received", by_email=False)
    support.refer(midwife, dutch)  # committed: the e-mails are enqueued at commit
    assert DBTaskResult.objects.filter(queue_name="email").count() == 2

    monkeypatch.setenv("TEST_SMTP_PORT", str(controller.port))
    worker = start_worker("smtp-worker", "--batch", log=tmp_path / "worker.log")
    assert worker.wait(timeout=120) == 0, (tmp_path / "worker.log").read_text()

    by_address = {message["To"]: message for message in inbox.messages}
    assert set(by_address) == {dutch.email, french.email}
    nl, fr = by_address[dutch.email], by_address[french.email]
    assert nl["Subject"] == "Een doorverwijzing voor je organisatie"
    assert fr["Subject"] == "Une orientation pour votre organisation"
    assert "Je organisatie ontving een doorverwijzing op het platform." in _body(nl)
    assert "Votre organisation a reçu une orientation sur la plateforme." in _body(fr)
    assert "http://localhost:8000/nl/notifications/" in _body(nl)
    assert "http://localhost:8000/fr/notifications/" in _body(fr)
    for message in (nl, fr):
        text = _body(message) + message["Subject"]
        for secret in (*support.SECRETS, "Aquarelle", midwife.username):
            assert secret not in text
