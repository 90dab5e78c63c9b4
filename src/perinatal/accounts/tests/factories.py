"""Factories for organisations and users of every role."""

import factory

from perinatal.accounts.constants import OrganisationKind, Role
from perinatal.accounts.models import Organisation, User

ROLE_ORGANISATION_KIND = {
    Role.KG_PROFESSIONAL: OrganisationKind.KIND_EN_GEZIN,
    Role.INDEPENDENT_MIDWIFE: OrganisationKind.MIDWIFE_PRACTICE,
    Role.HOSPITAL: OrganisationKind.HOSPITAL,
    Role.PROGRAMME_PROVIDER: OrganisationKind.PROGRAMME_PROVIDER,
    Role.KRAAMZORG_SERVICE: OrganisationKind.KRAAMZORG_SERVICE,
    Role.DIRECTORY_EDITOR: OrganisationKind.DIRECTORY_OFFICE,
    Role.ANALYST: OrganisationKind.ANALYSIS,
    Role.ADMINISTRATOR: OrganisationKind.PLATFORM,
}
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
