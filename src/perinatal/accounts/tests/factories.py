"""Factories for organisations, users of every role and their TOTP devices; the persona and
logged-in client helpers behind the fixtures in src/conftest.py."""

import factory
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.test import Client

from perinatal.accounts.constants import (
    ROLE_ORGANISATION_KIND,
    OrganisationKind,
    Profession,
    Role,
)
from perinatal.accounts.models import Organisation, User
from perinatal.accounts.services import user_role_groups_grant

PASSWORD = "correct horse battery staple"  # noqa: S105 - test persona password


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.KIND_EN_GEZIN


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.PARENT
    organisation = factory.LazyAttribute(
        lambda u: (
            None
            if u.role == Role.PARENT
            else OrganisationFactory(kind=ROLE_ORGANISATION_KIND[Role(u.role)])
        )
    )
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory, role=Role.KG_PROFESSIONAL)
    name = "test"
    confirmed = True


# The persona's profession and whether conventioned, unless the test gives them: a Kind en
# Gezin nurse, a conventioned independent midwife, a maternity-ward midwife, a conventioned GP
# taking part in the programme, a kraamzorg service's social worker at the intake.
PERSONA_PROFESSIONS: dict[str, tuple[Profession, bool]] = {
    Role.KG_PROFESSIONAL: (Profession.NURSE, False),
    Role.INDEPENDENT_MIDWIFE: (Profession.MIDWIFE, True),
    Role.HOSPITAL: (Profession.MIDWIFE, False),
    Role.PROGRAMME_PROVIDER: (Profession.GP, True),
    Role.KRAAMZORG_SERVICE: (Profession.SOCIAL_WORKER, False),
}


def make_persona(role: str, **fields) -> User:
    """A user of this role in an organisation of the right kind, with the role's groups and,
    for a professional, a confirmed TOTP device (`user.totp_device`) and the persona's
    profession (`PERSONA_PROFESSIONS`)."""
    profession, conventioned = PERSONA_PROFESSIONS.get(role, (Profession.NONE, False))
    fields.setdefault("profession", profession)
    fields.setdefault("conventioned", conventioned)
    if role == Role.ADMINISTRATOR:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
    user = UserFactory(role=role, **fields)
    user_role_groups_grant(user=user)
    user.totp_device = TOTPDeviceFactory(user=user) if user.requires_two_factor else None
    return user


def current_totp_code(device: TOTPDevice) -> str:
    """The code an authenticator app shows now for this device."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def logged_in_client(user: User, *, verified: bool = True, client: Client | None = None) -> Client:
    """A test client (a new one unless given) logged in as `user`; with `verified`, the
    session also holds the second factor, exactly as django_otp.login() leaves it after a
    correct code."""
    client = client or Client()
    client.force_login(user)
    if verified and user.requires_two_factor:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDeviceFactory(user=user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
