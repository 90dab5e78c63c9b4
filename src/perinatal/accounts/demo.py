"""Demo organisations and users, so a newcomer can see every side of the platform.

`perinatal demo seed` creates one organisation of each kind and one user per role, all marked
`is_demo`, with one shared password; every professional gets a confirmed TOTP device with the
same published key, so anyone can log in with `perinatal demo totp USERNAME` or an authenticator
app. Refused unless `PERINATAL_ALLOW_DEMO_DATA` (never under the production settings).

The demo Kind en Gezin team, midwife practice and programme provider take part in the
first-1000-days programme; the demo kraamzorg service answers for a Brussels kraamzorg entry
of the directory (when the directory is loaded and no real organisation answers for it), so
referrals reach it; and the demo midwife has registered one demo family (no national number,
consent to share, the demo Kind en Gezin team in its care team).

Each demo professional has a profession (`DEMO_PROFESSIONS`: the Kind en Gezin nurse, the
conventioned midwife and GP, …), and the programme provider also has a care coordinator
(`demo-coordinator`), so every programme service can be recorded by someone allowed to.
"""

import base64
from collections.abc import Callable
from dataclasses import dataclass

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.translation import gettext

from perinatal.core.registry import Registry

from .constants import ROLE_ORGANISATION_KIND, OrganisationKind, Profession, Role
from .models import Organisation, User
from .services import user_role_groups_grant

# Published on purpose: these accounts exist only where demo data is allowed.
DEMO_PASSWORD = "perinatal-demo-1000"  # noqa: S105
# The demo TOTP secret (20 bytes, the text "perinatal-demo-totp-"); in an authenticator app:
# base32 OBSXE2LOMF2GC3BNMRSW23ZNORXXI4BN, time-based, SHA-1, 6 digits, 30 seconds.
DEMO_TOTP_SECRET = "OBSXE2LOMF2GC3BNMRSW23ZNORXXI4BN"  # noqa: S105
DEMO_TOTP_KEY_HEX = base64.b32decode(DEMO_TOTP_SECRET).hex()
DEMO_DEVICE_NAME = "demo"

DEMO_ORGANISATION_NAMES: dict[OrganisationKind, str] = {
    OrganisationKind.KIND_EN_GEZIN: "Demo Kind en Gezin team Brussel",
    OrganisationKind.MIDWIFE_PRACTICE: "Demo vroedvrouwenpraktijk / cabinet de sages-femmes",
    OrganisationKind.HOSPITAL: "Demo ziekenhuis / hôpital",
    OrganisationKind.PROGRAMME_PROVIDER: "Demo 1000 dagen-aanbieder / prestataire 1000 jours",
    OrganisationKind.KRAAMZORG_SERVICE: "Demo kraamzorgdienst",
    OrganisationKind.DIRECTORY_OFFICE: "Demo redactie repertorium / rédaction répertoire",
    OrganisationKind.ANALYSIS: "Demo analyse en beleid / analyse et politique",
    OrganisationKind.PLATFORM: "Demo platformbeheer / gestion de la plateforme",
    # The whole care network (docs/decisions/0028-care-network.md).
    OrganisationKind.ONE: "Demo ONE consultation Bruxelles",
    OrganisationKind.GP_PRACTICE: "Demo huisartsenpraktijk / cabinet de médecine générale",
    OrganisationKind.COMMUNITY_HEALTH_CENTRE: "Demo wijkgezondheidscentrum / maison médicale",
    OrganisationKind.OCMW: "Demo OCMW / CPAS",
    OrganisationKind.CAW: "Demo CAW Brussel",
    OrganisationKind.CGG: "Demo CGG / SSM",
    OrganisationKind.PSYCHOLOGIST_PRACTICE: "Demo psychologenpraktijk / cabinet de psychologues",
}

# The demo organisations that take part in the first-1000-days programme.
DEMO_PROGRAMME_PARTICIPANTS = frozenset(
    {
        OrganisationKind.KIND_EN_GEZIN,
        OrganisationKind.MIDWIFE_PRACTICE,
        OrganisationKind.PROGRAMME_PROVIDER,
    }
)

DEMO_USERNAMES: dict[Role, str] = {
    Role.KG_PROFESSIONAL: "demo-kg",
    Role.INDEPENDENT_MIDWIFE: "demo-midwife",
    Role.HOSPITAL: "demo-hospital",
    Role.PROGRAMME_PROVIDER: "demo-provider",
    Role.KRAAMZORG_SERVICE: "demo-kraamzorg",
    Role.DIRECTORY_EDITOR: "demo-editor",
    Role.ANALYST: "demo-analyst",
    Role.ADMINISTRATOR: "demo-admin",
    Role.PARENT: "demo-parent",
    Role.ONE_PROFESSIONAL: "demo-one",
    Role.GP_PRACTICE: "demo-gp",
    Role.COMMUNITY_HEALTH_CENTRE: "demo-health-centre",
    Role.OCMW: "demo-ocmw",
    Role.CAW: "demo-caw",
    Role.CGG: "demo-cgg",
    Role.PSYCHOLOGIST_PRACTICE: "demo-psychologist",
}

# The demo people's professions and whether they are conventioned (docs/decisions/0025): who
# may record which programme service follows from them.
DEMO_PROFESSIONS: dict[Role, tuple[Profession, bool]] = {
    Role.KG_PROFESSIONAL: (Profession.NURSE, False),
    Role.INDEPENDENT_MIDWIFE: (Profession.MIDWIFE, True),
    Role.HOSPITAL: (Profession.MIDWIFE, False),
    Role.PROGRAMME_PROVIDER: (Profession.GP, True),
    Role.KRAAMZORG_SERVICE: (Profession.SOCIAL_WORKER, False),
}

