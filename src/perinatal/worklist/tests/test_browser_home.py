"""Issue 15, "Done when": in a real browser, each role logs in, lands on its home page and does
its first task through links only (the first item of the first section that has one), in
Dutch and in French, on a desktop and on a 390 px phone. The home page never scrolls
sideways on the phone, and its dates are written out in the page's language.

The world is the demo day (`worklist/demo.py`): every role has items."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

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


@pytest.mark.parametrize("username", USERS)
def test_each_role_lands_on_its_home_and_opens_its_first_task(open_tab, username):
    for language in ("nl", "fr"):
        for viewport in (DESKTOP, PHONE):
            tab = open_tab(viewport)
            log_in(tab, username, language)
            expect(tab).to_have_url(re.compile(rf"/{language}/work/$"))
            expect(tab.locator("html")).to_have_attribute("lang", language)
            if viewport == PHONE:
                assert_fits(tab)
            first = tab.locator("main .work-item a").first
            expect(first).to_be_visible()
            why = tab.locator("main .work-item .why").first.inner_text()
            assert not re.search(r"\d{4}-\d{2}-\d{2}", why), why  # never an ISO date
            href = first.get_attribute("href")
            first.click()
            expect(tab).to_have_url(re.compile(re.escape(href.split("#")[0])))
            expect(tab.locator("main h1").first).to_be_visible()


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_home_page_writes_dates_in_words_and_passes_axe(open_tab, language):
    tab = open_tab(PHONE)
    log_in(tab, "demo-kg", language)
    text = tab.locator("main").inner_text()
    assert re.search(rf"\d{{1,2}} ({MONTHS[language]}) \d{{4}}", text), text[:400]
    results = Axe().run(tab)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in serious]
