"""The demo day for `perinatal demo seed`: every role finds at least one item of each kind on
its home page, dated relative to today (docs/decisions/0029-home-per-role.md). Registered with
`accounts.demo.demo_seeds` after the other apps' seeds (INSTALLED_APPS order), once: a second
run finds the first demo-day family of the Kind en Gezin team and changes nothing.

For each organisation of the first line (Kind en Gezin, ONE, the midwife practice, the GP
practice, the community health centre, the programme provider), through the services:
- a family due in twelve weeks and five days, so that the start conversation (week 28) is due
  in five days; a referral of it to a directory service, still open;
- a family born three days ago with the demo hospital in its care team: the screening window
  closes in four days, eight perinatal physiotherapy sessions of nine are used, and the
  hospital recorded its discharge 26 hours ago without the transfer (late, for both sides);
- a family that has not consented to share, with the hospital in its care team;
- a referral from the midwife practice (or the Kind en Gezin team) addressed to it.
Then: a Kind en Gezin family whose child was born seven weeks ago without a Kindboekje; a
hospital family due in five days; a kraamzorg family in care since last month, with last
month's visits (a statement to send) and none this week; an open error report of the
directory; a failed background job, a lockout and an emergency access for the administrator,
with the family's question about it to the data protection contact; and for each first-line
organisation a family that withdrew sharing with the hospital (decision 0037).
Dates that the services set to "now" (a request's submission, a referral's) are moved back
with an update where the demo needs an older one, as the booklets' demo does for its order.
"""

from datetime import date, timedelta
from decimal import Decimal

from axes.models import AccessAttempt

from django.conf import settings
from django.utils import timezone

from perinatal.accounts.constants import OrganisationKind, Role
from perinatal.accounts.demo import DEMO_ORGANISATION_NAMES, DEMO_USERNAMES, DemoLogin, demo_seeds
from perinatal.accounts.models import Organisation, User
from perinatal.audit.models import AccessBasis, AccessEvent
from perinatal.directory.constants import ReportKind, ReportStatus
from perinatal.directory.models import ErrorReport, Service
from perinatal.jobs.constants import JobStatus
from perinatal.jobs.models import Job
from perinatal.kraamzorg.constants import Help, RequestStatus
from perinatal.kraamzorg.models import KraamzorgOffer, KraamzorgRequest
from perinatal.parents.models import AccessQuestion, CorrectionRequest, ParentLink
from perinatal.pathways.access import Grant
from perinatal.pathways.constants import (
    BirthPlace,
    NoNationalNumber,
    ProgrammeServiceKind,
    ReferralStatus,
)
from perinatal.pathways.models import Consent, Pregnancy, Referral
from perinatal.pathways.services.care_team import emergency_access_open, team_member_add
from perinatal.pathways.services.discharges import discharge_record
from perinatal.pathways.services.families import (
    ChildInput,
    PersonInput,
    birth_record,
    pregnancy_register,
)
from perinatal.pathways.services.programme import programme_service_record
from perinatal.pathways.services.referrals import referral_create

DEMO_DAY_NAME = "Demo-Werkdag"
# The kraamzorg requests of the demo day are asked under names that start with this.
DEMO_DAY_CONTACT = "Demo Werkdag"
FIRST_LINE = (
    Role.KG_PROFESSIONAL,
    Role.ONE_PROFESSIONAL,
    Role.INDEPENDENT_MIDWIFE,
    Role.GP_PRACTICE,
    Role.COMMUNITY_HEALTH_CENTRE,
    Role.PROGRAMME_PROVIDER,
)
LEAD = Grant(AccessBasis.CARE_TEAM)
DEMO_LOCKED_NAME = "demo-locked-out"
# The mothers' given names of each first-line organisation's three families.
GIVEN_NAMES = {
    Role.KG_PROFESSIONAL: ("Amina", "Sara", "Nora"),
    Role.ONE_PROFESSIONAL: ("Fatou", "Chloé", "Inès"),
    Role.INDEPENDENT_MIDWIFE: ("Lotte", "Hanne", "Elif"),
    Role.GP_PRACTICE: ("Ioana", "Maria", "Zeynep"),
    Role.COMMUNITY_HEALTH_CENTRE: ("Aisha", "Julie", "Olga"),
    Role.PROGRAMME_PROVIDER: ("Yasmina", "Emma", "Sofia"),
}


