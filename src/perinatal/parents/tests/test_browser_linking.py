"""Linking a parent in a real browser at a phone's width (issue 16, item 1): a midwife of the
family's care team makes a code from the family page, a parent logs in, enters it in French
with the mother's date of birth, and is linked. No page is wider than the phone.

The steps find the page's elements by their names and addresses, not by their wording."""

import re

import pytest
from playwright.sync_api import expect

from perinatal.accounts.tests.factories import PASSWORD, current_totp_code
from perinatal.pathways.tests.factories import register

from ..models import LinkCode, ParentLink

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
WIDTH = "() => document.documentElement.scrollWidth"
BIRTH = "1994-03-12"  # the test mother's date of birth (pathways.tests.factories.mother)


def phone(chromium, live_server, locale: str):
    context = chromium.new_context(base_url=live_server.url, viewport=PHONE, locale=locale)
    context.set_default_timeout(15_000)
    return context


def submit(tab, form: str = "main form[method=post]") -> None:
    tab.locator(f"{form} button[type=submit]").first.click()


def fits(tab) -> None:
    assert tab.evaluate(WIDTH) <= PHONE["width"], tab.url


def test_a_midwife_gives_a_code_and_a_parent_links_in_french(
    audit_flushable, chromium, live_server, midwife, parent
):
    family = register(midwife)

    # The midwife, on her phone, in Dutch
    context = phone(chromium, live_server, "nl-BE")
    tab = context.new_page()
    tab.goto("/nl/account/login/")
    tab.fill("input[name=username]", midwife.username)
    tab.fill("input[name=password]", PASSWORD)
    submit(tab)
    tab.fill("input[name=code]", current_totp_code(midwife.totp_device))
    submit(tab)
    expect(tab).to_have_url(re.compile(r"/nl/work/$"))
    tab.goto(f"/nl/families/{family.public_id}/")
    tab.locator("main a.parent-code-link").click()
    expect(tab).to_have_url(re.compile(rf"/nl/my/links/{family.public_id}/$"))
    fits(tab)
    submit(tab, "main form.new-code-form")
    code = tab.locator("#link-code").inner_text()
    assert re.fullmatch(r"[2-9A-Z]{5}-[2-9A-Z]{5}", code)
    fits(tab)
    context.close()
    assert LinkCode.objects.filter(pregnancy=family, created_by=midwife).count() == 1

    # The parent, on their phone, in French
    context = phone(chromium, live_server, "fr-BE")
    tab = context.new_page()
    tab.goto("/fr/account/login/")
    tab.fill("input[name=username]", parent.username)
    tab.fill("input[name=password]", PASSWORD)
    submit(tab)
    expect(tab).to_have_url(re.compile(r"/fr/work/$"))
    tab.locator("main a[href='/fr/my/link/']").click()
    expect(tab.locator("html")).to_have_attribute("lang", "fr")
    fits(tab)
    # A wrong date first: refused, the code kept in the field
    tab.fill("#id_code", code.lower().replace("-", " "))
    tab.fill("#id_mother_birth_date", "1994-03-13")
    submit(tab, "main form.link-form")
    expect(tab.locator("main .errorlist.nonfield")).to_be_visible()
    assert tab.input_value("#id_code") == code.lower().replace("-", " ")
    fits(tab)
    tab.fill("#id_mother_birth_date", BIRTH)
    submit(tab, "main form.link-form")
    expect(tab.locator(".messages")).to_contain_text("Votre compte est relié")
    fits(tab)
    context.close()

    link = ParentLink.objects.get(user=parent)
    assert (link.pregnancy, link.ended_at) == (family, None)
    assert LinkCode.objects.get(pregnancy=family).failed_attempts == 1
