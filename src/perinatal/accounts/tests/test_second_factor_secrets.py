"""The second factor's secret is shown once, at enrolment, and never in the admin; an
administrator resets it (logged), and the user enrols again (logged) — issue 17, item 3."""

import base64

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.urls import reverse

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import current_totp_code, logged_in_client
from perinatal.audit.models import ChangeEvent

pytestmark = pytest.mark.django_db


def secrets_of(device: TOTPDevice) -> list[str]:
    """The key as the database holds it (hex) and as an app takes it (base32, with and
    without the groups of four), and the QR code's address."""
    b32 = base64.b32encode(device.bin_key).decode().rstrip("=")
    grouped = " ".join(b32[i : i + 4] for i in range(0, len(b32), 4))
    return [device.key, b32, grouped, "otpauth://", "data:image/svg", "image/png"]


def admin_pages(device: TOTPDevice) -> list[str]:
    base = f"/admin/otp_totp/totpdevice/{device.pk}"
    return [
        reverse("admin:otp_totp_totpdevice_changelist"),
        f"{base}/change/",
        f"{base}/config/",
        f"{base}/qrcode/",
        f"{base}/",
    ]


def test_no_admin_page_shows_a_devices_secret_or_qr_code(admin_client, midwife):
    device = midwife.totp_device
    for url in admin_pages(device):
        response = admin_client.get(url, follow=True)
        assert response.status_code in (200, 404), url
        html = response.content.decode()
        for secret in secrets_of(device):
            assert secret not in html, (url, secret)


def test_the_device_list_shows_who_has_one(admin_client, midwife):
    html = admin_client.get(reverse("admin:otp_totp_totpdevice_changelist")).content.decode()
    assert midwife.username in html


def test_a_device_cannot_be_added_changed_or_deleted_in_the_admin(admin_client, midwife):
    device = midwife.totp_device
    assert admin_client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403
    change = reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    response = admin_client.post(change, {"name": "x", "key": "00" * 20, "user": midwife.pk})
    assert response.status_code == 403
    delete = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    device.refresh_from_db()
    assert device.name == "test"


def reset(admin_client, *devices: TOTPDevice):
    return admin_client.post(
        reverse("admin:otp_totp_totpdevice_changelist"),
        {"action": "reset_second_factor", "_selected_action": [d.pk for d in devices]},
        follow=True,
    )


def test_a_reset_deletes_the_device_and_is_in_the_change_log(admin_client, admin_user, midwife):
    device = midwife.totp_device
    assert reset(admin_client, device).status_code == 200
    assert not TOTPDevice.objects.filter(user=midwife).exists()
    [event] = ChangeEvent.objects.filter(object_type="otp_totp.totpdevice")
    assert (event.action, event.object_id, event.actor) == ("delete", str(device.pk), admin_user)
    assert "reset" in event.reason
    for secret in secrets_of(device):
        assert secret not in str(event.changes) + event.object_repr


def test_after_a_reset_the_old_code_no_longer_logs_in_and_the_user_enrols_again(
    admin_client, midwife
):
    old = midwife.totp_device
    reset(admin_client, old)
    client = logged_in_client(midwife, verified=False)
    response = client.get(reverse("accounts:two_factor"))
    assert response.url.startswith(reverse("accounts:two_factor_setup"))
    client.get(reverse("accounts:two_factor_setup"))
    new = TOTPDevice.objects.get(user=midwife)
    assert new.key != old.key
    response = client.post(reverse("accounts:two_factor_setup"), {"code": current_totp_code(new)})
    assert response.status_code == 302
    enrolled = ChangeEvent.objects.get(object_type="otp_totp.totpdevice", action="create")
    assert (enrolled.object_id, enrolled.actor) == (str(new.pk), midwife)


def test_a_session_verified_by_the_reset_device_is_no_longer_verified(admin_client, midwife):
    client = logged_in_client(midwife)
    assert client.get(reverse("accounts:home")).status_code == 200
    reset(admin_client, midwife.totp_device)
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302


def test_only_a_superuser_may_reset(client_for, persona, midwife):
    staff = persona(Role.ADMINISTRATOR)
    staff.is_superuser = False
    staff.save()
    client = client_for(staff)
    reset(client, midwife.totp_device)
    assert TOTPDevice.objects.filter(user=midwife).exists()
