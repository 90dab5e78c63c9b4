"""One entry of the search result list (`{% result_card %}`): what it shows, escaped, in the
reader's language, with the tick for the printable list."""

import json
import uuid

from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext

from perinatal.directory.printed_list import Selection
from perinatal.directory.search.cards import Card

ID = uuid.UUID("5b0f0c5e-8a7e-4d0b-9a51-0d2f3c4b5a69")


def _card(**changes) -> Card:
    stored = {
        "id": str(ID),
        "name": ["Groupe <b>allaitement</b>", "fr"],
        "organization": ["Maison & Co", "fr"],
        "description": ["Rencontres entre mères.", "fr"],
        "eligibility": ["Pour toutes les mères", "fr"],
        "phases": [["Après la naissance", "fr"]],
        "cost": "free",
        "prescription": False,
        "referral": True,
        "programme": True,
        "languages": ["ar", "fr"],
    }
    stored.update(changes)
    return Card.from_json(json.dumps(stored), "fr")


def _render(card: Card, selection: Selection) -> str:
    template = Template("{% load result_cards %}{% result_card card selection %}")
    with translation.override("fr"):
        return template.render(Context({"card": card, "selection": selection}))


def test_a_card_shows_its_facts_in_the_readers_language_and_escapes_the_texts():
    html = _render(_card(), Selection(ids=[]))
    assert f'href="/fr/services/{ID}/"' in html or f"/services/{ID}" in html
    assert "Groupe &lt;b&gt;allaitement&lt;/b&gt;" in html and "<b>" not in html
    assert "Maison &amp; Co" in html
    assert '<p class="for-whom"><strong>' in html and "Pour toutes les mères" in html
    assert '<li class="tag free">' in html and "Gratuit" in html
    assert "Ajouter à la liste à imprimer" in html
    assert '<span lang="ar">' in html and '<li class="tag warn">' in html
    assert 'class="tag programme">Δ ' in html
    with translation.override("fr"):
        assert f'<li class="tag">{gettext("No prescription needed")}</li>' in html
    assert "checked" not in html


def test_a_picked_card_is_ticked_and_a_fallback_says_its_language():
    card = _card(name=["Borstvoedingsgroep", "nl"], eligibility=None, prescription=None)
    html = _render(card, Selection(ids=[ID]))
    assert 'value="5b0f0c5e-8a7e-4d0b-9a51-0d2f3c4b5a69" form="search-form" checked>' in html
    assert '<span lang="nl">Borstvoedingsgroep</span>' in html and 'class="fallback"' in html
    assert "for-whom" not in html
    with translation.override("fr"):
        facts = [gettext("Prescription needed"), gettext("No prescription needed")]
    assert not any(fact in html for fact in facts)  # no prescription fact when not known
