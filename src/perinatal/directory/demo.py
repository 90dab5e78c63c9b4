"""The directory's part of the demo data: the demo kraamzorg service answers for a Brussels
kraamzorg entry of the directory (when the directory is loaded and no real organisation
answers for it), so referrals reach it. Registered with `accounts.demo.demo_seeds`."""

from perinatal.accounts.constants import OrganisationKind
from perinatal.accounts.demo import DemoLogin, demo_seeds
from perinatal.accounts.models import Organisation

from .models import Organization

# Brussels kraamzorg services of the directory (seed 002), by key: the first one loaded is
# the demo kraamzorg service's directory entry.
DEMO_KRAAMZORG_DIRECTORY_KEYS = ("familiehulp", "i-mens")


def _free_kraamzorg_entry() -> Organization | None:
    """A Brussels kraamzorg entry of the directory that no real organisation answers for."""
    for key in DEMO_KRAAMZORG_DIRECTORY_KEYS:
        entry = Organization.objects.filter(key=key).first()
        if entry is None:
            continue
        if not Organisation.objects.filter(directory_organization=entry, is_demo=False).exists():
            return entry
    return None


def directory_demo_seed() -> list[DemoLogin]:
    for organisation in Organisation.objects.filter(
        is_demo=True,
        kind=OrganisationKind.KRAAMZORG_SERVICE,
        directory_organization__isnull=True,
    ):
        entry = _free_kraamzorg_entry()
        if entry is not None:
            organisation.directory_organization = entry
            organisation.save(update_fields=["directory_organization"])
    return []


demo_seeds.register("directory", directory_demo_seed)
