"""Lockout: 5 failed logins (passwords or codes) in 15 minutes per user name and address."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from perinatal.accounts.lockout import client_ip
from perinatal.accounts.tests.factories import PASSWORD, current_totp_code

pytestmark = pytest.mark.django_db

HOME = "10.0.0.1"


def login(client, username, password=PASSWORD, address=HOME):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def fail(client, username, times, address=HOME):
    for _ in range(times):
        login(client, username, "wrong password", address)


def wrong_code(device) -> str:
    return "000000" if current_totp_code(device) != "000000" else "111111"


@pytest.mark.parametrize(
    ("failures", "locked"),
    [(0, False), (4, False), (5, True), (6, True)],
)
def test_lockout_after_five_failed_passwords(client, parent, failures, locked):
    fail(client, parent.username, failures)
    response = login(client, parent.username)
    assert (response.status_code == 429) is locked
    assert ("_auth_user_id" in client.session) is not locked


def test_lockout_page_says_when_to_try_again(client, parent):
    with time_machine.travel(datetime(2025, 3, 4, 10, 0, tzinfo=UTC), tick=False):
        fail(client, parent.username, 5)
        response = client.post(
            "/en/account/login/",
            {"username": parent.username, "password": PASSWORD},
            REMOTE_ADDR=HOME,
        )
    html = response.content.decode()
    assert response.status_code == 429
    assert "15 minutes" in html
    assert "11:15" in html  # 10:00 UTC is 11:00 in Brussels; 15 minutes later


def test_lockout_page_is_in_the_language_of_the_url(client, parent):
    fail(client, parent.username, 5)
    response = client.post(
        "/fr/account/login/",
        {"username": parent.username, "password": PASSWORD},
        REMOTE_ADDR=HOME,
    )
    assert response.status_code == 429
    assert '<html lang="fr">' in response.content.decode()


@pytest.mark.parametrize(
    ("other_username", "other_address", "locked"),
    [(False, False, True), (True, False, False), (False, True, False)],
)
def test_lockout_is_per_user_name_and_address(
    client, parent, make_user, other_username, other_address, locked
):
    other = make_user()
    fail(client, parent.username, 5)
    username = other.username if other_username else parent.username
    address = "10.9.9.9" if other_address else HOME
    assert (login(client, username, address=address).status_code == 429) is locked


def test_lockout_ends_after_fifteen_minutes(client, parent):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        fail(client, parent.username, 5)
        assert login(client, parent.username).status_code == 429
        clock.shift(timedelta(minutes=16))
        assert login(client, parent.username).status_code == 302


def test_successful_parent_login_resets_the_count(client, parent):
    fail(client, parent.username, 4)
    assert login(client, parent.username).status_code == 302
    client.post(reverse("accounts:logout"))
    fail(client, parent.username, 4)
    assert login(client, parent.username).status_code == 302


def test_wrong_codes_count_like_failed_passwords(client, kg_nurse):
    fail(client, kg_nurse.username, 3)
    assert login(client, kg_nurse.username).status_code == 302
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(2):
            clock.shift(timedelta(seconds=20))  # past django-otp's own delay
            response = client.post(
                reverse("accounts:two_factor"),
                {"code": wrong_code(kg_nurse.totp_device)},
                REMOTE_ADDR=HOME,
            )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session  # the half-logged-in session is ended
    assert login(client, kg_nurse.username).status_code == 429


def test_passing_the_password_again_does_not_reset_wrong_codes(client, kg_nurse):
    """Otherwise someone with the password could guess codes forever, 4 at a time."""
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(5):
            clock.shift(timedelta(seconds=40))
            assert login(client, kg_nurse.username).status_code == 302
            response = client.post(
                reverse("accounts:two_factor"),
                {"code": wrong_code(kg_nurse.totp_device)},
                REMOTE_ADDR=HOME,
            )
    assert response.status_code == 429
    assert login(client, kg_nurse.username).status_code == 429


def test_correct_code_resets_the_count(client, kg_nurse):
    fail(client, kg_nurse.username, 4)
    login(client, kg_nurse.username)
    client.post(
        reverse("accounts:two_factor"),
        {"code": current_totp_code(kg_nurse.totp_device)},
        REMOTE_ADDR=HOME,
    )
    client.post(reverse("accounts:logout"), REMOTE_ADDR=HOME)
    fail(client, kg_nurse.username, 4)
    assert login(client, kg_nurse.username).status_code == 302


@pytest.mark.parametrize(
    ("headers", "proxies", "meta", "expected"),
    [
        (["REMOTE_ADDR"], 1, {"REMOTE_ADDR": "10.0.0.5"}, "10.0.0.5"),
        (
            ["REMOTE_ADDR"],
            1,
            {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "1.2.3.4"},
            "10.0.0.5",
        ),
        (
            ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
            1,
            {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7"},
            "203.0.113.7",
        ),
        (
            ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
            2,
            {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7, 10.0.0.9"},
            "203.0.113.7",
        ),
        (["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"], 1, {"REMOTE_ADDR": "10.0.0.5"}, "10.0.0.5"),
        (
            ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
            1,
            {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "not an address"},
            "10.0.0.5",
        ),
    ],
)
def test_client_address_for_the_lockout(headers, proxies, meta, expected):
    request = RequestFactory().get("/")
    request.META.update(meta)
    with override_settings(CLIENT_IP_HEADERS=headers, CLIENT_IP_PROXY_COUNT=proxies):
        assert client_ip(request) == expected
