"""Template helpers of the service page and the printable list."""

from django import template
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from perinatal.directory.language_fallback import Translated

from .directory_tags import fallback_marked

register = template.Library()

AREA_SERVED_TEMPLATE = "directory/_area_served.html"


@register.filter
def marked(value: Translated) -> str:
    """Translated text, a fallback in another language marked with its language."""
    return fallback_marked(value)


@register.filter
def marked_lines(value: Translated) -> str:
    """As `marked`, the text's line breaks kept."""
    return fallback_marked(value, multiline=True)


@register.simple_tag(takes_context=True)
def area_served(context, service) -> SafeString:
    """The service's area served, as the areas' own include shows it (nothing while that
    include does not exist, or when it shows nothing)."""
    try:
        include = get_template(AREA_SERVED_TEMPLATE)
    except TemplateDoesNotExist:
        return mark_safe("")  # noqa: S308 - an empty string
    html = include.render({"service": service}, context.get("request"))
    return mark_safe(html if html.strip() else "")  # noqa: S308 - a rendered template


@register.filter
def not_shown(ids, services) -> list:
    """The picked ids that are not among the services on this page (kept as hidden fields,
    so a new search keeps them)."""
    shown = {str(service.id) for service in services}
    return [i for i in ids if str(i) not in shown]
