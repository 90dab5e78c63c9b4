"""The header's Kindboekje entries: each persona sees the pages meant for it, and an entry
whose page does not exist (yet) is left out instead of breaking every page."""

import pytest

from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db

# persona → the Kindboekje pages in its navigation
ENTRIES = {
    "kg_nurse": {"booklets:ask"},
    "midwife": {"booklets:ask", "booklets:orders_mine"},
    "hospital_user": {"booklets:ask"},
    "provider": {"booklets:ask"},
    "kraamzorg_user": {"booklets:ask"},
    "parent": {"booklets:parent_order"},
    "order_desk": {"booklets:ask", "booklets:desk", "booklets:monitoring"},
    "analyst": {"booklets:monitoring"},
    "editor": set(),
    # A superuser holds every permission.
    # The order desk is a care professional: administrators never see parents' addresses.
    "admin_user": {"booklets:monitoring"},
}
NAMES = [
    "booklets:ask",
    "booklets:orders_mine",
    "booklets:parent_order",
    "booklets:desk",
    "booklets:monitoring",
]


def url_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def header(html: str) -> str:
    return html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]


@pytest.mark.parametrize("who", ENTRIES)
def test_each_persona_sees_its_kindboekje_entries(request, client_for, who):
    response = client_for(request.getfixturevalue(who)).get(reverse("accounts:home"))
    assert response.status_code == 200
    nav = header(response.content.decode())
    for name in NAMES:
        url = url_or_none(name)
        expected = name in ENTRIES[who] and url is not None
        assert (f'href="{url}"' in nav) is expected, (who, name)


def test_anonymous_visitors_see_no_kindboekje_entry(client):
    nav = header(client.get(reverse("directory:search")).content.decode())
    assert not [name for name in NAMES if url_or_none(name) and f'href="{reverse(name)}"' in nav]


def test_the_ask_page_is_in_the_navigation_in_every_language(client_for, kg_nurse):
    client = client_for(kg_nurse)
    for language in ("nl", "fr", "en"):
        nav = header(client.get(f"/{language}/account/").content.decode())
        assert f'href="/{language}/kindboekje/"' in nav
