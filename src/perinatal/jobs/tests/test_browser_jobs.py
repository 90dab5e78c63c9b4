"""A person finds their job from their account page and follows it on a phone: the page
fits 390 px, says its state in their language, follows the job by itself (and can be paused)
and passes axe while it runs and once done."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.utils import timezone

from perinatal.accounts.tests.factories import PASSWORD, current_totp_code
from perinatal.jobs.constants import JobStatus
from perinatal.jobs.models import Job

from . import kinds

pytestmark = [pytest.mark.browser]


def assert_accessible(tab) -> None:
    results = Axe().run(tab)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in serious]


def test_an_analyst_follows_a_job_on_a_phone(audit_flushable, chromium, live_server, analyst):
    kinds.register()
    job = Job.objects.create(
        kind="test-long",
        started_by=analyst,
        status=JobStatus.RUNNING,
        done=10,
        total=40,
        started_at=timezone.now(),
    )
    context = chromium.new_context(
        base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(15_000)
    try:
        tab = context.new_page()
        tab.goto("/nl/account/login/")
        tab.fill("input[name=username]", analyst.username)
        tab.fill("input[name=password]", PASSWORD)
        tab.locator("main form[method=post] button[type=submit]").first.click()
        tab.fill("input[name=code]", current_totp_code(analyst.totp_device))
        tab.locator("main form[method=post] button[type=submit]").first.click()
        expect(tab).to_have_url(re.compile(r"/nl/work/$"))

        tab.get_by_role("link", name="Mijn achtergrondtaken").click()
        tab.get_by_role("link", name=re.compile("kraamzorg-2016")).click()
        expect(tab).to_have_url(re.compile(rf"/nl/jobs/{job.pk}/$"))
        expect(tab.locator("[data-testid=job-status]")).to_have_text("Bezig")
        expect(tab.locator("main")).to_contain_text("10 van 40 (25 %)")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        assert_accessible(tab)

        pause = tab.get_by_role("button", name="Automatisch bijwerken pauzeren")
        pause.click()
        expect(tab.get_by_role("button", name="Automatisch bijwerken hervatten")).to_have_attribute(
            "aria-pressed", "true"
        )
        Job.objects.filter(pk=job.pk).update(done=30)
        tab.wait_for_timeout(3000)  # paused: the page does not change by itself
        expect(tab.locator("main")).to_contain_text("10 van 40")
        tab.get_by_role("button", name="Automatisch bijwerken hervatten").click()
        expect(tab.locator("main")).to_contain_text("30 van 40 (75 %)")

        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.SUCCEEDED, done=40, finished_at=timezone.now()
        )
        expect(tab.locator("[data-testid=job-status]")).to_have_text("Klaar", timeout=10_000)
        expect(tab.get_by_role("button", name=re.compile("Automatisch bijwerken"))).to_be_hidden()
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        assert_accessible(tab)
    finally:
        context.close()
