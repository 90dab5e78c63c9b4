"""No dead ends (issue 15, item 3): from each role's home page, following links and GET forms
only, as the user would, every page of that role's workflows is reached. The world is the
demo day (`worklist/demo.py`), so every kind of item exists. A page that cannot be reached is
named in the failure."""

import pytest

from django.test import Client

from perinatal.accounts.demo import demo_seed
from perinatal.accounts.models import User
from perinatal.accounts.tests.factories import logged_in_client

from .crawl import crawl

pytestmark = pytest.mark.django_db

FAMILY_CARE = {
    "worklist:home",
    "accounts:home",
    "jobs:list",
    "pathways:find",
    "pathways:register",
    "pathways:pregnancy",
    "pathways:contact_new",
    "pathways:service_new",
    "pathways:referral_new",
    "pathways:referral_answer",
    "pathways:referrals_received",
    "pathways:discharges_received",
    "pathways:team",
    "pathways:export",
    "kraamzorg:mine",
    "kraamzorg:refer",
    "parents:family_links",
}
PROGRAMME = {"pathways:screening_new"}

# The pages of each role's workflows (by URL name), from its home page.
WORKFLOWS: dict[str, set[str]] = {
    "demo-kg": FAMILY_CARE | PROGRAMME | {"booklets:ask", "booklets:follow_up", "pathways:birth"},
    "demo-one": FAMILY_CARE | {"pathways:birth"},
    "demo-midwife": FAMILY_CARE | PROGRAMME | {"booklets:ask", "booklets:orders_mine"},
    "demo-gp": FAMILY_CARE,
    "demo-health-centre": FAMILY_CARE,
    "demo-provider": FAMILY_CARE | PROGRAMME,
    "demo-hospital": {
        "worklist:home",
        "accounts:home",
        "pathways:find",
        "pathways:pregnancy",
        "pathways:birth",
        "pathways:discharge_new",
        "pathways:discharge_transfer",
        "pathways:referral_answer",
        "booklets:ask",
    },
    "demo-kraamzorg": {
        "worklist:home",
        "accounts:home",
        "kraamzorg:intake",
        "kraamzorg:intake_request",
        "kraamzorg:care",
        "kraamzorg:statement",
        "kraamzorg:statement_pdf",
        "monitoring:submissions",
    },
    "demo-editor": {
        "worklist:home",
        "accounts:home",
        "directory:editor_queue",
        "directory:report_close",
        "directory:service_edit",
        "directory:synonyms",
        "directory:questions",
    },
    "demo-analyst": {
        "worklist:home",
        "accounts:home",
        "monitoring:dashboard",
        "booklets:monitoring",
        "monitoring:submissions",
    },
    "demo-orderdesk": {"worklist:home", "booklets:desk", "booklets:desk_order"},
    "demo-admin": {
        "worklist:home",
        "accounts:home",
        "jobs:list",
        "jobs:detail",
        "audit:access_log",
        "admin:index",
        "admin:axes_accessattempt_changelist",
        "directory:editor_queue",
        "monitoring:dashboard",
    },
    "demo-parent": {
        "worklist:home",
        "accounts:home",
        "kraamzorg:ask",
        "kraamzorg:mine",
        "kraamzorg:request",
        "booklets:parent_order",
        "guide:index",
        "parents:link",
        "parents:unlink",
        "parents:family",
    },
    "demo-ocmw": {
        "worklist:home",
        "accounts:home",
        "kraamzorg:mine",
        "kraamzorg:request",
        "kraamzorg:refer_family",
    },
}


@pytest.fixture
def demo_day(db):
    from perinatal.directory.tests.factories import ServiceFactory

    ServiceFactory()
    demo_seed()


@pytest.mark.parametrize("username", sorted(WORKFLOWS))
def test_every_workflow_page_is_reached_from_the_home_page(demo_day, username):
    user = User.objects.get(username=username)
    client = logged_in_client(user, client=Client())
    walk = crawl(client, "/nl/work/")
    assert walk.failures == [], f"{username}: pages that fail: {walk.failures}"
    unreached = sorted(WORKFLOWS[username] - set(walk.reached))
    assert unreached == [], f"{username} cannot reach {unreached} from the home page"


def test_an_accepted_request_links_to_its_care_page(demo_day):
    """The dead end of issue 15: after "accepted and planned" the request page had no next
    step; it links to the care page now."""
    from perinatal.kraamzorg.constants import RequestStatus
    from perinatal.kraamzorg.models import KraamzorgRequest

    accepted = KraamzorgRequest.objects.filter(status=RequestStatus.ACCEPTED).first()
    client = logged_in_client(User.objects.get(username="demo-kraamzorg"), client=Client())
    html = client.get(f"/nl/kraamzorg/intake/{accepted.public_id}/").content.decode()
    assert f'href="/nl/kraamzorg/care/{accepted.public_id}/"' in html
