"""Second factor (TOTP, django-otp): enrolment of a device and checking a code.

Every professional and administrator (`User.requires_two_factor`) passes a 6-digit code after
the password. A user without a confirmed device enrols one first: the secret is shown as text
and as a QR code (an SVG data URI, so no script and no extra request), and a first valid code
confirms it. Only a user who has no confirmed device may enrol, so a stolen password cannot add
a second device.

After enrolment the secret is never shown again, not even in the admin (accounts/admin.py). A
user who lost the phone asks an administrator to reset the second factor
(`second_factor_reset`, in the admin): the devices are deleted and the user enrols again at the
next login. The reset and every enrolment are in the change log.

A code is accepted in its 30-second step and the steps either side of it
(`TWO_FACTOR_TOLERANCE_STEPS`): the code an app showed a moment ago, typed after the step
changed, still works. A code is never accepted twice, nor one older than the last accepted.
`OTP_TOTP_SYNC` is off (conf/base.py), so the window stays around the server's clock instead of
following a phone that was once early or late.
"""

import base64
import logging

import segno
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from perinatal.audit.models import ChangeAction
from perinatal.audit.services import change_record

from .models import User

DEVICE_NAME = "authenticator"
logger = logging.getLogger(__name__)


def confirmed_devices(user: User) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.devices_for_user(user, confirmed=True))


def has_confirmed_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def enrolment_device_get_or_create(*, user: User) -> TOTPDevice:
    """The unconfirmed device being enrolled; the same secret until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user,
            name=DEVICE_NAME,
            confirmed=False,
            tolerance=settings.TWO_FACTOR_TOLERANCE_STEPS,
        )
    return device


@transaction.atomic
def second_factor_reset(*, user: User, by: User) -> int:
    """Delete every TOTP device of `user` (they enrol a new one at the next login), each in
    the change log; the number deleted. Their sessions verified by a device end with it
    (django-otp finds no device for the session's id)."""
    devices = list(TOTPDevice.objects.filter(user=user))
    for device in devices:
        change_record(
            actor=by,
            action=ChangeAction.DELETE,
            instance=device,
            reason="second factor reset: the user enrols a new device at the next login",
        )
        device.delete()
    logger.info(
        "second factor reset",
        extra={"user_id": user.pk, "by_user_id": by.pk, "devices": len(devices)},
    )
    return len(devices)


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
        device.tolerance = settings.TWO_FACTOR_TOLERANCE_STEPS  # whatever it was made with
        if device.verify_token(code):
            return device
    return None


def complete_login(request: HttpRequest, device: TOTPDevice) -> None:
    """Mark the session as verified with this device, under a fresh session key."""
    if not device.confirmed:
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            change_record(
                actor=device.user,
                action=ChangeAction.CREATE,
                instance=device,
                reason="second factor enrolled",
            )
        logger.info("second factor enrolled", extra={"user_id": device.user_id})
    otp_login(request, device)
    request.session.cycle_key()
