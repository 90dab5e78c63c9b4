"""In a real browser: the kraamzorg service's intake worker sees the unread count in the
menu, opens the inbox, follows the item to the page where the referral is answered; the
count is gone after. In Dutch on a desktop and in French on a phone (390 px, no sideways
scrolling)."""

import re

import pytest
from playwright.sync_api import expect

from perinatal.accounts.tests.factories import PASSWORD, current_totp_code

from . import support

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize(
    ("lang", "viewport", "menu", "link"),
    [
        ("nl", {"width": 1280, "height": 900}, "Meldingen", "Je organisatie ontving"),
        ("fr", {"width": 390, "height": 844}, "Notifications", "Votre organisation a reçu"),
    ],
)
def test_the_user_sees_the_count_opens_the_inbox_and_follows_the_link(
    audit_flushable, chromium, live_server, midwife, kraamzorg_user, lang, viewport, menu, link
):
    referral = support.refer(midwife, kraamzorg_user)
    context = chromium.new_context(base_url=live_server.url, locale="nl-BE", viewport=viewport)
    context.set_default_timeout(15_000)
    try:
        tab = context.new_page()
        tab.goto(f"/{lang}/account/login/")
        tab.fill("input[name=username]", kraamzorg_user.username)
        tab.fill("input[name=password]", PASSWORD)
        tab.locator("main form[method=post] button[type=submit]").first.click()
        tab.fill("input[name=code]", current_totp_code(kraamzorg_user.totp_device))
        tab.locator("main form[method=post] button[type=submit]").first.click()
        expect(tab).to_have_url(re.compile(rf"/{lang}/work/$"))

        menu_link = tab.locator("a.notifications-link")
        expect(menu_link).to_contain_text(menu)
        expect(menu_link.locator(".badge")).to_have_text("1")
        menu_link.click()
        expect(tab).to_have_url(re.compile(rf"/{lang}/notifications/$"))
        assert tab.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

        tab.get_by_role("link", name=re.compile(link)).click()
        expect(tab).to_have_url(re.compile(rf"/{lang}/families/referrals/{referral.public_id}/$"))
        expect(tab.locator("a.notifications-link .badge")).to_have_count(0)
    finally:
        context.close()
