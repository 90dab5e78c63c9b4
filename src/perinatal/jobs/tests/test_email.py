"""E-mail goes through the queue: nothing leaves before the commit, the worker delivers it,
and a relay that does not answer means another try later, not a lost message."""

import socket

import pytest
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from perinatal.jobs.email import message_from_json, message_to_json
from perinatal.jobs.testing import run_pending_tasks

pytestmark = pytest.mark.django_db(transaction=True)

QUEUED = override_settings(
    EMAIL_BACKEND="perinatal.jobs.email.TaskEmailBackend",
    EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend",
)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _send() -> None:
    message = mail.EmailMultiAlternatives(
        "Uw wachtwoord", "Klik hier", "noreply@perinatal.localhost", ["ouder@example.be"]
    )
    message.attach_alternative("<p>Klik hier</p>", "text/html")
    message.attach("regels.txt", "tekst", "text/plain")
    message.send()


@QUEUED
def test_a_message_is_queued_at_commit_and_delivered_by_the_worker():
    with transaction.atomic():
        _send()
        assert not DBTaskResult.objects.exists()
    assert mail.outbox == []
    assert DBTaskResult.objects.get().queue_name == "email"
    run_pending_tasks()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert (sent.subject, sent.to, sent.body) == (
        "Uw wachtwoord",
        ["ouder@example.be"],
        "Klik hier",
    )
    assert sent.alternatives[0][1] == "text/html"
    assert sent.attachments[0][0] == "regels.txt"


def test_a_message_survives_the_round_trip_through_json():
    message = mail.EmailMessage("S", "B", "a@example.be", ["b@example.be"], cc=["c@example.be"])
    again = message_from_json(message_to_json(message))
    assert (again.subject, again.body, again.to, again.cc) == (
        "S",
        "B",
        ["b@example.be"],
        ["c@example.be"],
    )


@override_settings(
    EMAIL_BACKEND="perinatal.jobs.email.TaskEmailBackend",
    EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST="127.0.0.1",
    EMAIL_TIMEOUT=2,
)
def test_a_relay_that_does_not_answer_means_another_try_later():
    with override_settings(EMAIL_PORT=_closed_port()):
        _send()
        run_pending_tasks()
    first = DBTaskResult.objects.get(status="FAILED")
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > timezone.now()
    assert retry.args_kwargs["args"][1] == 2  # the second attempt
    assert first.exception_class_path.endswith("ConnectionRefusedError")