def _user(role: Role) -> User:
    return User.objects.get(username=DEMO_USERNAMES[role])


def _organisation(user: User) -> Organisation:
    """The demo professional's organisation (the accounts' demo seed gives every one)."""
    if user.organisation is None:
        raise ValueError(f"the demo user {user.username} has no organisation")
    return user.organisation


def _family(by: User, given: str, *, due: date, registered: date, consent: bool = True):
    return pregnancy_register(
        by=by,
        mother=PersonInput(
            given_name=given,
            family_name=DEMO_DAY_NAME,
            no_national_number=NoNationalNumber.NOT_YET_KNOWN,
            languages=["nl"],
        ),
        partner=None,
        postcode="1000",
        municipality="Brussel",
        languages=["nl", "fr"],
        due_date=due,
        registered_on=registered,
        consent_to_share=consent,
    )


def _first_line_day(by: User, hospital: User, today: date, service: Service | None) -> None:
    """The families of one first-line organisation (see the module's docstring)."""
    first, second, third = GIVEN_NAMES[Role(by.role)]
    soon = _family(by, first, due=today + timedelta(weeks=12, days=5), registered=today)
    if service is not None:
        referral_create(
            by=by,
            pregnancy=soon,
            grant=LEAD,
            service=service,
            reason="Demo: the family asks for help with housing before the birth.",
        )
    born = _family(
        by, second, due=today - timedelta(days=2), registered=today - timedelta(days=200)
    )
    team_member_add(by=by, pregnancy=born, grant=LEAD, organisation=_organisation(hospital))
    birth_record(
        by=hospital,
        pregnancy=born,
        grant=Grant(AccessBasis.CONSENT),
        date=today - timedelta(days=3),
        place=BirthPlace.HOSPITAL,
        children=[ChildInput(given_name="Demo")],
    )
    for _session in range(8):
        programme_service_record(
            by=by,
            pregnancy=born,
            grant=LEAD,
            kind=ProgrammeServiceKind.PHYSIOTHERAPY,
            date=today - timedelta(days=1),
            prescribed=True,
        )
    discharge_record(
        by=hospital,
        pregnancy=born,
        grant=Grant(AccessBasis.CONSENT),
        discharged_at=timezone.now() - timedelta(hours=26),
        to_organisation=_organisation(by),
    )
    unshared = _family(by, third, due=today + timedelta(days=90), registered=today, consent=False)
    team_member_add(by=by, pregnancy=unshared, grant=LEAD, organisation=_organisation(hospital))
    _sharing_withdrawn(by, soon, _organisation(hospital))


def _sharing_withdrawn(by: User, pregnancy: Pregnancy, organisation: Organisation) -> None:
    """The family (the demo parent, linked to it) withdrew sharing with the hospital from its
    own space (decision 0037). Written as `sharing_set` leaves it: the seed runs in one
    transaction, where that durable service cannot."""
    team_member_add(by=by, pregnancy=pregnancy, grant=LEAD, organisation=organisation)
    parent = _family_parent(pregnancy)
    pregnancy.team.filter(organisation=organisation, ended_at__isnull=True).update(sharing=False)
    Consent.objects.create(
        pregnancy=pregnancy, organisation=organisation, given=False, recorded_by=parent
    )
    # The same family asks its care team to correct its record (decision 0038).
    CorrectionRequest.objects.create(
        pregnancy=pregnancy,
        asked_by=parent,
        text="Demo: the expected due date is a week later than the one written here.",
        should_be="Demo: one week later, as the hospital's last scan said.",
    )


def _family_parent(pregnancy: Pregnancy) -> User:
    """A parent account of its own linked to a demo-day family (the demo parent stays linked
    to the demo family only, so "My first 1000 days" shows one family)."""
    parent, _ = User.objects.get_or_create(
        username=f"demo-family-{str(pregnancy.public_id)[:8]}",
        defaults={"role": Role.PARENT, "organisation": None},
    )
    ParentLink.objects.get_or_create(pregnancy=pregnancy, user=parent, ended_at=None)
    return parent


