"""People-shaped output in templates: languages by their names, places in the page's
language (decision 0031). `{% load people %}`."""

from collections.abc import Iterable

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from perinatal.core.municipalities import municipalities_for_postcode

from ..constants import SERVICE_LANGUAGES

register = template.Library()


@register.filter
def language_names(codes: Iterable[str] | None) -> str:
    """["ar", "fr"] → "العربية, Français" (each language in its own name, as the forms
    offer them); "other" → "another language"."""
    names = [
        _("another language") if code == "other" else SERVICE_LANGUAGES.get(code, code)
        for code in codes or ()
    ]
    return ", ".join(names)


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().replace("-", " ").split()) == " ".join(
        b.lower().replace("-", " ").split()
    )


@register.simple_tag
def place(postcode: str, municipality: str) -> str:
    """ "1000 Brussel" on a French page → "1000 Bruxelles": the municipality of the postcode
    in the page's language when the name written is one of its names; else as written."""
    lang = (get_language() or "nl")[:2]
    name = municipality or ""
    for found in municipalities_for_postcode(postcode or ""):
        if not name or _same(name, found.name_nl) or _same(name, found.name_fr):
            name = found.name_in(lang)
            break
    return " ".join(part for part in (postcode or "", name) if part)


def _labels() -> dict[str, str]:
    """Every value of the project's TextChoices → its label (the first found for a value
    that several lists share), in the active language."""
    from django.db import models

    found: dict[str, str] = {}
    todo = list(models.TextChoices.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("perinatal."):
            for value, label in cls.choices:
                found.setdefault(str(value), str(label))
    return found


@register.filter
def value_shown(value: object) -> object:
    """A rule's value as people read it: a list of codes (["health_insurance",
    "care_coordinator"]) by their labels, joined; anything else unchanged."""
    if isinstance(value, (list, tuple)):
        labels = _labels()
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    return value
