"""Template helpers of the service page and the printable list."""

from django import template

from perinatal.directory.language_fallback import Translated

from .directory_tags import fallback_marked

register = template.Library()


@register.filter
def marked(value: Translated) -> str:
    """Translated text, a fallback in another language marked with its language."""
    return fallback_marked(value)


@register.filter
def marked_lines(value: Translated) -> str:
    """As `marked`, the text's line breaks kept."""
    return fallback_marked(value, multiline=True)


@register.filter
def not_shown(ids, services) -> list:
    """The picked ids that are not among the services on this page (kept as hidden fields,
    so a new search keeps them)."""
    shown = {str(service.id) for service in services}
    return [i for i in ids if str(i) not in shown]
