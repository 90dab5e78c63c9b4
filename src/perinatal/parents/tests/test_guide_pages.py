"""The guide's pages: public in NL/FR/EN (every step, no raw code, services that link to their
directory pages), and the family's own version for a linked parent only, logged as own record,
with its dates, what is done and what is late."""

import re
from datetime import date, timedelta

import pytest

from django.test import Client
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.text import capfirst

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import logged_in_client, make_persona
from perinatal.audit.models import AccessEvent
from perinatal.booklets.constants import Channel
from perinatal.booklets.models import Booklet
from perinatal.booklets.tests.factories import born
from perinatal.core.tests.people_output import problems
from perinatal.directory.tests.factories import ServiceFactory
from perinatal.pathways.tests.factories import register

from ..guide import when_text
from ..guide_content import steps
from ..tabs import tabs_for
from .factories import linked_parent

pytestmark = pytest.mark.django_db

LANGS = ("nl", "fr", "en")
SERVICE_LINK = re.compile(r'href="(/(?:nl|fr|en)/services/[0-9a-f-]{36}/)"')


@pytest.fixture
def directory(db):
    def service(key, needs, phases, **fields):
        return ServiceFactory(
            key=key,
            name_nl=f"{key} (nl)",
            name_fr=f"{key} (fr)",
            name_en=f"{key} (en)",
            needs=needs,
            phases=phases,
            **fields,
        )

    return {
        "childcare": service("opvang", ["childcare"], ["prenatal", "postnatal"]),
        "kraamzorg": service("kraamzorg-thuis", ["kraamzorg"], ["prenatal", "postnatal"]),
        "benefit": service("fonds", ["child_benefit"], ["birth", "postnatal"]),
        "training": service("opleiding", ["childcare"], ["prenatal"], for_professionals=True),
    }


