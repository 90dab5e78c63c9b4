"""Second factor (TOTP, django-otp): enrolment of a device and checking a code.

Every professional and administrator (`User.requires_two_factor`) passes a 6-digit code after
the password. A user without a confirmed device enrols one first: the secret is shown as text
and as a QR code (an SVG data URI, so no script and no extra request), and a first valid code
confirms it. Only a user who has no confirmed device may enrol, so a stolen password cannot add
a second device.
"""

import base64

import segno
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.db import transaction
from django.http import HttpRequest

from .models import User

DEVICE_NAME = "authenticator"


def confirmed_devices(user: User) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.devices_for_user(user, confirmed=True))


def has_confirmed_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def enrolment_device_get_or_create(*, user: User) -> TOTPDevice:
    """The unconfirmed device being enrolled; the same secret until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_base32(device: TOTPDevice) -> str:
    """The secret as authenticator apps want it typed: base32 in groups of four."""
    text = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The `otpauth://` URL as an SVG QR code in a `data:` URI (allowed by the CSP's img-src)."""
    return segno.make(device.config_url, error="m").svg_data_uri(
        scale=5, border=2, dark="#000", light="#fff"
    )


def code_is_throttled(devices: list[TOTPDevice]) -> bool:
    """django-otp slows down repeated wrong codes per device (1, 2, 4 … seconds)."""
    return bool(devices) and all(not device.verify_is_allowed()[0] for device in devices)


def verify_code(*, devices: list[TOTPDevice], code: str) -> TOTPDevice | None:
    """The device that accepts this code, if any (a code is accepted once only)."""
    for device in devices:
        if device.verify_token(code):
            return device
    return None


def complete_login(request: HttpRequest, device: TOTPDevice) -> None:
    """Mark the session as verified with this device, under a fresh session key."""
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    otp_login(request, device)
    request.session.cycle_key()
