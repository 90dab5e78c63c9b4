"""In a real browser at a 390 px phone (decision 0036): a linked parent opens "My first 1000
days" from the menu, in Dutch, French and English; the page never scrolls sideways, has one
main landmark and a heading for each part, and shows the shared note but not the internal one.
"""

from datetime import timedelta

import pytest

from django.utils import timezone

from perinatal.accounts.tests.factories import logged_in_client

from .factories import linked_parent
from .timeline_support import INTERNAL, SHARED, a_family, fill

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
WIDTH = "() => document.documentElement.scrollWidth"
HEADINGS = "() => [...document.querySelectorAll('main h2')].map(h => h.textContent.trim())"
TITLES = {
    "nl": "Mijn eerste 1000 dagen",
    "fr": "Mes 1000 premiers jours",
    "en": "My first 1000 days",
}


def test_the_page_fits_a_phone_in_every_language(audit_flushable, chromium, live_server):
    today = timezone.localdate()
    family, nurse = a_family(today=today, born=today - timedelta(days=20))
    fill(family, nurse, today=today)
    parent = linked_parent(family)
    client = logged_in_client(parent)
    context = chromium.new_context(base_url=live_server.url, viewport=PHONE)
    context.set_default_timeout(15_000)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    tab = context.new_page()
    try:
        for lang, title in TITLES.items():
            tab.goto(f"/{lang}/account/")
            tab.locator("a.my-1000-days-link").click()  # one family: straight to it
            assert tab.url.endswith(f"/{lang}/my/{family.public_id}/")
            assert tab.locator("main h1").inner_text() == title
            assert tab.evaluate(WIDTH) <= PHONE["width"], lang
            assert tab.locator("main").count() == 1
            assert len(tab.evaluate(HEADINGS)) == 7
            body = tab.locator("main").inner_text()
            assert SHARED in body and INTERNAL not in body
            assert "KZ-" in body
    finally:
        context.close()
