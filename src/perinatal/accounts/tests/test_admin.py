"""The Django admin requires a verified second factor, and manages organisations and users."""

import pytest

from django.urls import reverse

from perinatal.accounts.tests.factories import logged_in_client

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_the_site_login(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.request["PATH_INFO"] == reverse("accounts:login")
    assert response.context["next"] == reverse("admin:index")


def test_staff_without_the_second_factor_is_sent_to_it(admin_user):
    client = logged_in_client(admin_user, verified=False)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor"))


def test_admin_site_itself_refuses_an_unverified_user(rf, admin_user):
    """Also without the middleware (defence in depth), like django_otp's OTPAdminSite."""
    from django.contrib import admin

    request = rf.get("/")
    request.user = admin_user
    admin_user.is_verified = lambda: False
    assert not admin.site.has_permission(request)
    admin_user.is_verified = lambda: True
    assert admin.site.has_permission(request)


def test_verified_administrator_opens_the_admin(admin_client):
    assert admin_client.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:accounts_organisation_changelist",
        "admin:accounts_user_changelist",
        "admin:accounts_organisation_add",
        "admin:accounts_user_add",
    ],
)
def test_admin_pages_for_organisations_and_users(admin_client, url_name):
    assert admin_client.get(reverse(url_name)).status_code == 200


def test_admin_user_page_shows_role_and_organisation(admin_client, midwife):
    html = admin_client.get(
        reverse("admin:accounts_user_change", args=[midwife.pk])
    ).content.decode()
    assert 'name="role"' in html
    assert 'name="organisation"' in html


def test_verified_professional_without_staff_status_is_refused(client_for, analyst):
    response = client_for(analyst).get(reverse("admin:index"), follow=True)
    assert response.status_code == 403
