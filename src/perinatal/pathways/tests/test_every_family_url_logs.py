"""Every page that touches a family leaves a row in the access log, for every GET and every
POST (valid or not). The pages are found by walking the URL resolver, so a page added to the
`pathways` namespace is checked without changing this test."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from perinatal.audit.models import AccessEvent
from perinatal.directory.models import Organization, Service
from perinatal.pathways import access
from perinatal.pathways.constants import ProgrammeServiceKind
from perinatal.pathways.models import ProgrammeService
from perinatal.pathways.services import care_team, discharges, outreach, referrals

from .factories import mother, national_number_for, participate, register

pytestmark = pytest.mark.django_db

NAMESPACE = "pathways"
# URL arguments that name a family's record, and who opens such a page in this test.
ID_ARGUMENTS = {"public_id", "referral_id", "discharge_id", "proposal_id", "service_id"}
# Pages only one kind of organisation may use, and who opens them in this test.
OPENED_BY = {"discharge_new": "hospital"}


def _patterns(resolver: URLResolver, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace) if n)
            found += _patterns(entry, inner)
        elif namespace == NAMESPACE and entry.name:
            found.append((entry.name, entry))
    return found


def family_urls() -> list[tuple[str, frozenset[str]]]:
    """(name, its arguments) of every page of the namespace that takes an identifier."""
    urls = {}
    for name, entry in _patterns(get_resolver()):
        arguments = frozenset(entry.pattern.converters)
        if arguments:
            urls[name] = arguments
    return sorted(urls.items())


def _today() -> str:
    return date.today().isoformat()


# A valid form for each page that has one (a page without an entry is POSTed empty only).
VALID_POSTS: dict[str, Callable[[dict], dict]] = {
    "birth": lambda ctx: {
        "date": _today(),
        "place": "hospital",
        "child-TOTAL_FORMS": "1",
        "child-INITIAL_FORMS": "0",
        "child-0-given_name": "Noor",
        "child-0-sex": "F",
    },
    "contact_new": lambda ctx: {"date": _today(), "kind": "phone", "note": "Belronde"},
    "screening_new": lambda ctx: {"date": _today(), "positive": ["housing", "finances"]},
    "service_new": lambda ctx: {"date": _today(), "kind": "physiotherapy", "prescribed": "on"},
    "referral_new": lambda ctx: {"service": str(ctx["service"].id), "reason": "Kraamzorg"},
    "team": lambda ctx: {"action": "consent", "consent-given": "yes", "consent-note": "mondeling"},
    "emergency": lambda ctx: {"reason": "The mother is at the emergency ward now."},
    "export": lambda ctx: {},
    "referral_answer": lambda ctx: {"status": "accepted", "note": "Intake on Monday"},
    "discharge_new": lambda ctx: {
        "discharged_at": _now(-2),
        "to_organisation": str(ctx["kg"].organisation.public_id),
    },
    "discharge_transfer": lambda ctx: {"transferred_at": _now(-1)},
    "outreach_new": lambda ctx: {
        "date": _today(),
        "to_organisation": str(ctx["kg"].organisation.public_id),
    },
    "proposal_answer": lambda ctx: {"status": "declined", "reason": "Geen plaats"},
    "mdo": lambda ctx: {"member": str(ctx["hospital_member"].pk)},
}


def _now(hours: int) -> str:
    moment = timezone.localtime() + timedelta(hours=hours)
    return moment.strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def ctx(midwife, kraamzorg_user, hospital_user, kg_nurse, provider) -> dict:
    participate(midwife)
    participate(kg_nurse)
    participate(provider)
    pregnancy = register(midwife)
    grant = access.grant_for(midwife, pregnancy)
    care_team.team_member_add(
        by=midwife, pregnancy=pregnancy, grant=grant, organisation=hospital_user.organisation
    )
    discharge = discharges.discharge_record(
        by=hospital_user,
        pregnancy=pregnancy,
        grant=access.grant_for(hospital_user, pregnancy),
        discharged_at=timezone.now() - timedelta(hours=3),
        to_organisation=kg_nurse.organisation,
    )
    proposal = outreach.screening_propose(
        by=midwife,
        pregnancy=pregnancy,
        grant=grant,
        date=date.today(),
        to_organisation=provider.organisation,
    )
    mdo = ProgrammeService.objects.create(
        pregnancy=pregnancy,
        kind=ProgrammeServiceKind.MDO,
        date=date.today(),
        participants=2,
        organisation=midwife.organisation,
    )
    organization = Organization.objects.create(name="Kraamzorg (test)")
    service = Service.objects.create(organization=organization, name="Kraamzorg at home")
    kraamzorg_user.organisation.directory_organization = organization
    kraamzorg_user.organisation.save()
    referral = referrals.referral_create(
        by=midwife,
        pregnancy=pregnancy,
        grant=access.grant_for(midwife, pregnancy),
        service=service,
        reason="Support at home",
    )
    return {
        "pregnancy": pregnancy,
        "service": service,
        "referral": referral,
        # who opens a page with this argument, and its value
        "public_id": (midwife, pregnancy.public_id),
        "referral_id": (kraamzorg_user, referral.public_id),
        "discharge_id": (hospital_user, discharge.public_id),
        "proposal_id": (provider, proposal.public_id),
        "service_id": (midwife, mdo.public_id),
        "hospital_member": pregnancy.team.get(organisation=hospital_user.organisation),
        "hospital": hospital_user,
        "kg": kg_nurse,
    }


def _rows(pregnancy) -> int:
    return AccessEvent.objects.filter(subject=str(pregnancy.public_id)).count()


def test_the_walk_finds_the_family_pages():
    names = {name for name, _ in family_urls()}
    assert {"pregnancy", "screening_new", "referral_new", "team", "export"} <= names
    assert {"find", "register"}.isdisjoint(names)


@pytest.mark.parametrize(
    ("name", "arguments"), family_urls(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_request_to_a_family_page_is_logged(client_for, ctx, name, arguments):
    unknown = arguments - ID_ARGUMENTS
    assert not unknown, f"{name}: say in this test who opens a page with {sorted(unknown)}"
    # A page under a family (also with a second identifier) is opened by the family's user.
    argument = "public_id" if "public_id" in arguments else next(iter(arguments))
    user = ctx[argument][0]
    user = ctx[OPENED_BY[name]] if name in OPENED_BY else user
    client = client_for(user)
    path = reverse(f"{NAMESPACE}:{name}", kwargs={a: ctx[a][1] for a in arguments})
    pregnancy = ctx["pregnancy"]

    before = _rows(pregnancy)
    response = client.get(path)
    assert response.status_code == 200, (name, response.status_code)
    assert _rows(pregnancy) > before, f"GET {path} left no access-log row"

    before = _rows(pregnancy)
    response = client.post(path, {})
    if response.status_code != 405:
        assert _rows(pregnancy) > before, f"an empty POST to {path} left no access-log row"

    if name in VALID_POSTS:
        before = _rows(pregnancy)
        response = client.post(path, VALID_POSTS[name](ctx))
        assert response.status_code in (200, 302), (name, response.status_code)
        if response.status_code == 200:
            assert "form" not in (response.context or {}) or not response.context["form"].errors
        assert _rows(pregnancy) > before, f"POST {path} left no access-log row"


def test_the_referral_inbox_logs_each_family_it_shows(client_for, ctx, kraamzorg_user):
    before = _rows(ctx["pregnancy"])
    response = client_for(kraamzorg_user).get(reverse(f"{NAMESPACE}:referrals_received"))
    assert response.status_code == 200
    assert _rows(ctx["pregnancy"]) == before + 1


@pytest.mark.parametrize("name", ["discharges_received", "proposals_received"])
def test_the_hand_over_lists_log_each_family_they_show(client_for, ctx, name):
    user = ctx["kg"] if name == "discharges_received" else ctx["proposal_id"][0]
    before = _rows(ctx["pregnancy"])
    response = client_for(user).get(reverse(f"{NAMESPACE}:{name}"))
    assert response.status_code == 200
    assert _rows(ctx["pregnancy"]) == before + 1


def test_the_name_search_is_logged(client_for, ctx, midwife):
    before = AccessEvent.objects.filter(actor=midwife, action="search").count()
    client_for(midwife).get(reverse(f"{NAMESPACE}:find"), {"q": "Testmoeder"})
    assert AccessEvent.objects.filter(actor=midwife, action="search").count() == before + 1


def test_a_search_by_number_is_logged_against_the_family_it_found(client_for, ctx, kg_nurse):
    number = national_number_for(date(1991, 4, 5), 11)
    other = register(kg_nurse, mother=mother(national_number=number, no_national_number=""))
    before = _rows(other)
    client_for(kg_nurse).post(reverse(f"{NAMESPACE}:find"), {"national_number": number})
    assert _rows(other) == before + 1
