"""A user's profession and whether they are conventioned: kept on the person (not on the
organisation), edited by an administrator, shown as labels, checked by the programme's rules
(pathways/tests/test_rules_professions.py)."""

import io

import pytest

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from perinatal.accounts import demo
from perinatal.accounts.constants import Profession, Role
from perinatal.accounts.models import User

pytestmark = pytest.mark.django_db


def _admin_post(admin_client, user, **changes):
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "role": user.role,
        "organisation": user.organisation_id,
        "preferred_language": "nl",
        "profession": user.profession,
        **changes,
    }
    return admin_client.post(reverse("admin:accounts_user_change", args=[user.pk]), data)


def test_the_administrator_sets_a_profession_and_conventioned(admin_client, persona):
    user = persona(Role.PROGRAMME_PROVIDER, profession=Profession.NONE, conventioned=False)
    page = admin_client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    assert 'name="profession"' in page.content.decode()
    assert 'name="conventioned"' in page.content.decode()
    response = _admin_post(admin_client, user, profession="gynaecologist", conventioned="on")
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert (user.profession, user.conventioned) == (Profession.GYNAECOLOGIST, True)


def test_an_unknown_profession_is_refused_and_nothing_stored(admin_client, persona):
    user = persona(Role.PROGRAMME_PROVIDER, profession=Profession.NURSE)
    response = _admin_post(admin_client, user, profession="astrologer")
    assert response.status_code == 200
    assert "profession" in response.context["adminform"].form.errors
    user.refresh_from_db()
    assert user.profession == Profession.NURSE


def test_the_database_refuses_an_unknown_profession(persona):
    user = persona(Role.HOSPITAL)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=user.pk).update(profession="astrologer")


def test_the_users_list_filters_by_profession(admin_client, persona):
    persona(Role.PROGRAMME_PROVIDER, username="coordinator", profession="care_coordinator")
    persona(Role.PROGRAMME_PROVIDER, username="family-doctor", profession="gp")
    url = reverse("admin:accounts_user_changelist")
    html = admin_client.get(url, {"profession__exact": "care_coordinator"}).content.decode()
    assert "coordinator" in html and "family-doctor" not in html


@pytest.mark.parametrize(
    ("language", "profession", "conventioned"),
    [
        ("nl", "Vroedvrouw", "geconventioneerd"),
        ("fr", "Sage-femme", "conventionné"),
        ("en", "Midwife", "conventioned"),
    ],
)
def test_the_account_page_shows_the_profession_as_labels(
    client_for, midwife, language, profession, conventioned
):
    html = client_for(midwife).get(f"/{language}/account/").content.decode()
    assert f'<span class="tag profession">{profession}</span>' in html
    assert f'<span class="tag conventioned">{conventioned}</span>' in html


def test_a_professional_not_conventioned_has_no_such_label(client_for, kg_nurse):
    html = client_for(kg_nurse).get("/en/account/").content.decode()
    assert '<span class="tag profession">Nurse</span>' in html
    assert 'class="tag conventioned"' not in html


@pytest.mark.parametrize(
    ("username", "profession", "conventioned"),
    [
        ("demo-kg", Profession.NURSE, False),
        ("demo-midwife", Profession.MIDWIFE, True),
        ("demo-hospital", Profession.MIDWIFE, False),
        ("demo-provider", Profession.GP, True),
        ("demo-kraamzorg", Profession.SOCIAL_WORKER, False),
        ("demo-coordinator", Profession.CARE_COORDINATOR, False),
        ("demo-editor", Profession.NONE, False),
        ("demo-parent", Profession.NONE, False),
    ],
)
def test_demo_people_have_professions(username, profession, conventioned):
    call_command("demo", "seed", stdout=io.StringIO())
    user = User.objects.get(username=username)
    assert (user.profession, user.conventioned) == (profession, conventioned)


def test_the_demo_coordinator_works_for_the_demo_programme_provider():
    out = io.StringIO()
    call_command("demo", "seed", stdout=out)
    coordinator = User.objects.get(username=demo.DEMO_COORDINATOR)
    assert coordinator.role == Role.PROGRAMME_PROVIDER and coordinator.is_demo
    assert coordinator.organisation.programme_participant
    assert demo.DEMO_COORDINATOR in out.getvalue()
