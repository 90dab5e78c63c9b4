"""What a user is: the one place that answers "is this user a …?" for every app.

Each predicate looks at the user alone (logged in and active, role, the kind of
organisation, a permission) and never at an object. Whether a user may see or change a
particular record (a family, a kraamzorg request, an order) is the app's own access module
(`pathways/access.py`, `kraamzorg/access.py`, …), which calls these.

Who is asked about:
- a `User`: a professional acts for an organisation (its `role` says which kind); a parent
  has none. A superuser counts as an administrator (`User.has_role`), never as a care
  professional, a parent or a kraamzorg service's staff: those look at the role itself.
- an anonymous user (`AnonymousUser`, the public pages): every predicate answers False.
- None, **the command line's operator**: a management command run without a user
  (`perinatal monitoring import` without `--as-user`, the demo data) acts as the operator of
  the server, who already holds the database. Every role predicate answers False for None;
  only `is_operator(None)` is True. A service that a command calls without a user admits the
  operator by name, `is_operator(by) or is_monitoring_manager(by)`: today the monitoring's
  import of submissions and its close and reopen of a work year. Nothing else does.
"""

from typing import Any

from .constants import REFERRING_ROLES, OrganisationKind, Role

# The roles of the professionals who care for families (the others never see a person).
CARE_ROLES = frozenset(
    {
        Role.KG_PROFESSIONAL,
        Role.INDEPENDENT_MIDWIFE,
        Role.HOSPITAL,
        Role.PROGRAMME_PROVIDER,
        Role.KRAAMZORG_SERVICE,
        # The first line of the whole network (docs/decisions/0028-care-network.md).
        Role.ONE_PROFESSIONAL,
        Role.GP_PRACTICE,
        Role.COMMUNITY_HEALTH_CENTRE,
    }
)

# The roles that manage the monitoring: import for any service, close and reopen years.
MONITORING_MANAGER_ROLES = (Role.ANALYST, Role.ADMINISTRATOR)

# The permission of the Kindboekje order desk (declared on `booklets.Booklet`).
ORDER_DESK_PERMISSION = "booklets.handle_orders"


def is_operator(user: Any) -> bool:
    """The command line's operator: a command run without a user (`user is None`)."""
    return user is None


def is_signed_in(user: Any) -> bool:
    """A user who is logged in and whose account is active (not None, not anonymous)."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def is_parent(user: Any) -> bool:
    """A parent (or member of the public) with an account; never a superuser."""
    return is_signed_in(user) and user.role == Role.PARENT and not user.is_superuser


def is_care_professional(user: Any) -> bool:
    """A professional who cares for families (`CARE_ROLES`) and acts for an organisation."""
    return is_signed_in(user) and user.role in CARE_ROLES and user.organisation_id is not None


def is_kind_en_gezin_professional(user: Any) -> bool:
    """A care professional of Kind en Gezin (a nurse of a Kind en Gezin team)."""
    return is_care_professional(user) and user.role == Role.KG_PROFESSIONAL


def is_independent_midwife(user: Any) -> bool:
    """A care professional who is an independent midwife (acting for her practice)."""
    return is_care_professional(user) and user.role == Role.INDEPENDENT_MIDWIFE


def is_kraamzorg_staff(user: Any) -> bool:
    """A user of a kraamzorg service: the role `kraamzorg_service` in an organisation of that
    kind (the service's intake staff, who also submit its yearly monitoring)."""
    if not is_signed_in(user) or user.role != Role.KRAAMZORG_SERVICE:
        return False
    organisation = user.organisation if user.organisation_id is not None else None
    return organisation is not None and organisation.kind == OrganisationKind.KRAAMZORG_SERVICE


def is_order_desk(user: Any) -> bool:
    """A care professional who works at the Kindboekje order desk (holds the permission
    `booklets.handle_orders`); an administrator as such is not one."""
    return is_care_professional(user) and user.has_perm(ORDER_DESK_PERMISSION)


def is_directory_editor(user: Any) -> bool:
    """A directory editor or an administrator: who corrects the directory's entries."""
    return is_signed_in(user) and user.has_role(Role.DIRECTORY_EDITOR, Role.ADMINISTRATOR)


def is_analyst(user: Any) -> bool:
    """An analyst (the role itself; administrators are not included)."""
    return is_signed_in(user) and user.role == Role.ANALYST


def is_monitoring_manager(user: Any) -> bool:
    """An analyst or an administrator (or a superuser): sees every service's monitoring,
    imports for any service, closes and reopens work years. False for the operator (None):
    a service that admits the operator says so (`is_operator(by) or …`)."""
    return is_signed_in(user) and user.has_role(*MONITORING_MANAGER_ROLES)


def is_administrator(user: Any) -> bool:
    """An administrator of the platform (or a superuser)."""
    return is_signed_in(user) and user.has_role(Role.ADMINISTRATOR)


def is_hospital_professional(user: Any) -> bool:
    """A care professional of a hospital (the role `hospital` in an organisation of that
    kind): who records a discharge and its transfer to the first line."""
    if not is_care_professional(user) or user.role != Role.HOSPITAL:
        return False
    return bool(user.organisation.kind == OrganisationKind.HOSPITAL)


def is_referral_only(user: Any) -> bool:
    """A professional of an actor who only refers (OCMW/CPAS, CAW, CGG/SSM, a psychologist
    practice, `REFERRING_ROLES`): never sees a family's record, only what its organisation
    referred and the answer (docs/decisions/0028-care-network.md)."""
    return is_signed_in(user) and user.role in REFERRING_ROLES and user.organisation_id is not None


def is_referring_professional(user: Any) -> bool:
    """Who may refer a family to kraamzorg (seed 003, "verschillende zorgactoren … moeten
    kwetsbare gezinnen zorgzaam kunnen doorverwijzen"): a care professional or a
    professional of an actor who only refers."""
    return is_care_professional(user) or is_referral_only(user)


def is_one_professional(user: Any) -> bool:
    """A care professional of ONE (Kind en Gezin's French-speaking counterpart)."""
    return is_care_professional(user) and user.role == Role.ONE_PROFESSIONAL
