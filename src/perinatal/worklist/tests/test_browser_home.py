"""Issue 15, "Done when": in a real browser, each role logs in, lands on its home page and does
its first task through links only, in Dutch and in French, on a desktop and on a 390 px
phone: it clicks the first item of the kind of work it is there for, fills in and sends the
form of the page it leads to, and the test checks the effect in the database (and that the
item left the home page where it is done). No page of the task scrolls sideways on the
phone, and the home page's dates are written out in the page's language.

The first tasks (`FIRST_TASKS`): the first line answers the first referral to answer (the
first item of its home, the discharges transferred to it, is read, not done, on the list of
discharges); the hospital records the first birth; the kraamzorg service accepts and plans
the first request; the editor resolves the first report; the order desk approves the first
order; the analyst reads the kraamzorg figures of the latest year; the administrator reviews
the emergency access in the family's access log; a parent and an actor who only refers read
where their open request stands.

The world is the demo day (`worklist/demo.py`): every role has items."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from django.utils import translation

from perinatal.accounts.demo import DEMO_PASSWORD, demo_seed, demo_totp_code

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}

# The demo users, one per role (the order desk is a Kind en Gezin nurse with its permission).
USERS = [
    "demo-kg",
    "demo-one",
    "demo-midwife",
    "demo-gp",
    "demo-health-centre",
    "demo-provider",
    "demo-hospital",
    "demo-kraamzorg",
    "demo-editor",
    "demo-analyst",
    "demo-orderdesk",
    "demo-admin",
    "demo-parent",
    "demo-ocmw",
]
MONTHS = {
    "nl": "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december",
    "fr": "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre",
}


@pytest.fixture
def demo_day(audit_flushable):
    from perinatal.directory.tests.factories import ServiceFactory

    ServiceFactory()
    demo_seed()


@pytest.fixture
def open_tab(demo_day, chromium, live_server):
    contexts = []

    def open_one(viewport: dict):
        context = chromium.new_context(base_url=live_server.url, locale="nl-BE", viewport=viewport)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_one
    for context in contexts:
        context.close()


def submit(tab) -> None:
    tab.locator("main form[method=post] button[type=submit]").first.click()


def log_in(tab, username: str, language: str) -> None:
    tab.goto(f"/{language}/account/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", DEMO_PASSWORD)
    submit(tab)
    if "/two-factor/" in tab.url:
        tab.fill("input[name=code]", demo_totp_code(username))
        submit(tab)
        # The same code may log in again in this test (django-otp remembers a used one).
        TOTPDevice.objects.filter(user__username=username).update(last_t=-1)


def assert_fits(tab) -> None:
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{tab.url} is {width} px wide"


# Each role once in Dutch on a desktop and once in French on a phone: every test seeds the
# demo day anew (a task changes it), so the four combinations per role would double the cost
# for no page the two do not already show.
RUNS = [("nl", "desktop"), ("fr", "phone")]


def visit(tab, viewport: str) -> None:
    """What every page of the task must be: in a language, with a heading, and on a phone
    no wider than the screen."""
    expect(tab.locator("main h1").first).to_be_visible()
    if viewport == "phone":
        assert_fits(tab)


def send(tab) -> None:
    """Send the page's form and wait for the page it leads to (the write is committed)."""
    with tab.expect_navigation():
        submit(tab)


def open_item(tab, viewport: str, href_part: str = "") -> str:
    """Click the first work item (or the first one whose link holds `href_part`) and return
    the address it leads to."""
    link = tab.locator(f"main .work-item a[href*='{href_part}']").first
    expect(link).to_be_visible()
    why = link.locator("xpath=ancestor::*[contains(@class, 'work-item')]").locator(".why").first
    assert not re.search(r"\d{4}-\d{2}-\d{2}", why.inner_text())  # never an ISO date
    href = link.get_attribute("href")
    link.click()
    expect(tab).to_have_url(re.compile(re.escape(href.split("#")[0])))
    visit(tab, viewport)
    return href


def home_links(tab, language: str) -> list[str]:
    tab.goto(f"/{language}/work/")
    return [a.get_attribute("href") for a in tab.locator("main .work-item a").all()]


def answer_a_referral(tab, language, viewport):
    """The first line: the first referral to answer, accepted."""
    from perinatal.pathways.constants import ReferralStatus
    from perinatal.pathways.models import Referral

    href = open_item(tab, viewport, "/families/referrals/")
    tab.locator("input[name=status][value=accepted]").check()
    tab.fill("textarea[name=note]", "Demo: we take the family on.")
    send(tab)
    visit(tab, viewport)
    referral = Referral.objects.get(public_id=href.rstrip("/").split("/")[-1])
    assert referral.status == ReferralStatus.ACCEPTED


def record_a_birth(tab, language, viewport):
    """The hospital: the first birth to register."""
    from django.utils import timezone

    from perinatal.pathways.models import Pregnancy

    href = open_item(tab, viewport, "/birth/")
    tab.fill("input[name=date]", timezone.localdate().isoformat())
    tab.select_option("select[name=place]", "hospital")
    tab.fill("input[name='child-0-given_name']", "Noor")
    send(tab)
    visit(tab, viewport)
    family = Pregnancy.objects.get(public_id=href.rstrip("/").split("/")[-2])
    assert family.birth.children.get().given_name == "Noor"
    assert href not in home_links(tab, language)


