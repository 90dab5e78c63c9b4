"""Template helpers for directory content: translated text with a visible fallback."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from perinatal.directory.areas import areas_describe
from perinatal.directory.constants import SERVICE_LANGUAGES
from perinatal.directory.language_fallback import Translated, current_language, translated

register = template.Library()


# Names of the content languages in the reader's language ("in het Frans", "en néerlandais").
LANGUAGE_NAMES = {
    "nl": pgettext_lazy("language name in a sentence", "Dutch"),
    "fr": pgettext_lazy("language name in a sentence", "French"),
    "en": pgettext_lazy("language name in a sentence", "English"),
}


def fallback_note(lang: str) -> str:
    return _("only available in %(language)s") % {"language": LANGUAGE_NAMES.get(lang, lang)}


@register.simple_tag
def tr(instance, field: str, multiline: bool = False):
    """The field in the page's language, or a marked fallback in another language."""
    return fallback_marked(translated(instance, field), multiline)


def fallback_marked(value: Translated, multiline: bool = False):
    """Translated text as HTML: a fallback in another language says which one it is."""
    if not value.text:
        return ""
    text = linebreaksbr(value.text) if multiline else value.text
    if value.is_fallback:
        return format_html(
            '<span lang="{}">{}</span> <span class="fallback">({})</span>',
            value.lang,
            text,
            fallback_note(value.lang),
        )
    return format_html("{}", text)


@register.simple_tag
def shown(value: Translated, multiline: bool = False):
    """Text already read in the page's language (a stored result card's), marked as `tr` does
    when it is a fallback in another language."""
    return fallback_marked(value, multiline)


@register.simple_tag
def tr_text(instance, field: str) -> str:
    """Plain text of the field (with fallback), for attributes and titles."""
    return translated(instance, field).text


@register.filter
def language_name(code: str) -> str:
    return SERVICE_LANGUAGES.get(code, code)


@register.simple_tag
def areas_in_words(service) -> str:
    """The areas a service serves in the page's language ("" when none is known)."""
    return areas_describe([a.nis for a in service.areas.all()], current_language())
