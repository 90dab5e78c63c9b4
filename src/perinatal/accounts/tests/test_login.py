"""The password step: login page, new session key, redirects, logout."""

import pytest

from django.conf import settings
from django.urls import reverse

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, username, password=PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )


def test_login_page_labels_every_field(client):
    response = client.get(reverse("accounts:login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_username"' in html
    assert '<label for="id_password"' in html
    assert reverse("accounts:password_reset") in html


def test_login_gives_the_session_a_new_key(client, parent):
    session = client.session
    session["before_login"] = True
    session.save()
    key_before = client.cookies["sessionid"].value

    response = login(client, parent.username)

    assert response.status_code == 302
    assert client.cookies["sessionid"].value != key_before
    assert client.session["_auth_user_id"] == str(parent.pk)


def test_parent_goes_to_the_account_page_after_the_password(client, parent):
    response = login(client, parent.username)
    assert response.url == reverse(settings.LOGIN_REDIRECT_URL)
    page = client.get(reverse("accounts:home"))
    assert page.status_code == 200
    assert str(Role.PARENT.label) in page.content.decode()


def test_parent_goes_to_the_next_page_after_login(client, parent):
    response = client.post(
        reverse("accounts:login"),
        {"username": parent.username, "password": PASSWORD, "next": "/nl/timeline/"},
    )
    assert response.url == "/nl/timeline/"


def test_login_ignores_a_next_page_on_another_site(client, parent):
    response = client.post(
        reverse("accounts:login"),
        {"username": parent.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.url == reverse(settings.LOGIN_REDIRECT_URL)


@pytest.mark.parametrize(
    ("has_device", "step"),
    [(True, "accounts:two_factor"), (False, "accounts:two_factor_setup")],
)
def test_professional_goes_to_the_second_factor_after_the_password(
    client, make_user, has_device, step
):
    user = make_user(role=Role.INDEPENDENT_MIDWIFE)
    if has_device:
        from perinatal.accounts.tests.factories import TOTPDeviceFactory

        TOTPDeviceFactory(user=user)
    response = login(client, user.username)
    assert response.status_code == 302
    assert response.url.startswith(reverse(step) + "?next=")


def test_wrong_password_shows_an_error_and_logs_nobody_in(client, parent):
    response = login(client, parent.username, "wrong password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors()


def test_logout_needs_a_post(client_for, parent):
    client = client_for(parent)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.session.get("_auth_user_id") == str(parent.pk)


def test_logout_ends_the_session(client_for, parent):
    client = client_for(parent)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:home")).status_code == 302


def test_account_page_needs_a_login(client):
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_account_page_shows_user_role_and_organisation(client_for, midwife):
    html = client_for(midwife).get(reverse("accounts:home")).content.decode()
    assert midwife.username in html
    assert str(Role.INDEPENDENT_MIDWIFE.label) in html
    assert midwife.organisation.name in html
