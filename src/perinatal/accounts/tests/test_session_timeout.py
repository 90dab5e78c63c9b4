"""Idle and absolute session timeouts (SESSION_IDLE_TIMEOUT, SESSION_ABSOLUTE_TIMEOUT)."""

from datetime import timedelta

import pytest
import time_machine

from django.urls import reverse
from django.utils import timezone

from perinatal.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


IDLE = 30 * 60
ABSOLUTE = 10 * 60 * 60


@pytest.fixture(autouse=True)
def timeouts(settings):
    settings.SESSION_IDLE_TIMEOUT = IDLE
    settings.SESSION_ABSOLUTE_TIMEOUT = ABSOLUTE


def logged_in(client) -> bool:
    return client.get(reverse("accounts:home")).status_code == 200


@pytest.mark.parametrize(
    ("pause", "still_logged_in"),
    [(timedelta(minutes=1), True), (timedelta(minutes=29), True), (timedelta(minutes=31), False)],
)
def test_idle_timeout(client, parent, pause, still_logged_in):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.post(reverse("accounts:login"), {"username": parent.username, "password": PASSWORD})
        assert logged_in(client)
        clock.shift(pause)
        assert logged_in(client) is still_logged_in


def test_activity_keeps_the_session_until_the_absolute_timeout(client_for, analyst):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = client_for(analyst)
        for _ in range(ABSOLUTE // (20 * 60)):  # a request every 20 minutes for 10 hours
            assert logged_in(client)
            clock.shift(timedelta(minutes=20))
        clock.shift(timedelta(minutes=1))
        assert not logged_in(client)


def test_login_page_says_the_session_expired(client, parent):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.post(reverse("accounts:login"), {"username": parent.username, "password": PASSWORD})
        clock.shift(timedelta(minutes=31))
        response = client.get("/en/account/", follow=True)
    assert response.request["PATH_INFO"] == "/en/account/login/"
    assert "Your session has expired" in response.content.decode()
    # Said once only.
    assert "Your session has expired" not in client.get("/en/account/login/").content.decode()


def test_login_page_without_a_timeout_says_nothing_about_expiry(client):
    assert "Your session has expired" not in client.get("/en/account/login/").content.decode()


def test_a_new_login_restarts_the_absolute_clock(client, parent):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.post(reverse("accounts:login"), {"username": parent.username, "password": PASSWORD})
        for _ in range(29):  # 9 h 40 min of activity
            clock.shift(timedelta(minutes=20))
            assert logged_in(client)
        client.post(reverse("accounts:logout"))
        client.post(reverse("accounts:login"), {"username": parent.username, "password": PASSWORD})
        clock.shift(timedelta(minutes=25))  # 10 h 5 min after the first login
        assert logged_in(client)
