"""Result cards: what one entry of the search result list shows, stored in its search document.

The HTML result list is built from these stored cards, as the API's answer is built from the
stored HSDS texts: a page reads one row per hit instead of loading each service with its
parts. A card holds the texts in the document's language (or the marked fallback), the phase
names, and codes that the page turns into labels in the reader's language (cost, languages).
The index writes the card whenever it rewrites the document (index.py), so an editor's change,
a renamed phase or a new translation reaches the list at once.
"""

import json
from dataclasses import dataclass
from uuid import UUID

from django.db.models import Model

from perinatal.directory.constants import LOW_COST, CostCategory
from perinatal.directory.language_fallback import Translated, translated
from perinatal.directory.models import Service


def _text(instance: Model, field: str, lang: str) -> list[str] | None:
    value = translated(instance, field, lang)
    return [value.text, value.lang] if value.text else None


def card_json(service: Service, lang: str) -> str:
    """The card of a service in `lang`, as JSON text; `service` comes with its details loaded
    (details.load_details)."""
    phases = sorted(service.phases.all(), key=lambda term: term.position)
    card = {
        "id": str(service.id),
        "name": _text(service, "name", lang),
        "organization": _text(service.organization, "name", lang),
        "description": _text(service, "description", lang),
        "eligibility": _text(service, "eligibility_description", lang),
        "phases": [_text(term, "name", lang) for term in phases],
        "cost": service.cost_category,
        "prescription": service.prescription_required,
        "referral": service.referral_required,
        "programme": service.programme_1000_days,
        "languages": sorted(language.code for language in service.languages.all()),
    }
    return json.dumps(card, ensure_ascii=False, separators=(",", ":"))


def _translated(pair: list[str] | None, lang: str) -> Translated:
    return Translated(pair[0], pair[1], lang) if pair else Translated("", "", lang)


@dataclass(frozen=True)
class Card:
    """A stored card read back for a page in `lang` (the document's language)."""

    id: UUID
    name: Translated
    organization: Translated
    description: Translated
    eligibility: Translated
    phases: list[Translated]
    cost: str
    prescription: bool | None
    referral: bool
    programme: bool
    languages: list[str]

    @classmethod
    def from_json(cls, stored: str, lang: str) -> "Card":
        data = json.loads(stored)
        return cls(
            id=UUID(data["id"]),
            name=_translated(data["name"], lang),
            organization=_translated(data["organization"], lang),
            description=_translated(data["description"], lang),
            eligibility=_translated(data["eligibility"], lang),
            phases=[_translated(pair, lang) for pair in data["phases"] if pair],
            cost=data["cost"],
            prescription=data["prescription"],
            referral=bool(data["referral"]),
            programme=bool(data["programme"]),
            languages=list(data["languages"]),
        )

    @property
    def cost_label(self) -> str:
        labels = dict(CostCategory.choices)
        return str(labels.get(self.cost, self.cost))

    @property
    def low_cost(self) -> bool:
        return self.cost in LOW_COST
