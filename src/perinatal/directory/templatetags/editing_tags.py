"""Template helpers of the editors' pages: the change log's keys as labels in the reader's
language ("phones.3f2a9c1e.number" → "Phone 3f2a9c1e: Number")."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from perinatal.directory.areas import areas_describe
from perinatal.directory.constants import Need, Phase
from perinatal.directory.forms_editing import LANG_LABELS
from perinatal.directory.models import Organization, Service

register = template.Library()
SPOKEN = gettext_lazy("Languages spoken")
AREAS = gettext_lazy("Area served")

SETS = {
    "phones": gettext_lazy("Phone"),
    "contacts": gettext_lazy("Contact"),
    "locations": gettext_lazy("Address"),
    "hours": gettext_lazy("Opening hours"),
    "languages": gettext_lazy("Language"),
    "cost_options": gettext_lazy("Price"),
}
ROW_FIELDS = {
    "number": gettext_lazy("Number"),
    "type": gettext_lazy("Kind"),
    "description": gettext_lazy("Description"),
    "name": gettext_lazy("Name or desk"),
    "title": gettext_lazy("Title or role"),
    "email": gettext_lazy("E-mail"),
    "phone": gettext_lazy("Phone"),
    "address": gettext_lazy("Address"),
    "address_1": gettext_lazy("Street and number"),
    "postal_code": gettext_lazy("Postcode"),
    "city": gettext_lazy("Municipality"),
    "byday": gettext_lazy("Days"),
    "opens_at": gettext_lazy("Opens at"),
    "closes_at": gettext_lazy("Closes at"),
    "note": gettext_lazy("Note"),
    "amount": gettext_lazy("Amount in euro"),
    "option": gettext_lazy("What it is for"),
}


def _split_language(name: str) -> tuple[str, str]:
    base, _sep, lang = name.rpartition("_")
    return (base, lang) if lang in LANG_LABELS else (name, "")


def _with_language(label, lang: str) -> str:
    if not lang:
        return capfirst(str(label))
    return _("%(field)s (%(language)s)") % {
        "field": capfirst(str(label)),
        "language": LANG_LABELS[lang],
    }


def _field_label(name: str) -> str:
    if name == "languages":
        return str(SPOKEN)
    if name == "areas":
        return str(AREAS)
    base, lang = _split_language(name)
    for model in (Service, Organization):
        try:
            label = getattr(model._meta.get_field(base), "verbose_name", None)
        except FieldDoesNotExist:
            continue
        if label:
            return _with_language(label, lang)
    return name


@register.filter
def change_label(key: str) -> str:
    """A change-log key as a label: a field of the entry, or a row of a set and its field."""
    parts = str(key).split(".")
    if parts[0] not in SETS or len(parts) < 2:
        return _field_label(str(key))
    row = f"{capfirst(str(SETS[parts[0]]))} {parts[1]}"
    if len(parts) == 2:
        return row
    base, lang = _split_language(parts[2])
    return f"{row}: {_with_language(ROW_FIELDS.get(base, base), lang)}"


@register.filter
def change_value(value, key: str) -> str:
    """A changed value as people read it: areas, phases and needs by name, not by code."""
    if value in (None, "", []):
        return "∅"
    if isinstance(value, list):
        if key == "areas":
            return areas_describe(value, get_language() or "nl") or "∅"
        choices = {"phases": Phase, "needs": Need}.get(str(key))
        if choices is not None:
            return ", ".join(
                str(choices(code).label) if code in choices.values else str(code) for code in value
            )
        return ", ".join(str(item) for item in value)
    return str(value)
