"""The shared persona fixtures (src/conftest.py) other apps' tests rely on."""

import pytest

from django.urls import reverse

from perinatal.accounts.constants import ROLE_ORGANISATION_KIND, Role

pytestmark = pytest.mark.django_db

PERSONAS = [
    ("kg_nurse", Role.KG_PROFESSIONAL),
    ("midwife", Role.INDEPENDENT_MIDWIFE),
    ("hospital_user", Role.HOSPITAL),
    ("provider", Role.PROGRAMME_PROVIDER),
    ("kraamzorg_user", Role.KRAAMZORG_SERVICE),
    ("editor", Role.DIRECTORY_EDITOR),
    ("analyst", Role.ANALYST),
    ("admin_user", Role.ADMINISTRATOR),
    ("parent", Role.PARENT),
    ("one_nurse", Role.ONE_PROFESSIONAL),
    ("gp_user", Role.GP_PRACTICE),
    ("health_centre_user", Role.COMMUNITY_HEALTH_CENTRE),
    ("ocmw_user", Role.OCMW),
    ("caw_user", Role.CAW),
    ("cgg_user", Role.CGG),
    ("psychologist_user", Role.PSYCHOLOGIST_PRACTICE),
]


@pytest.mark.parametrize(("fixture", "role"), PERSONAS)
def test_persona_has_its_role_and_organisation_kind(request, fixture, role):
    user = request.getfixturevalue(fixture)
    assert user.role == role
    if role == Role.PARENT:
        assert user.organisation is None
    else:
        assert user.organisation.kind == ROLE_ORGANISATION_KIND[role]


@pytest.mark.parametrize(("fixture", "role"), PERSONAS)
def test_client_for_logs_the_persona_in_past_the_second_factor(request, client_for, fixture, role):
    user = request.getfixturevalue(fixture)
    response = client_for(user).get(reverse("accounts:home"))
    assert response.status_code == 200
    assert response.context["user"] == user


def test_clients_for_two_personas_are_separate(client_for, parent, editor):
    parent_client, editor_client = client_for(parent), client_for(editor)
    assert parent_client.get(reverse("accounts:home")).context["user"] == parent
    assert editor_client.get(reverse("accounts:home")).context["user"] == editor


def test_editor_persona_may_edit_the_directory(editor):
    assert editor.has_role(Role.DIRECTORY_EDITOR, Role.ADMINISTRATOR)
    assert editor.groups.filter(name="Directory editors").exists()


def test_admin_client_is_a_verified_administrator(admin_client):
    assert admin_client.get(reverse("admin:index")).status_code == 200