def _referral_to(to: Organisation, by: User, pregnancy: Pregnancy, service: Service) -> None:
    """A referral addressed to a demo organisation (the demo organisations answer for no
    directory entry, so the service's own organisation is set here)."""
    Referral.objects.create(
        pregnancy=pregnancy,
        service=service,
        to_organisation=to,
        reason="Demo: please follow this family after the birth.",
        status=ReferralStatus.SENT,
        from_organisation=_organisation(by),
        referred_by=by,
    )


def _kindboekje_family(nurse: User, today: date) -> None:
    """A Kind en Gezin family whose child was born seven weeks ago, without a Kindboekje."""
    family = _family(
        nurse, "Kindboekje", due=today - timedelta(weeks=7), registered=today - timedelta(days=250)
    )
    birth_record(
        by=nurse,
        pregnancy=family,
        grant=LEAD,
        date=today - timedelta(weeks=7),
        place=BirthPlace.HOME,
        children=[ChildInput(given_name="Lina")],
    )


def _hospital_birth(midwife: User, hospital: User, today: date) -> None:
    """A family due in five days with the demo hospital in its care team."""
    family = _family(
        midwife, "Geboorte", due=today + timedelta(days=5), registered=today - timedelta(days=200)
    )
    team_member_add(by=midwife, pregnancy=family, grant=LEAD, organisation=_organisation(hospital))


def _kraamzorg_in_care(today: date) -> None:
    """A family in care since the first of last month, visited twice last month (its
    statement is due) and not yet this week."""
    from perinatal.kraamzorg.services.care import visit_record
    from perinatal.kraamzorg.services.requests import RequestInput, request_decide, request_submit

    offer = KraamzorgOffer.objects.filter(service__organisation__is_demo=True).first()
    if offer is None:
        return
    staff = _user(Role.KRAAMZORG_SERVICE)
    first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    asked = request_submit(
        by=None,
        offer=offer,
        data=RequestInput(
            due_date=first - timedelta(days=1),
            birth_date=first - timedelta(days=2),
            postcode="1060",
            municipality="Sint-Gillis",
            adults=2,
            children=1,
            income_band="A",
            languages=["fr"],
            help_wanted=[Help.BABY_CARE, Help.HOUSEHOLD],
            contact_name=f"{DEMO_DAY_CONTACT} Kraamzorg",
            contact_phone="+32 2 555 01 00",
        ),
    )
    # Asked in pregnancy, weeks ago (the service stamps the submission now).
    KraamzorgRequest.objects.filter(pk=asked.pk).update(
        submitted_at=timezone.now() - timedelta(days=(today - first).days + 20)
    )
    asked.refresh_from_db()
    accepted = request_decide(
        by=staff,
        kraamzorg_request=asked,
        status=RequestStatus.ACCEPTED,
        planned_start=first,
        planned_hours=48,
    )
    for offset, hours in ((0, "4"), (2, "3.5")):
        visit_record(
            by=staff,
            kraamzorg_request=accepted,
            date=first + timedelta(days=offset),
            hours=Decimal(hours),
            carer="Demo Sofie",
        )


def _referrers(today: date) -> None:
    """Each actor who only refers (CAW, CGG/SSM, psychologist practice) referred a family to
    the demo kraamzorg service (the OCMW/CPAS did in the kraamzorg demo)."""
    from perinatal.kraamzorg.services.referral import request_refer_family
    from perinatal.kraamzorg.services.requests import RequestInput

    offer = KraamzorgOffer.objects.filter(service__organisation__is_demo=True).first()
    if offer is None:
        return
    for number, role in enumerate((Role.CAW, Role.CGG, Role.PSYCHOLOGIST_PRACTICE), start=1):
        request_refer_family(
            by=_user(role),
            offer=offer,
            data=RequestInput(
                due_date=today + timedelta(days=40 + 10 * number),
                birth_date=None,
                postcode="1030",
                municipality="Schaerbeek",
                adults=1,
                children=0,
                income_band="A",
                languages=["fr"],
                help_wanted=[Help.BABY_CARE, Help.EMOTIONAL],
                contact_name=f"{DEMO_DAY_CONTACT} {number}",
                contact_phone="0470 00 00 01",
            ),
            reason="Demo: a first child; the mother lives alone and asks for help at home.",
            vulnerability_reason="Demo: no network in Brussels.",
        )


