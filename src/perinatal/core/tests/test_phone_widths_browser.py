"""Every work page and the family page fit a phone: at 390×844 the document is never wider
than the screen (no sideways scrolling), in Dutch and French; and the French menu stays on
one row at a desktop width (issue 15, item 5; decision 0031).

The pages are those each role reaches through links from its account page, with the demo
data's real objects (`perinatal demo seed` and the Brussels directory)."""

import pytest

from django.core.management import call_command
from django.utils import translation

from perinatal.accounts.demo import DEMO_USERNAMES
from perinatal.accounts.models import User
from perinatal.accounts.tests.factories import logged_in_client
from perinatal.directory.brussels import load, read
from perinatal.pathways import catalogue

from .people_output import role_pages, shape

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
WIDTH = "() => document.documentElement.scrollWidth"
# What sticks out: the widest elements whose right edge passes the screen, for the report.
WIDEST = """(limit) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > limit + 1)
  .slice(-3).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')
                   + ' ' + Math.round(e.getBoundingClientRect().right))"""
ROWS = """() => new Set([...document.querySelectorAll('.main-nav > ul > li')]
  .map(li => li.offsetTop)).size"""


@pytest.fixture
def demo(transactional_db):
    load(read())
    catalogue.load()
    with translation.override("en"):
        call_command("demo", "seed", verbosity=0)


def browser_for(chromium, live_server, user, viewport):
    client = logged_in_client(user)
    context = chromium.new_context(base_url=live_server.url, viewport=viewport)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    context.set_default_timeout(15_000)
    return context


def test_every_work_page_fits_a_phone_in_dutch_and_french(
    audit_flushable, demo, chromium, live_server
):
    too_wide: list[str] = []
    shapes: set[str] = set()
    measured = 0
    for username in DEMO_USERNAMES.values():
        user = User.objects.get(username=username)
        paths = [
            p for p in role_pages(logged_in_client(user), "nl", limit=30) if shape(p) not in shapes
        ]
        shapes.update(shape(p) for p in paths)
        context = browser_for(chromium, live_server, user, PHONE)
        tab = context.new_page()
        for path in paths:
            for lang in ("nl", "fr"):
                tab.goto(f"/{lang}/{path[4:]}")
                width = tab.evaluate(WIDTH)
                measured += 1
                if width > PHONE["width"]:
                    sticking = tab.evaluate(WIDEST, PHONE["width"])
                    too_wide.append(f"{username} /{lang}/{path[4:]}: {width} px {sticking}")
        context.close()
    assert measured > 60
    assert too_wide == [], "\n".join(too_wide)


@pytest.mark.parametrize("username", ["demo-kg", "demo-midwife", "demo-kraamzorg"])
def test_the_french_menu_is_one_row_on_a_desktop(
    audit_flushable, demo, chromium, live_server, username
):
    context = browser_for(chromium, live_server, User.objects.get(username=username), DESKTOP)
    tab = context.new_page()
    tab.goto("/fr/account/")
    assert tab.evaluate(ROWS) == 1
    context.close()
