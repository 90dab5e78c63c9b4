"""Every page of every role, in Dutch, French and English, shows labels and local dates,
never a raw code, an ISO date or another language's interface text (decision 0031).

The demo data (`perinatal demo seed`, with the Brussels directory) gives each role its real
objects; each role's pages are those reached through links from its account page."""

import pytest

from django.core.management import call_command
from django.utils import translation

from perinatal.accounts.demo import DEMO_USERNAMES
from perinatal.accounts.models import User
from perinatal.accounts.tests.factories import logged_in_client
from perinatal.directory.brussels import load, read

from .people_output import problems, role_pages, visible_texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load(read())
    with translation.override("en"):
        call_command("demo", "seed", verbosity=0)


CASES = [
    ("<td>2026-12-03</td>", "nl", "ISO date"),
    ('<p class="muted">code already_has_booklet</p>', "nl", "raw code"),
    ("<dd>fr</dd>", "nl", "raw code"),
    ("<dd>ar, fr</dd>", "fr", "raw code"),
    ("<td>sent</td>", "nl", "raw code"),
    ("<dd>1 volwassenen, 2 kinderen</dd>", "nl", "plural"),
    ("<dd>1000 Brussel</dd>", "fr", "instead of"),
    ("<th>Gezinnen</th>", "fr", "untranslated"),
    ("<th>Families</th>", "nl", "untranslated"),
]


@pytest.mark.parametrize(("html", "lang", "kind"), CASES)
def test_the_check_finds_what_people_must_not_read(html, lang, kind):
    found = problems(f"<html><body>{html}</body></html>", lang)
    assert any(kind in line for line in found), found


CLEAN = [
    ("<td>03/12/2026</td>", "nl"),
    ("<dd>Français</dd>", "nl"),
    ("<td>sent</td>", "en"),
    ("<dd>1 volwassene, 2 kinderen</dd>", "nl"),
    ("<dd>1000 Bruxelles</dd>", "fr"),
    ('<time datetime="2026-12-03">03/12/2026</time>', "nl"),
    ('<code class="refusal-code" hidden>already_has_booklet</code>', "nl"),
    ("<p>Jan en Piet</p>", "nl"),
    ('<button lang="en">English</button>', "nl"),
    ("<label>English</label>", "fr"),
    ("<td>startgesprek</td>", "fr"),
    ("<td><code>kind_en_gezin.key_moments</code></td>", "nl"),
]


@pytest.mark.parametrize(("html", "lang"), CLEAN)
def test_the_check_accepts_what_people_read(html, lang):
    assert problems(f"<html><body>{html}</body></html>", lang) == []


def test_hidden_and_script_texts_are_not_read():
    html = "<p>seen</p><script>var x = 'already_has_booklet';</script><p hidden>x_y</p>"
    assert visible_texts(html) == ["seen"]


def test_every_page_of_every_role_is_people_shaped_in_every_language(demo):
    report: list[str] = []
    checked: set[str] = set()
    for username in DEMO_USERNAMES.values():
        client = logged_in_client(User.objects.get(username=username))
        for path in role_pages(client, "nl"):
            if path in checked:
                continue
            checked.add(path)
            for lang in ("nl", "fr", "en"):
                shown = f"/{lang}/{path[4:]}"
                response = client.get(shown)
                if response.status_code != 200:
                    continue
                report += [
                    f"{username} {shown}: {line}"
                    for line in problems(response.content.decode(), lang)
                ]
    assert len(checked) > 40  # the crawl reached the roles' pages
    assert report == [], "\n".join(sorted(set(report)))


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
@pytest.mark.parametrize("on", ["", "2024-07-31"])
def test_the_rules_page_is_people_shaped_in_every_language(client, lang, on):
    """The public rules page, today and before the Kindboekje procedure of 1 August 2024: its
    descriptions, sources and readings are in the page's language (decision 0031)."""
    response = client.get(f"/{lang}/rules/", {"on": on} if on else {})
    assert response.status_code == 200
    assert problems(response.content.decode(), lang) == []
