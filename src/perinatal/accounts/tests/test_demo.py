"""`perinatal demo seed` and `perinatal demo totp`."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from perinatal.accounts import demo
from perinatal.accounts.constants import OrganisationKind, Role
from perinatal.accounts.models import Organisation, User

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_seed_is_refused_without_demo_data_allowed(settings):
    settings.PERINATAL_ALLOW_DEMO_DATA = False
    with pytest.raises(CommandError, match="PERINATAL_ALLOW_DEMO_DATA"):
        run("seed")
    assert not User.objects.exists()


def test_totp_is_refused_without_demo_data_allowed(settings):
    run("seed")
    settings.PERINATAL_ALLOW_DEMO_DATA = False
    with pytest.raises(CommandError, match="PERINATAL_ALLOW_DEMO_DATA"):
        run("totp", "demo-kg")


def test_production_settings_never_allow_demo_data(monkeypatch):
    import importlib

    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///unused.sqlite3")
    monkeypatch.setenv("NATIONAL_NUMBER_HASH_KEY", "k" * 40)
    monkeypatch.setenv(
        "NATIONAL_NUMBER_ENCRYPTION_KEYS", "dGVzdC1vbmx5LWZlcm5ldC1rZXktMDEyMzQ1Njc4OWE="
    )
    production = importlib.import_module("perinatal.conf.production")
    assert importlib.reload(production).PERINATAL_ALLOW_DEMO_DATA is False


def test_seed_creates_one_organisation_of_each_kind_and_one_user_per_role():
    run("seed")
    kinds = set(Organisation.objects.filter(is_demo=True).values_list("kind", flat=True))
    assert kinds == set(OrganisationKind.values)
    per_role = User.objects.filter(is_demo=True, username__in=demo.DEMO_USERNAMES.values())
    assert sorted(per_role.values_list("role", flat=True)) == sorted(Role.values)


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("demo-kg", Role.KG_PROFESSIONAL),
        ("demo-midwife", Role.INDEPENDENT_MIDWIFE),
        ("demo-hospital", Role.HOSPITAL),
        ("demo-provider", Role.PROGRAMME_PROVIDER),
        ("demo-kraamzorg", Role.KRAAMZORG_SERVICE),
        ("demo-editor", Role.DIRECTORY_EDITOR),
        ("demo-analyst", Role.ANALYST),
        ("demo-admin", Role.ADMINISTRATOR),
        ("demo-parent", Role.PARENT),
    ],
)
def test_demo_users_and_their_second_factor(username, role):
    run("seed")
    user = User.objects.get(username=username)
    assert user.role == role and user.is_demo
    assert user.check_password(demo.DEMO_PASSWORD)
    devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    assert devices.exists() is (role != Role.PARENT)


def test_demo_admin_is_staff_and_superuser_and_editor_can_edit_the_directory():
    run("seed")
    admin = User.objects.get(username="demo-admin")
    assert admin.is_staff and admin.is_superuser
    editor = User.objects.get(username="demo-editor")
    assert editor.has_role(Role.DIRECTORY_EDITOR, Role.ADMINISTRATOR)
    assert not editor.is_staff


def test_seed_twice_changes_nothing():
    run("seed")
    before = {
        "users": list(User.objects.order_by("pk").values()),
        "organisations": list(Organisation.objects.order_by("pk").values()),
        "devices": list(TOTPDevice.objects.order_by("pk").values()),
    }
    run("seed")
    after = {
        "users": list(User.objects.order_by("pk").values()),
        "organisations": list(Organisation.objects.order_by("pk").values()),
        "devices": list(TOTPDevice.objects.order_by("pk").values()),
    }
    assert after == before


def test_seed_repairs_a_changed_demo_password():
    run("seed")
    user = User.objects.get(username="demo-kg")
    user.set_password("something else entirely")
    user.save()
    run("seed")
    user.refresh_from_db()
    assert user.check_password(demo.DEMO_PASSWORD)


def test_seed_prints_the_logins_the_password_and_how_to_get_a_code():
    out = run("seed")
    for username in demo.DEMO_USERNAMES.values():
        assert username in out
    assert demo.DEMO_PASSWORD in out
    assert "perinatal demo totp" in out
    assert demo.DEMO_TOTP_SECRET in out


def test_a_newcomer_logs_in_with_the_printed_password_and_code(client):
    run("seed")
    client.post(
        reverse("accounts:login"), {"username": "demo-midwife", "password": demo.DEMO_PASSWORD}
    )
    code = run("totp", "demo-midwife").strip()
    assert len(code) == 6 and code.isdigit()
    response = client.post(reverse("accounts:two_factor"), {"code": code})
    assert response.url == reverse(settings.LOGIN_REDIRECT_URL)
    assert "demo-midwife" in client.get(reverse("accounts:home")).content.decode()


def test_totp_refuses_users_that_are_not_demo_users(make_user):
    run("seed")
    real = make_user(role=Role.HOSPITAL)
    TOTPDevice.objects.create(user=real, name=demo.DEMO_DEVICE_NAME, confirmed=True)
    with pytest.raises(CommandError, match="not a demo user"):
        run("totp", real.username)
