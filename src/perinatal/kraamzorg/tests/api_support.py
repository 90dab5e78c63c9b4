"""Helpers for kraamzorg's API tests: a referral body, and a family followed by the midwife
with a request referred through the API."""

from datetime import date, timedelta
from typing import Any

from perinatal.pathways.tests.api_support import api_for
from perinatal.pathways.tests.factories import register


def referral_body(pregnancy: Any, **overrides: Any) -> dict[str, Any]:
    body = {
        "pregnancy_id": str(pregnancy.public_id),
        "reason": "First child, the mother asks for help with breastfeeding.",
        "due_date": (date.today() + timedelta(days=90)).isoformat(),
        "postcode": "1080",
        "municipality": "Molenbeek-Saint-Jean",
        "adults": 2,
        "children": 0,
        "income_band": "B",
        "languages": ["fr"],
        "help_wanted": ["baby_care"],
    }
    body.update(overrides)
    return body


def referred(midwife: Any, offer: Any, **overrides: Any) -> dict[str, Any]:
    """A family registered by `midwife`, referred to `offer` through the API: the answer."""
    pregnancy = register(midwife)
    body = referral_body(pregnancy, service_id=offer.service.service_id, **overrides)
    response = api_for(midwife).post("/kraamzorg/requests", body)
    assert response.status_code == 201, response.content
    return response.json()