# A care coordinator of the demo programme provider: who coordinates care and welfare.
DEMO_COORDINATOR = "demo-coordinator"


# Other apps add their demo data (and demo users) after the accounts', in the order of
# INSTALLED_APPS: each registers one seed under its label from its AppConfig.ready()
# (`demo_seeds.register("booklets", booklets_demo_seed)`); a seed returns the logins it made,
# and runs in the same transaction.
DemoSeed = Callable[[], list["DemoLogin"]]
demo_seeds: Registry[DemoSeed] = Registry("demo seeds")


class DemoDataNotAllowed(ImproperlyConfigured):
    pass


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    organisation: str
    two_factor: bool


def ensure_allowed() -> None:
    if not settings.PERINATAL_ALLOW_DEMO_DATA:
        raise DemoDataNotAllowed(
            "Demo data is not allowed with these settings (PERINATAL_ALLOW_DEMO_DATA is off, "
            "as it always is in production)."
        )


@transaction.atomic
def demo_seed() -> list[DemoLogin]:
    """Create or repair the demo organisations and users; running it twice changes nothing."""
    ensure_allowed()
    organisations = {}
    for kind, name in DEMO_ORGANISATION_NAMES.items():
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            organisation = Organisation.objects.create(name=name, kind=kind, is_demo=True)
        if organisation.is_demo:
            _demo_organisation_repair(organisation)
        organisations[kind] = organisation

    logins = []
    for role, username in DEMO_USERNAMES.items():
        role_kind = ROLE_ORGANISATION_KIND.get(role)
        organisation = organisations[role_kind] if role_kind else None
        profession, conventioned = DEMO_PROFESSIONS.get(role, (Profession.NONE, False))
        user = _demo_user(
            username=username,
            role=role,
            organisation=organisation,
            profession=profession,
            conventioned=conventioned,
        )
        if user.requires_two_factor:
            _demo_device(user)
        user_role_groups_grant(user=user)
        logins.append(
            DemoLogin(
                username=username,
                role=str(role.label),
                organisation=organisation.name if organisation else "",
                two_factor=user.requires_two_factor,
            )
        )
    coordinator = demo_professional(
        username=DEMO_COORDINATOR,
        role=Role.PROGRAMME_PROVIDER,
        organisation=organisations[OrganisationKind.PROGRAMME_PROVIDER],
        profession=Profession.CARE_COORDINATOR,
        conventioned=False,
    )
    logins.append(
        DemoLogin(
            username=coordinator.username,
            role=gettext("%(role)s: %(profession)s")
            % {
                "role": Role.PROGRAMME_PROVIDER.label,
                "profession": Profession.CARE_COORDINATOR.label,
            },
            organisation=coordinator.organisation.name if coordinator.organisation else "",
            two_factor=True,
        )
    )
    for seed in demo_seeds:
        logins += seed()
    return logins


def _demo_organisation_repair(organisation: Organisation) -> None:
    """Programme participation (the directory links the demo kraamzorg service to its entry:
    `directory/demo.py`)."""
    changed = []
    participant = organisation.kind in DEMO_PROGRAMME_PARTICIPANTS
    if organisation.programme_participant != participant:
        organisation.programme_participant = participant
        changed.append("programme_participant")
    if changed:
        organisation.save(update_fields=changed)


def demo_professional(
    *,
    username: str,
    role: Role,
    organisation: Organisation,
    profession: Profession | None = None,
    conventioned: bool | None = None,
) -> User:
    """A demo professional beside the one per role (the order desk, the care coordinator),
    with the demo device; the role's demo profession unless another is given."""
    default_profession, default_conventioned = DEMO_PROFESSIONS.get(role, (Profession.NONE, False))
    user = _demo_user(
        username=username,
        role=role,
        organisation=organisation,
        profession=default_profession if profession is None else profession,
        conventioned=default_conventioned if conventioned is None else conventioned,
    )
    _demo_device(user)
    user_role_groups_grant(user=user)
    return user


def _demo_user(
    *,
    username: str,
    role: Role,
    organisation: Organisation | None,
    profession: Profession = Profession.NONE,
    conventioned: bool = False,
) -> User:
    is_admin = role == Role.ADMINISTRATOR
    wanted = {
        "role": role,
        "organisation": organisation,
        "profession": profession,
        "conventioned": conventioned,
        "email": f"{username}@demo.perinatal.invalid",
        "first_name": "Demo",
        "last_name": str(role.label),
        "is_active": True,
        "is_staff": is_admin,
        "is_superuser": is_admin,
        "is_demo": True,
    }
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, **wanted)
        user.set_password(DEMO_PASSWORD)
        user.save()
        return user
    changed = [field for field, value in wanted.items() if getattr(user, field) != value]
    for field in changed:
        setattr(user, field, wanted[field])
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        changed.append("password")
    if changed:
        user.save(update_fields=changed)
    return user


def _demo_device(user: User) -> TOTPDevice:
    device, created = TOTPDevice.objects.get_or_create(
        user=user,
        name=DEMO_DEVICE_NAME,
        defaults={"key": DEMO_TOTP_KEY_HEX, "confirmed": True},
    )
    if not created and (device.key != DEMO_TOTP_KEY_HEX or not device.confirmed):
        device.key, device.confirmed = DEMO_TOTP_KEY_HEX, True
        device.save(update_fields=["key", "confirmed"])
    return device


def demo_totp_code(username: str) -> str:
    """The current 6-digit code of a demo user's demo device."""
    ensure_allowed()
    device = TOTPDevice.objects.get(
        user__username=username, user__is_demo=True, name=DEMO_DEVICE_NAME
    )
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