def _administration(today: date) -> None:
    """An open report of the directory, a failed job, a lockout and an emergency access."""
    from perinatal.monitoring.imports.job import KIND as IMPORT_KIND

    if not ErrorReport.objects.filter(status=ReportStatus.OPEN).exists():
        ErrorReport.objects.create(
            kind=ReportKind.MISSING,
            message="Demo: a new prenatal group in Anderlecht is missing from the directory.",
            status=ReportStatus.OPEN,
        )
    analyst = _user(Role.ANALYST)
    Job.objects.create(
        kind=IMPORT_KIND,
        status=JobStatus.FAILED,
        started_by=analyst,
        attempts=3,
        failure_detail="Demo: the uploaded file could not be read.",
        started_at=timezone.now() - timedelta(hours=3),
        finished_at=timezone.now() - timedelta(hours=3),
    )
    AccessAttempt.objects.create(
        username=DEMO_LOCKED_NAME,
        ip_address="127.0.0.1",
        user_agent="demo",
        http_accept="text/html",
        path_info="/nl/account/login/",
        get_data="",
        post_data="",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )
    gp = _user(Role.GP_PRACTICE)
    # A family of the demo day that the GP practice does not care for.
    family = (
        Pregnancy.objects.filter(mother__family_name=DEMO_DAY_NAME)
        .exclude(lead_organisation=gp.organisation)
        .exclude(team__organisation=gp.organisation)
        .order_by("id")
        .first()
    )
    if family is not None:
        emergency_access_open(
            by=gp,
            pregnancy=family,
            reason="Demo: the mother came to the practice at night with a fever after the birth.",
        )
        # The family asks the data protection contact about that access (decision 0037).
        parent = _family_parent(family)
        event = (
            AccessEvent.objects.filter(subject=str(family.public_id), actor=gp)
            .order_by("-id")
            .first()
        )
        if event is not None:
            AccessQuestion.objects.create(
                pregnancy=family,
                access_event=event,
                asked_by=parent,
                text="Demo: why did a GP practice we do not know open our record?",
            )


def worklist_demo_seed() -> list[DemoLogin]:
    """The demo day (once)."""
    kind_en_gezin = Organisation.objects.get(
        name=DEMO_ORGANISATION_NAMES[OrganisationKind.KIND_EN_GEZIN]
    )
    if Pregnancy.objects.filter(
        lead_organisation=kind_en_gezin, mother__family_name=DEMO_DAY_NAME
    ).exists():
        return []
    today = timezone.localdate()
    hospital = _user(Role.HOSPITAL)
    service = Service.objects.order_by("name_nl").first()
    for role in FIRST_LINE:
        _first_line_day(_user(role), hospital, today, service)
    if service is not None:
        midwife, nurse = _user(Role.INDEPENDENT_MIDWIFE), _user(Role.KG_PROFESSIONAL)
        for role in FIRST_LINE:
            to = _user(role)
            by = nurse if role == Role.INDEPENDENT_MIDWIFE else midwife
            family = Pregnancy.objects.filter(
                lead_organisation=by.organisation, mother__family_name=DEMO_DAY_NAME
            ).first()
            if family is not None:
                _referral_to(_organisation(to), by, family, service)
        for to in (hospital,):
            family = Pregnancy.objects.filter(
                lead_organisation=midwife.organisation, mother__family_name=DEMO_DAY_NAME
            ).first()
            if family is not None:
                _referral_to(_organisation(to), midwife, family, service)
    _kindboekje_family(_user(Role.KG_PROFESSIONAL), today)
    _hospital_birth(_user(Role.INDEPENDENT_MIDWIFE), hospital, today)
    _kraamzorg_in_care(today)
    _referrers(today)
    _administration(today)
    return []


demo_seeds.register("worklist", worklist_demo_seed)
