"""One entry of the search result list, written in Python (`{% result_card card selection %}`).

The result page shows 20 cards; as template code (two includes, about 25 tags and filters a
card) they cost about 6 ms of a 20 ms page, more than the search itself on a small directory,
and through `format_html` still 2.4 ms (a lazy-aware escape per value, a translation lookup
per label and card). Here the texts are escaped with `html.escape` (the same entities as
Django's `escape`), and the labels are looked up once per language and kept. The HTML is the
one the template wrote (docs/decisions/0022-search-at-scale.md, points 9 and 10)."""

from functools import cache
from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from perinatal.directory.language_fallback import Translated
from perinatal.directory.search.cards import Card

from .directory_tags import fallback_note, language_name

register = template.Library()


@cache
def _labels(lang: str) -> dict[str, str]:
    """The card's words in the page's language (`lang` is the active language: the key)."""
    return {
        "cost": escape(_("Cost")),
        "prescription": escape(_("Prescription needed")),
        "no_prescription": escape(_("No prescription needed")),
        "referral": escape(_("Referral needed")),
        "programme": escape(_("First-1000-days programme")),
        "languages": escape(_("Languages")),
        "at_a_glance": escape(_("At a glance")),
        "for_whom": escape(_("For whom")),
        "add": escape(_("Add to the printable list")),
    }


@cache
def _fallback(page_lang: str, text_lang: str) -> str:
    return escape(fallback_note(text_lang))


@cache
def _language(page_lang: str, code: str) -> str:
    return escape(str(language_name(code)))


def _marked(value: Translated, page_lang: str) -> str:
    """As directory_tags.fallback_marked: a fallback says which language it is in."""
    if not value.text:
        return ""
    if value.is_fallback:
        return (
            f'<span lang="{escape(value.lang)}">{escape(value.text)}</span> '
            f'<span class="fallback">({_fallback(page_lang, value.lang)})</span>'
        )
    return escape(value.text)


def _facts(card: Card, page_lang: str, labels: dict[str, str]) -> str:
    items = [f'<li class="tag">{_marked(p, page_lang)}</li>' for p in card.phases]
    free = " free" if card.low_cost else ""
    items.append(f'<li class="tag{free}">{labels["cost"]}: {escape(card.cost_label)}</li>')
    if card.prescription:
        items.append(f'<li class="tag warn">{labels["prescription"]}</li>')
    elif card.prescription is False:
        items.append(f'<li class="tag">{labels["no_prescription"]}</li>')
    if card.referral:
        items.append(f'<li class="tag warn">{labels["referral"]}</li>')
    if card.programme:
        items.append(f'<li class="tag programme">Δ {labels["programme"]}</li>')
    if card.languages:
        names = ", ".join(
            f'<span lang="{escape(code)}">{_language(page_lang, code)}</span>'
            for code in card.languages
        )
        items.append(f'<li class="tag">{labels["languages"]}: {names}</li>')
    return f'<ul class="facts" aria-label="{labels["at_a_glance"]}">{"".join(items)}</ul>'


@register.simple_tag
def result_card(card: Card, selection) -> SafeString:
    """The card's list item: name (a link to the service), organisation, description, for
    whom, the facts, and the tick for the printable list (checked when selected)."""
    page_lang = get_language() or ""
    labels = _labels(page_lang)
    eligibility = (
        f'<p class="for-whom"><strong>{labels["for_whom"]}:</strong> '
        f"{_marked(card.eligibility, page_lang)}</p>"
        if card.eligibility.text
        else ""
    )
    checked = " checked" if str(card.id) in selection.id_texts else ""
    return mark_safe(  # noqa: S308 - every text above is escaped
        f'<li class="result">\n<h3><a href="{escape(reverse("directory:service", args=[card.id]))}">'
        f"{_marked(card.name, page_lang)}</a></h3>\n"
        f'<p class="muted">{_marked(card.organization, page_lang)}</p>\n'
        f"<p>{_marked(card.description, page_lang)}</p>\n{eligibility}\n"
        f"{_facts(card, page_lang, labels)}\n"
        f'<p class="pick no-print"><label><input type="checkbox" name="ids" value="{card.id}" '
        f'form="search-form"{checked}> {labels["add"]}<span class="visually-hidden">: '
        f"{escape(card.name.text)}</span></label></p>\n</li>"
    )
