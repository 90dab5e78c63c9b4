"""The family record's part of the demo data: the demo midwife has registered one demo family
(no national number, the mother's date of birth, consent to share, the demo Kind en Gezin team
in its care team), found
again by its name so a second run changes nothing. Registered with
`accounts.demo.demo_seeds`."""

from datetime import date, timedelta

from django.utils import timezone

from perinatal.accounts.constants import OrganisationKind, Role
from perinatal.accounts.demo import (
    DEMO_ORGANISATION_NAMES,
    DEMO_USERNAMES,
    DemoLogin,
    demo_seeds,
)
from perinatal.accounts.models import Organisation, User
from perinatal.audit.models import AccessBasis

from .access import Grant
from .constants import NoNationalNumber
from .models import Pregnancy
from .services.care_team import team_member_add
from .services.families import PersonInput, pregnancy_register

DEMO_FAMILY_NAME = "Demo-Gezin"
# The demo mother's date of birth: what a parent types with a code to link (parents/link_demo.py).
DEMO_MOTHER_BIRTH_DATE = date(1994, 5, 17)


def pathways_demo_seed() -> list[DemoLogin]:
    """One demo family registered by the demo midwife (once: found again by its name)."""
    midwife = User.objects.get(username=DEMO_USERNAMES[Role.INDEPENDENT_MIDWIFE])
    kind_en_gezin = Organisation.objects.get(
        name=DEMO_ORGANISATION_NAMES[OrganisationKind.KIND_EN_GEZIN]
    )
    exists = Pregnancy.objects.filter(
        lead_organisation=midwife.organisation, mother__family_name=DEMO_FAMILY_NAME
    ).exists()
    if exists:
        return []
    today = timezone.localdate()
    pregnancy = pregnancy_register(
        by=midwife,
        mother=PersonInput(
            given_name="Demo",
            family_name=DEMO_FAMILY_NAME,
            birth_date=DEMO_MOTHER_BIRTH_DATE,
            no_national_number=NoNationalNumber.NOT_INSURED,
            languages=["fr", "ar"],
        ),
        partner=None,
        postcode="1080",
        municipality="Molenbeek-Saint-Jean",
        languages=["fr", "ar"],
        due_date=today + timedelta(days=120),
        registered_on=today,
        consent_to_share=True,
    )
    team_member_add(
        by=midwife,
        pregnancy=pregnancy,
        grant=Grant(AccessBasis.CARE_TEAM),
        organisation=kind_en_gezin,
        task="startgesprek",
    )
    return []


demo_seeds.register("pathways", pathways_demo_seed)
