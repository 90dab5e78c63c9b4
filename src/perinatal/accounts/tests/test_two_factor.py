"""The second factor: code after the password, enrolment, and who must pass it."""

import re
from datetime import timedelta

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import PASSWORD, current_totp_code, logged_in_client

pytestmark = pytest.mark.django_db


def password_step(client, user, next_url=""):
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:login"), data)


def post_code(client, code, view="accounts:two_factor", next_url=""):
    data = {"code": code}
    if next_url:
        data["next"] = next_url
    return client.post(reverse(view), data)


def test_correct_code_completes_the_login(client, kg_nurse):
    password_step(client, kg_nurse)
    response = post_code(client, current_totp_code(kg_nurse.totp_device))
    assert response.status_code == 302
    assert response.url == reverse(settings.LOGIN_REDIRECT_URL)
    assert "Kind en Gezin" in client.get(reverse("accounts:home")).content.decode()


def test_correct_code_gives_the_session_a_new_key(client, kg_nurse):
    password_step(client, kg_nurse)
    key_after_password = client.cookies["sessionid"].value
    post_code(client, current_totp_code(kg_nurse.totp_device))
    assert client.cookies["sessionid"].value != key_after_password


def test_code_step_keeps_the_page_asked_for(client, analyst):
    response = client.get("/nl/account/?tab=1")
    login_page = response.url
    response = client.post(login_page, {"username": analyst.username, "password": PASSWORD})
    assert response.url.startswith(reverse("accounts:two_factor"))
    response = client.post(response.url, {"code": current_totp_code(analyst.totp_device)})
    assert response.url == "/nl/account/?tab=1"


def test_wrong_code_is_refused_with_a_message(client, editor):
    password_step(client, editor)
    response = post_code(
        client, "000000" if current_totp_code(editor.totp_device) != "000000" else "111111"
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert not logged_in_and_verified(client)


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "12 456"])
def test_malformed_code_is_refused(client, editor, code):
    password_step(client, editor)
    response = post_code(client, code)
    assert response.status_code == 200
    assert response.context["form"].errors["code"]


def test_a_code_is_accepted_only_once(kg_nurse):
    code = current_totp_code(kg_nurse.totp_device)
    first, second = (
        logged_in_client(kg_nurse, verified=False),
        logged_in_client(kg_nurse, verified=False),
    )
    assert post_code(first, code).status_code == 302
    assert post_code(second, code).status_code == 200


def test_right_code_right_after_a_wrong_one_waits_for_the_throttle(client, midwife):
    device = midwife.totp_device
    password_step(client, midwife)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        post_code(client, "000000" if current_totp_code(device) != "000000" else "111111")
        response = post_code(client, current_totp_code(device))
        assert response.status_code == 200  # django-otp: wait 1 s after a wrong code
        clock.shift(timedelta(seconds=31))
        device.refresh_from_db()
        assert post_code(client, current_totp_code(device)).status_code == 302


def logged_in_and_verified(client) -> bool:
    response = client.get(reverse("accounts:home"))
    return response.status_code == 200


@pytest.mark.parametrize(
    "role",
    [
        Role.KG_PROFESSIONAL,
        Role.INDEPENDENT_MIDWIFE,
        Role.HOSPITAL,
        Role.PROGRAMME_PROVIDER,
        Role.KRAAMZORG_SERVICE,
        Role.DIRECTORY_EDITOR,
        Role.ANALYST,
        Role.ADMINISTRATOR,
    ],
)
def test_every_professional_role_needs_the_second_factor(persona, role):
    user = persona(role)
    client = logged_in_client(user, verified=False)
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor"))


def test_parent_logs_in_with_a_password_only(client, parent):
    password_step(client, parent)
    assert client.get(reverse("accounts:home")).status_code == 200
    assert client.get(reverse("accounts:two_factor")).status_code == 302


def test_unverified_professional_gets_a_json_403_from_the_api(kg_nurse):
    client = logged_in_client(kg_nurse, verified=False)
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 403
    assert response.json()["code"] == "two_factor_required"


