"""One entry of the search result list, written in Python (`{% result_card card selection %}`).

The result page shows 20 cards; as template code (two includes, about 25 tags and filters a
card) they cost about 6 ms of a 20 ms page, more than the search itself on a small directory.
The HTML is the one the template wrote (docs/decisions/0022-search-at-scale.md, point 9)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from perinatal.directory.search.cards import Card

from .directory_tags import fallback_marked, language_name

register = template.Library()


def _facts(card: Card) -> SafeString:
    items = [format_html('<li class="tag">{}</li>', fallback_marked(p)) for p in card.phases]
    items.append(
        format_html(
            '<li class="tag{}">{}: {}</li>',
            " free" if card.low_cost else "",
            _("Cost"),
            card.cost_label,
        )
    )
    if card.prescription:
        items.append(format_html('<li class="tag warn">{}</li>', _("Prescription needed")))
    elif card.prescription is False:
        items.append(format_html('<li class="tag">{}</li>', _("No prescription needed")))
    if card.referral:
        items.append(format_html('<li class="tag warn">{}</li>', _("Referral needed")))
    if card.programme:
        items.append(
            format_html('<li class="tag programme">Δ {}</li>', _("First-1000-days programme"))
        )
    if card.languages:
        names = format_html_join(
            ", ",
            '<span lang="{}">{}</span>',
            ((code, language_name(code)) for code in card.languages),
        )
        items.append(format_html('<li class="tag">{}: {}</li>', _("Languages"), names))
    return format_html(
        '<ul class="facts" aria-label="{}">{}</ul>',
        _("At a glance"),
        mark_safe("".join(items)),  # noqa: S308 - escaped parts
    )


@register.simple_tag
def result_card(card: Card, selection) -> SafeString:
    """The card's list item: name (a link to the service), organisation, description, for
    whom, the facts, and the tick for the printable list (checked when selected)."""
    eligibility = (
        format_html(
            '<p class="for-whom"><strong>{}:</strong> {}</p>',
            _("For whom"),
            fallback_marked(card.eligibility),
        )
        if card.eligibility.text
        else ""
    )
    checked = " checked" if str(card.id) in selection.id_texts else ""
    return format_html(
        '<li class="result">\n<h3><a href="{}">{}</a></h3>\n<p class="muted">{}</p>\n'
        "<p>{}</p>\n{}\n{}\n"
        '<p class="pick no-print"><label><input type="checkbox" name="ids" value="{}" '
        'form="search-form"{}> {}<span class="visually-hidden">: {}</span></label></p>\n</li>',
        reverse("directory:service", args=[card.id]),
        fallback_marked(card.name),
        fallback_marked(card.organization),
        fallback_marked(card.description),
        eligibility,
        _facts(card),
        card.id,
        checked,
        _("Add to the printable list"),
        card.name.text,
    )