def step_html(html: str, key: str) -> str:
    """The part of the page that shows one step."""
    start = html.rindex("<li", 0, html.index(f'id="step-{key}"'))
    following = html.find('<li class="guide-step', start + 1)
    return html[start : following if following != -1 else len(html)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_public_guide_shows_every_step_in_the_language_to_anyone(client, directory, lang):
    response = client.get(f"/{lang}/guide/")
    assert response.status_code == 200
    html = response.content.decode()
    for step in steps():
        assert escape(step.title_in(lang)) in html, step.key
    with translation.override(lang):
        assert escape(capfirst(when_text(steps()[0].timing))) in html
    assert problems(html, lang) == []
    assert f"opvang ({lang})" in step_html(html, "childcare")
    assert "opleiding" not in html  # only for professionals: not a help for a family
    assert f"kraamzorg-thuis ({lang})" in step_html(html, "kraamzorg")


@pytest.mark.parametrize("lang", LANGS)
def test_the_services_listed_link_to_their_directory_pages(client, directory, lang):
    html = client.get(f"/{lang}/guide/").content.decode()
    links = set(SERVICE_LINK.findall(html))
    assert {f"/{lang}/services/{directory[k].id}/" for k in ("childcare", "benefit")} <= links
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_guide_is_in_the_menu_and_on_a_parents_home(client, parent):
    assert 'href="/nl/guide/"' in client.get("/nl/").content.decode()
    home = logged_in_client(parent).get("/nl/work/").content.decode()
    assert 'href="/nl/guide/"' in home


@pytest.fixture
def kg(db):
    return make_persona(Role.KG_PROFESSIONAL)


def test_a_linked_parent_finds_the_guide_with_the_familys_dates(kg, directory):
    pregnancy = register(kg)
    parent = linked_parent(pregnancy)
    client = logged_in_client(parent)
    public = client.get("/nl/guide/").content.decode()
    assert f'href="/nl/my/{pregnancy.public_id}/guide/"' in public
    with translation.override("fr"):
        due = date_format(pregnancy.due_date, "DATE_FORMAT")
    response = client.get(f"/fr/my/{pregnancy.public_id}/guide/")
    assert response.status_code == 200
    html = response.content.decode()
    assert problems(html, "fr") == []
    kraamzorg = step_html(html, "kraamzorg")
    assert f"au plus tard le {due}" in kraamzorg and "Maintenant" in kraamzorg
    assert "Plus tard" in step_html(html, "declare-birth")  # after the birth
    assert "pas encore enregistrée" in step_html(html, "declare-birth")
    row = AccessEvent.objects.get(actor=parent, subject=str(pregnancy.public_id))
    assert (row.basis, row.purpose) == ("own_record", "practical guide")
    assert f'href="/fr/my/{pregnancy.public_id}/guide/" aria-current="page"' in html


@pytest.mark.parametrize(
    ("lang", "done", "late"), [("nl", "Gedaan", "Te laat"), ("en", "Done", "Late")]
)
def test_what_the_platform_knows_is_done_or_late(kg, directory, lang, done, late):
    birth_day = date.today() - timedelta(days=30)
    pregnancy = born(kg, on=birth_day)
    Booklet.objects.create(
        pregnancy=pregnancy,
        child_order=1,
        handed_out_on=birth_day - timedelta(days=40),
        channel=Channel.KG_START_CONVERSATION,
        organisation=kg.organisation,
        area_nis=pregnancy.area_nis,
    )
    client = logged_in_client(linked_parent(pregnancy))
    html = client.get(f"/{lang}/my/{pregnancy.public_id}/guide/").content.decode()
    assert problems(html, lang) == []
    booklet = step_html(html, "kindboekje")
    with translation.override(lang):
        handed = date_format(birth_day - timedelta(days=40), "DATE_FORMAT")
    assert done in booklet and handed in booklet
    kraamzorg = step_html(html, "kraamzorg")
    assert late in kraamzorg and "guide-step late" in kraamzorg  # not asked before the birth
    assert late in step_html(html, "screening")  # no screening, the window closed on day 7
    assert done not in step_html(html, "declare-birth")  # the platform cannot know
    assert late not in step_html(html, "declare-birth")


def test_a_parent_of_another_family_gets_404(kg, directory):
    pregnancy, other = register(kg), register(kg)
    client = logged_in_client(linked_parent(other))
    assert client.get(f"/nl/my/{pregnancy.public_id}/guide/").status_code == 404
    assert client.get(f"/nl/my/{other.public_id}/guide/").status_code == 200
    assert not AccessEvent.objects.filter(subject=str(pregnancy.public_id), basis="own_record")


def test_only_a_linked_parent_sees_a_familys_guide(kg, directory, parent):
    pregnancy = register(kg)
    path = f"/nl/my/{pregnancy.public_id}/guide/"
    anonymous = Client().get(path)
    assert anonymous.status_code == 302 and "/account/login/" in anonymous["Location"]
    assert logged_in_client(kg).get(path).status_code == 404  # the care team: its own pages
    assert logged_in_client(parent).get(path).status_code == 404  # a parent not linked
    assert logged_in_client(parent).get("/nl/my/not-a-uuid/guide/").status_code == 404


def test_the_pages_to_ask_and_order_are_offered_to_visitors_and_parents_only(client, kg, parent):
    ask, order = 'href="/nl/kraamzorg/"', 'href="/nl/kindboekje/orders/parent/"'
    for html in (client.get("/nl/guide/"), logged_in_client(parent).get("/nl/guide/")):
        assert ask in html.content.decode() and order in html.content.decode()
    professional = logged_in_client(kg).get("/nl/guide/").content.decode()
    assert ask not in professional and order not in professional


def test_the_guide_is_a_tab_of_the_familys_pages(kg):
    pregnancy = register(kg)
    tabs = {tab["key"]: tab for tab in tabs_for(pregnancy)}
    assert tabs["guide"]["url"].endswith(f"/my/{pregnancy.public_id}/guide/")
