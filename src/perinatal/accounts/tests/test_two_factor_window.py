"""The two-factor code at the edges of its 30-second step (issue 17, item 6): the code of the
previous step is still accepted (typed right after the step changed), an older one is not,
and no code is accepted twice. The codes are computed here from RFC 6238 (HMAC-SHA1, 30 s,
6 digits), not by django-otp, at exact moments of a frozen clock."""

import hashlib
import hmac
import struct
from datetime import UTC, datetime

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.urls import reverse

from perinatal.accounts.tests.factories import PASSWORD, logged_in_client

pytestmark = pytest.mark.django_db

STEP = 30
# A moment that starts a step: 2025-06-02 10:00:00 UTC (1748858400 is a multiple of 30).
START = 1748858400
assert START % STEP == 0


def rfc6238(key: bytes, moment: float) -> str:
    """RFC 6238 with RFC 4226's dynamic truncation: the code an app shows at `moment`."""
    counter = struct.pack(">Q", int(moment) // STEP)
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10**6:06d}"


def test_the_computation_is_rfc_6238s():
    """RFC 6238, appendix B: the SHA-1 test vector at T = 59 s (8 digits 94287082)."""
    key = b"12345678901234567890"
    counter = struct.pack(">Q", 59 // STEP)
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    assert f"{number % 10**8:08d}" == "94287082"


def at(seconds: float):
    return time_machine.travel(datetime.fromtimestamp(seconds, tz=UTC), tick=False)


def attempt(user, code: str) -> bool:
    """A fresh login up to the second factor, then `code`: True when it logs in."""
    client = logged_in_client(user, verified=False)
    response = client.post(reverse("accounts:two_factor"), {"code": code})
    return response.status_code == 302 and response.url == reverse(settings.LOGIN_REDIRECT_URL)


@pytest.fixture
def device(kg_nurse) -> TOTPDevice:
    return kg_nurse.totp_device


# (typed at, code of the step starting at, accepted): the step is [START, START + 30).
EDGES = [
    (START, START, True),  # the first second of its step
    (START + 29.9, START, True),  # the last moment of its step
    (START + 30, START, True),  # the previous step's code, the moment the step changed
    (START + 59.9, START, True),  # ... until the end of the next step
    (START + 60, START, False),  # two steps later: too old
    (START - 0.1, START, True),  # the next step's code, a phone a little early
    (START - 30.1, START, False),  # two steps early
]


@pytest.mark.parametrize(("typed_at", "code_of", "accepted"), EDGES)
def test_a_code_at_the_edges_of_its_step(kg_nurse, device, typed_at, code_of, accepted):
    code = rfc6238(device.bin_key, code_of)
    with at(typed_at):
        assert attempt(kg_nurse, code) is accepted


def test_the_previous_steps_code_right_after_enrolment_as_a_new_user_would(make_user):
    from perinatal.accounts.constants import Role

    user = make_user(role=Role.HOSPITAL)
    client = logged_in_client(user, verified=False)
    with at(START + 10):
        client.get(reverse("accounts:two_factor_setup"))
        device = TOTPDevice.objects.get(user=user)
        shown = rfc6238(device.bin_key, START + 10)
    with at(START + 31):  # typed a second after the step changed
        response = client.post(reverse("accounts:two_factor_setup"), {"code": shown})
    assert response.status_code == 302


def test_a_code_is_refused_the_second_time_within_its_window(kg_nurse, device):
    code = rfc6238(device.bin_key, START)
    with at(START + 5):
        assert attempt(kg_nurse, code)
    with at(START + 35):  # still within the window, from another browser
        assert not attempt(kg_nurse, code)


def test_a_code_older_than_the_last_accepted_is_refused(kg_nurse, device):
    with at(START + 31):
        assert attempt(kg_nurse, rfc6238(device.bin_key, START + 31))
    with at(START + 32):
        assert not attempt(kg_nurse, rfc6238(device.bin_key, START))  # the step before


def test_an_early_phone_once_does_not_move_the_window(kg_nurse, device):
    """django-otp would learn the drift of a phone that was once early (OTP_TOTP_SYNC) and then
    refuse the previous step's code: the window stays around the server's clock."""
    with at(START + 29):
        assert attempt(kg_nurse, rfc6238(device.bin_key, START + 30))  # the next step's code
    with at(START + 121):
        assert attempt(kg_nurse, rfc6238(device.bin_key, START + 90))  # the previous step's


def test_the_password_step_then_the_previous_code(client, kg_nurse, device):
    with at(START + 45):
        client.post(
            reverse("accounts:login"), {"username": kg_nurse.username, "password": PASSWORD}
        )
        response = client.post(
            reverse("accounts:two_factor"), {"code": rfc6238(device.bin_key, START + 20)}
        )
    assert response.status_code == 302
