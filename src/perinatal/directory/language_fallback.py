"""Reading translated directory content with a *visible* fallback.

Content is stored per language (django-modeltranslation columns `name_nl`, `name_fr`, …).
When the asked language is empty, the text of the first language that has it is shown,
marked with the language it is in, so readers know they see a fallback.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import get_language

CONTENT_LANGUAGES = ("nl", "fr", "en")
FALLBACK_ORDER = {"nl": ("nl", "fr", "en"), "fr": ("fr", "nl", "en"), "en": ("en", "nl", "fr")}


@dataclass(frozen=True)
class Translated:
    text: str
    lang: str  # the language `text` is in ("" when there is no text at all)
    asked: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.lang != self.asked

    def __str__(self) -> str:
        return self.text


def current_language() -> str:
    lang = (get_language() or "nl")[:2]
    return lang if lang in CONTENT_LANGUAGES else "nl"


def translated(instance: models.Model, field: str, lang: str | None = None) -> Translated:
    asked = lang or current_language()
    for candidate in FALLBACK_ORDER.get(asked, FALLBACK_ORDER["nl"]):
        value = getattr(instance, f"{field}_{candidate}", "") or ""
        if value.strip():
            return Translated(value, candidate, asked)
    return Translated("", "", asked)
