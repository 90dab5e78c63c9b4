"""The role predicates of `accounts/roles.py`: every role, an anonymous visitor and the command
line's operator (None), each against every predicate."""

import pytest

from django.contrib.auth.models import AnonymousUser, Permission

from perinatal.accounts import roles
from perinatal.accounts.constants import OrganisationKind, Role
from perinatal.accounts.tests.factories import OrganisationFactory

PREDICATES = {
    "operator": roles.is_operator,
    "signed_in": roles.is_signed_in,
    "parent": roles.is_parent,
    "care": roles.is_care_professional,
    "kg": roles.is_kind_en_gezin_professional,
    "midwife": roles.is_independent_midwife,
    "kraamzorg": roles.is_kraamzorg_staff,
    "order_desk": roles.is_order_desk,
    "editor": roles.is_directory_editor,
    "analyst": roles.is_analyst,
    "monitoring": roles.is_monitoring_manager,
    "admin": roles.is_administrator,
    "referral_only": roles.is_referral_only,
    "referring": roles.is_referring_professional,
    "one": roles.is_one_professional,
}

# Who is asked -> the predicates that answer True (every other one answers False).
EXPECTED = {
    Role.PARENT: {"signed_in", "parent"},
    Role.KG_PROFESSIONAL: {"signed_in", "care", "kg", "referring"},
    Role.INDEPENDENT_MIDWIFE: {"signed_in", "care", "midwife", "referring"},
    Role.HOSPITAL: {"signed_in", "care", "referring"},
    Role.PROGRAMME_PROVIDER: {"signed_in", "care", "referring"},
    Role.KRAAMZORG_SERVICE: {"signed_in", "care", "kraamzorg", "referring"},
    Role.DIRECTORY_EDITOR: {"signed_in", "editor"},
    Role.ANALYST: {"signed_in", "analyst", "monitoring"},
    # The administrator persona is a superuser, as the platform's administrators are.
    Role.ADMINISTRATOR: {"signed_in", "editor", "monitoring", "admin"},
    # The whole care network (docs/decisions/0028-care-network.md): the first line cares,
    # the others only refer.
    Role.ONE_PROFESSIONAL: {"signed_in", "care", "referring", "one"},
    Role.GP_PRACTICE: {"signed_in", "care", "referring"},
    Role.COMMUNITY_HEALTH_CENTRE: {"signed_in", "care", "referring"},
    Role.OCMW: {"signed_in", "referral_only", "referring"},
    Role.CAW: {"signed_in", "referral_only", "referring"},
    Role.CGG: {"signed_in", "referral_only", "referring"},
    Role.PSYCHOLOGIST_PRACTICE: {"signed_in", "referral_only", "referring"},
    "anonymous": set(),
    "operator": {"operator"},
}

CASES = [
    pytest.param(who, name, name in EXPECTED[who], id=f"{who}-{name}")
    for who in EXPECTED
    for name in PREDICATES
]


def test_every_role_is_in_the_table():
    assert set(Role) <= set(EXPECTED)


@pytest.fixture
def asked(persona):
    def make(who):
        if who == "anonymous":
            return AnonymousUser()
        if who == "operator":
            return None
        return persona(who)

    return make


@pytest.mark.parametrize(("who", "name", "expected"), CASES)
def test_role_predicate(asked, who, name, expected):
    assert PREDICATES[name](asked(who)) is expected


def test_order_desk_is_a_care_professional_with_the_permission(order_desk):
    assert roles.is_order_desk(order_desk)
    assert roles.is_kind_en_gezin_professional(order_desk)


def test_order_desk_permission_without_a_care_role_is_no_order_desk(persona):
    analyst = persona(Role.ANALYST)
    analyst.user_permissions.add(
        Permission.objects.get(content_type__app_label="booklets", codename="handle_orders")
    )
    analyst = type(analyst).objects.get(pk=analyst.pk)
    assert not roles.is_order_desk(analyst)


def test_an_inactive_user_is_no_role_at_all(persona):
    nurse = persona(Role.KG_PROFESSIONAL)
    nurse.is_active = False
    assert not any(predicate(nurse) for predicate in PREDICATES.values())


def test_kraamzorg_role_outside_a_kraamzorg_organisation_is_no_kraamzorg_staff(persona):
    user = persona(
        Role.KRAAMZORG_SERVICE, organisation=OrganisationFactory(kind=OrganisationKind.HOSPITAL)
    )
    assert roles.is_care_professional(user)
    assert not roles.is_kraamzorg_staff(user)


def test_a_superuser_is_an_administrator_but_no_parent(make_user):
    # `createsuperuser` leaves the default role (parent) and no organisation.
    superuser = make_user(role=Role.PARENT, organisation=None, is_superuser=True)
    assert roles.is_administrator(superuser)
    assert roles.is_monitoring_manager(superuser)
    assert not roles.is_parent(superuser)
    assert not roles.is_care_professional(superuser)