def accept_a_kraamzorg_request(tab, language, viewport):
    """The kraamzorg service: the first request to answer, accepted and planned."""
    from datetime import timedelta

    from django.utils import timezone

    from perinatal.kraamzorg.constants import RequestStatus
    from perinatal.kraamzorg.models import KraamzorgRequest

    href = open_item(tab, viewport, "/kraamzorg/intake/")
    tab.locator("input[name='decide-status'][value=accepted]").check()
    start = timezone.localdate() + timedelta(days=50)
    tab.fill("input[name='decide-planned_start']", start.isoformat())
    tab.fill("input[name='decide-planned_hours']", "48")
    send(tab)
    visit(tab, viewport)
    asked = KraamzorgRequest.objects.get(public_id=href.rstrip("/").split("/")[-1])
    assert (asked.status, asked.planned_start) == (RequestStatus.ACCEPTED, start)
    assert href not in home_links(tab, language)


def close_a_report(tab, language, viewport):
    """The directory editor: the first open report, resolved."""
    from perinatal.directory.constants import ReportStatus
    from perinatal.directory.models import ErrorReport

    href = open_item(tab, viewport, "/editor/reports/")
    tab.select_option("select[name=status]", "resolved")
    tab.fill("textarea[name=resolution]", "Demo: added to the directory.")
    send(tab)
    visit(tab, viewport)
    report = ErrorReport.objects.get(id=href.rstrip("/").split("/")[-1])
    assert report.status == ReportStatus.RESOLVED
    assert href not in home_links(tab, language)


def approve_an_order(tab, language, viewport):
    """The order desk: the first booklet order, approved (it then waits to be shipped)."""
    from perinatal.booklets.constants import OrderStatus
    from perinatal.booklets.models import BookletOrder

    href = open_item(tab, viewport, "/kindboekje/desk/")
    tab.locator("input[name=status][value=approved]").check()
    send(tab)
    visit(tab, viewport)
    order = BookletOrder.objects.get(public_id=href.rstrip("/").split("/")[-1])
    assert order.status == OrderStatus.APPROVED


def read_the_dashboard(tab, language, viewport):
    """The analyst: the dashboard on the latest year with data, and a figure of it (the demo
    day's records of this year counted by the other modules; no kraamzorg file was sent)."""
    from django.utils import timezone

    open_item(tab, viewport, "/monitoring/")
    year = str(timezone.localdate().year)
    expect(tab.locator("select[name=year]")).to_have_value(year)
    expect(tab.locator("#kraamzorg h2")).to_contain_text(year)
    cells = tab.locator("#other-modules table td")
    expect(cells.first).to_be_visible()
    assert any(re.fullmatch(r"[1-9]\d*", text.strip()) for text in cells.all_inner_texts())


def review_an_emergency_access(tab, language, viewport):
    """The administrator: the emergency access to review, in the access log of its family."""
    open_item(tab, viewport, "/audit/access-log/")
    expect(tab.locator("main")).to_contain_text(
        {"nl": "noodtoegang", "fr": "accès d'urgence"}[language], ignore_case=True
    )
    expect(tab.locator("main")).to_contain_text("demo-gp")
    expect(tab.locator("main")).to_contain_text("the mother came to the practice at night")


def see_the_open_request(tab, language, viewport):
    """A parent (and an actor who only refers): the open kraamzorg request and where it stands."""
    from perinatal.kraamzorg.constants import RequestStatus
    from perinatal.kraamzorg.models import KraamzorgRequest

    href = open_item(tab, viewport, "/kraamzorg/requests/")
    asked = KraamzorgRequest.objects.get(public_id=href.rstrip("/").split("/")[-1])
    with translation.override(language):
        label = str(RequestStatus(asked.status).label)
    expect(tab.locator("main")).to_contain_text(label)


FIRST_TASKS = {
    "demo-kg": answer_a_referral,
    "demo-one": answer_a_referral,
    "demo-midwife": answer_a_referral,
    "demo-gp": answer_a_referral,
    "demo-health-centre": answer_a_referral,
    "demo-provider": answer_a_referral,
    "demo-hospital": record_a_birth,
    "demo-kraamzorg": accept_a_kraamzorg_request,
    "demo-editor": close_a_report,
    "demo-analyst": read_the_dashboard,
    "demo-orderdesk": approve_an_order,
    "demo-admin": review_an_emergency_access,
    "demo-parent": see_the_open_request,
    "demo-ocmw": see_the_open_request,
}


@pytest.mark.parametrize(("language", "viewport"), RUNS)
@pytest.mark.parametrize("username", USERS)
def test_each_role_does_the_first_task_of_its_home(open_tab, username, language, viewport):
    tab = open_tab(VIEWPORTS[viewport])
    log_in(tab, username, language)
    expect(tab).to_have_url(re.compile(rf"/{language}/work/$"))
    expect(tab.locator("html")).to_have_attribute("lang", language)
    if viewport == "phone":
        assert_fits(tab)
    FIRST_TASKS[username](tab, language, viewport)
    expect(tab.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_home_page_writes_dates_in_words_and_passes_axe(open_tab, language):
    tab = open_tab(PHONE)
    log_in(tab, "demo-kg", language)
    text = tab.locator("main").inner_text()
    assert re.search(rf"\d{{1,2}} ({MONTHS[language]}) \d{{4}}", text), text[:400]
    results = Axe().run(tab)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in serious]