def test_unverified_professional_still_sees_public_pages(kg_nurse):
    client = logged_in_client(kg_nurse, verified=False)
    assert client.get(reverse("directory:search")).status_code == 200


def test_two_factor_page_sends_anonymous_visitors_to_the_login(client):
    response = client.get(reverse("accounts:two_factor"))
    assert response.url.startswith(reverse("accounts:login"))


def test_verified_professional_is_sent_on_from_the_two_factor_page(client_for, hospital_user):
    response = client_for(hospital_user).get(reverse("accounts:two_factor"))
    assert response.url == reverse(settings.LOGIN_REDIRECT_URL)


# Enrolment


def test_professional_without_a_device_is_sent_to_the_setup(make_user):
    user = make_user(role=Role.HOSPITAL)
    client = logged_in_client(user, verified=False)
    response = client.get(reverse("accounts:two_factor"))
    assert response.url.startswith(reverse("accounts:two_factor_setup"))


def test_setup_shows_the_secret_as_text_and_as_an_svg_qr_code(make_user):
    user = make_user(role=Role.HOSPITAL)
    client = logged_in_client(user, verified=False)
    html = client.get(reverse("accounts:two_factor_setup")).content.decode()
    assert re.search(r'<img src="data:image/svg\+xml[^"]+"', html)
    secret = re.search(r'<code class="secret" id="secret-key">([A-Z2-7 ]+)</code>', html)
    assert secret and len(secret.group(1).replace(" ", "")) == 32
    assert '<label for="id_code"' in html


def test_setup_keeps_the_same_secret_until_confirmed(make_user):
    user = make_user(role=Role.HOSPITAL)
    client = logged_in_client(user, verified=False)
    client.get(reverse("accounts:two_factor_setup"))
    client.get(reverse("accounts:two_factor_setup"))
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_first_code_confirms_the_new_device_and_logs_in(make_user):
    user = make_user(role=Role.PROGRAMME_PROVIDER)
    client = logged_in_client(user, verified=False)
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    response = post_code(client, current_totp_code(device), view="accounts:two_factor_setup")
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("accounts:home")).status_code == 200


def test_a_password_alone_cannot_enrol_a_second_device(kg_nurse):
    client = logged_in_client(kg_nurse, verified=False)
    response = client.get(reverse("accounts:two_factor_setup"))
    assert response.url.startswith(reverse("accounts:two_factor"))
    assert TOTPDevice.objects.filter(user=kg_nurse).count() == 1


# `next` that is not a path of this site (issue 17: `next=foo` was a 500, NoReverseMatch)


@pytest.mark.parametrize(
    "next_url",
    [
        "foo",
        "accounts:home",
        "admin:index",
        "https://evil.example/",
        "//evil.example/x",
        "javascript:alert(1)",
        ".",
    ],
)
def test_an_unsafe_or_unknown_next_goes_to_the_account_page(client, kg_nurse, next_url):
    password_step(client, kg_nurse)
    response = client.post(
        "/nl/account/two-factor/",
        {"code": current_totp_code(kg_nurse.totp_device), "next": next_url},
    )
    assert response.status_code == 302
    assert response.url == reverse(settings.LOGIN_REDIRECT_URL)


@pytest.mark.parametrize("next_url", ["foo", "https://evil.example/"])
def test_the_code_page_with_an_unknown_next_is_shown(client, kg_nurse, next_url):
    password_step(client, kg_nurse)
    response = client.get("/nl/account/two-factor/", {"next": next_url})
    assert response.status_code == 200
    wrong = client.post("/nl/account/two-factor/", {"code": "abc", "next": next_url})
    assert wrong.status_code == 200


def test_a_next_path_of_this_site_is_kept(client, kg_nurse):
    password_step(client, kg_nurse)
    response = post_code(client, current_totp_code(kg_nurse.totp_device), next_url="/nl/timeline/")
    assert response.url == "/nl/timeline/"
